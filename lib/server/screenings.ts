import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { screeningReviewScope } from "@/lib/auth/relations";
import { countFlags, type EligibilityFlag } from "@/lib/domain/eligibility";
import { findIcd10 } from "@/lib/domain/icd10";
import { screeningFlags } from "@/lib/domain/screening-input";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { intakeSchema } from "@/lib/validation/intake";
import { type DecideScreeningInput, decideScreeningSchema } from "@/lib/validation/screenings";
import { audit } from "./audit";
import { authorize, deniedAsNotFound } from "./authorize";
import { db, type Tx } from "./db";
import { appLink, sendAfterCommit } from "./mail";
import { parseOrThrow } from "./validate";

const reviewSelect = {
  id: true,
  status: true,
  decision: true,
  rationale: true,
  conditions: true,
  diagnosisCode: true,
  diagnosisLabel: true,
  overrideReason: true,
  signedAt: true,
  createdAt: true,
  version: true,
  supersedesId: true,
  openedReason: true,
  flags: true,
  prescriber: { select: { name: true } },
  intakeResponse: { select: { data: true, submittedAt: true } },
  informationRequests: {
    select: { id: true, question: true, answer: true, answeredAt: true, createdAt: true },
  },
  client: {
    select: {
      id: true,
      legalFirstName: true,
      legalLastName: true,
      preferredName: true,
      dateOfBirth: true,
      state: true,
      stage: true,
      measureResponses: {
        orderBy: { takenAt: "desc" },
        select: {
          id: true,
          scale: true,
          context: true,
          answers: true,
          total: true,
          band: true,
          flags: true,
          takenAt: true,
        },
      },
      safetyFlags: {
        orderBy: { raisedAt: "desc" },
        select: { id: true, reason: true, raisedAt: true, reviewedAt: true, reviewNote: true },
      },
      screenings: {
        orderBy: { createdAt: "desc" },
        select: {
          id: true,
          status: true,
          decision: true,
          rationale: true,
          conditions: true,
          diagnosisCode: true,
          diagnosisLabel: true,
          overrideReason: true,
          signedAt: true,
          createdAt: true,
          supersedesId: true,
          openedReason: true,
          prescriber: { select: { name: true } },
          informationRequests: { select: { question: true, answer: true, answeredAt: true } },
        },
      },
    },
  },
} satisfies Prisma.ScreeningSelect;

/** The flags as the reviewing prescriber sees them: their own licence states included. */
function flagsFor(
  s: {
    intakeResponse: { data: unknown; submittedAt: Date | null } | null;
    client: Prisma.ScreeningGetPayload<{ select: typeof reviewSelect }>["client"];
  },
  licenseStates: string[] | null,
  timeZone: string,
): { intake: ReturnType<typeof intakeSchema.parse> | null; flags: EligibilityFlag[] } {
  const parsed = intakeSchema.safeParse(s.intakeResponse?.data);
  if (!parsed.success) return { intake: null, flags: [] };
  return {
    intake: parsed.data,
    flags: screeningFlags({
      intake: parsed.data,
      dateOfBirth: s.client.dateOfBirth,
      residenceState: parsed.data.residence.state,
      measures: s.client.measureResponses,
      prescriberLicenseStates: licenseStates,
      now: new Date(),
      timeZone,
    }),
  };
}

async function licenseStatesOf(actor: Actor) {
  if (actor.role !== "PRESCRIBER") return null;
  const profile = await db().staffProfile.findUnique({
    where: { userId: actor.userId },
    select: { licenseStates: true },
  });
  return profile?.licenseStates ?? [];
}

/** Everything a prescriber reviews on one page; care team members may read it too. */
export async function getScreeningReview(actor: Actor, screeningId: string) {
  await authorize(actor, "read", "screening", { recordType: "Screening", recordId: screeningId });
  const [screening, licenseStates] = await Promise.all([
    db().screening.findFirst({
      where: { id: screeningId, practiceId: actor.practiceId, client: screeningReviewScope(actor) },
      select: {
        ...reviewSelect,
        client: {
          select: {
            ...reviewSelect.client.select,
            // Whether the reader may open the rest of the client's record.
            careTeam: { where: { userId: actor.userId, removedAt: null }, select: { id: true } },
          },
        },
      },
    }),
    licenseStatesOf(actor),
  ]);
  if (!screening) {
    return deniedAsNotFound(actor, {
      action: "screening.read",
      recordType: "Screening",
      recordId: screeningId,
    });
  }
  await audit(actor, {
    action: "screening.read",
    recordType: "Screening",
    recordId: screening.id,
    clientId: screening.client.id,
  });
  // A signed screening shows the flags it was signed with; an open one, the flags for this prescriber.
  const { intake, flags } = flagsFor(screening, licenseStates, actor.timeZone);
  const shown = screening.status === "SIGNED" ? (screening.flags as unknown as EligibilityFlag[]) : flags;
  const canOpenClientRecord = actor.role === "ADMIN" || screening.client.careTeam.length > 0;
  return { screening, intake, flags: shown, licenseStates, canOpenClientRecord };
}

const STAGE_AFTER = {
  ELIGIBLE: "ELIGIBLE",
  NOT_ELIGIBLE: "NOT_ELIGIBLE",
  NEEDS_INFORMATION: "SCREENING_NEEDS_INFO",
} as const;

/**
 * A prescriber signs a decision. Eligible despite an absolute flag needs an
 * override reason. Once signed the screening is fixed (a database trigger too).
 */
export async function decideScreening(actor: Actor, input: DecideScreeningInput) {
  const data = parseOrThrow(decideScreeningSchema, input);
  await authorize(actor, "decide", "screening", { recordType: "Screening", recordId: data.screeningId });
  const licenseStates = await licenseStatesOf(actor);
  const screening = await db().screening.findFirst({
    where: { id: data.screeningId, practiceId: actor.practiceId, client: screeningReviewScope(actor) },
    select: reviewSelect,
  });
  if (!screening) {
    return deniedAsNotFound(actor, {
      action: "screening.decide",
      recordType: "Screening",
      recordId: data.screeningId,
    });
  }
  if (screening.status !== "AWAITING_REVIEW")
    throw new AppError("CONFLICT", "This screening is already signed.");
  const { flags } = flagsFor(screening, licenseStates, actor.timeZone);
  const counts = countFlags(flags);
  if (data.decision === "ELIGIBLE" && counts.absolute > 0 && !data.overrideReason) {
    throw new AppError("VALIDATION", "An absolute flag is open: explain why the client is eligible anyway.", {
      fieldErrors: { overrideReason: ["Explain why the client is eligible despite the absolute flags."] },
    });
  }
  const dx = data.diagnosisCode ? findIcd10(data.diagnosisCode) : null;
  const now = new Date();
  const clientId = screening.client.id;
  await db().$transaction(async (tx) => {
    const { count } = await tx.screening.updateMany({
      where: { id: screening.id, status: "AWAITING_REVIEW", version: data.version },
      data: {
        status: "SIGNED",
        decision: data.decision,
        rationale: data.rationale,
        conditions: data.conditions ?? null,
        diagnosisCode: dx?.code ?? null,
        diagnosisLabel: dx?.description ?? null,
        overrideReason:
          data.decision === "ELIGIBLE" && counts.absolute > 0 ? (data.overrideReason ?? null) : null,
        flags: flags as unknown as Prisma.InputJsonValue,
        absoluteFlagCount: counts.absolute,
        relativeFlagCount: counts.relative,
        prescriberId: actor.userId,
        signedAt: now,
        version: { increment: 1 },
      },
    });
    if (count !== 1) throw new AppError("CONFLICT", "Someone else changed this screening. Reload to see it.");
    if (data.decision === "NEEDS_INFORMATION" && data.question) {
      await tx.informationRequest.create({
        data: { screeningId: screening.id, clientId, question: data.question, requestedById: actor.userId },
      });
    }
    // The deciding prescriber joins the client's care team (and so reaches the rest of the record).
    const member = await tx.careTeamMember.upsert({
      where: { clientId_userId: { clientId, userId: actor.userId } },
      create: { clientId, userId: actor.userId, role: "PRESCRIBER" },
      update: { removedAt: null },
      select: { id: true },
    });
    await audit(
      actor,
      {
        action: "care_team.join",
        recordType: "CareTeamMember",
        recordId: member.id,
        clientId,
        detail: { role: "PRESCRIBER", reason: "screening decision" },
      },
      tx,
    );
    await tx.client.update({
      where: { id: clientId },
      data: { stage: STAGE_AFTER[data.decision], stageChangedAt: now },
    });
    await audit(
      actor,
      {
        action: "screening.decide",
        recordType: "Screening",
        recordId: screening.id,
        clientId,
        detail: { decision: data.decision, override: Boolean(data.overrideReason && counts.absolute > 0) },
      },
      tx,
    );
  });
  await tellClient(clientId, screening.id);
}

/**
 * The client hears there is news, never what it is: the mail names no screening,
 * decision or treatment. Sent after the decision is signed; a mail failure is
 * logged and never turns the signed decision into an error.
 */
async function tellClient(clientId: string, screeningId: string) {
  await sendAfterCommit(`Screening ${screeningId}`, async () => {
    const client = await db().client.findUnique({
      where: { id: clientId },
      select: {
        email: true,
        preferredName: true,
        legalFirstName: true,
        practice: { select: { id: true, name: true } },
      },
    });
    if (!client) return null;
    return {
      to: client.email,
      practiceId: client.practice.id,
      subject: `You have a new message from ${client.practice.name}`,
      text: `Hello ${client.preferredName ?? client.legalFirstName},\n\nYou have a new message from ${client.practice.name}. Sign in to read it:\n${appLink("/portal")}`,
    };
  });
}

/** A new screening for the same intake, superseding a signed one, back in the queue. */
export async function reopenScreening(
  tx: Tx,
  previous: {
    id: string;
    practiceId: string;
    clientId: string;
    intakeResponseId: string | null;
    flags: Prisma.JsonValue;
    absoluteFlagCount: number;
    relativeFlagCount: number;
  },
  openedReason: string,
) {
  const next = await tx.screening.create({
    data: {
      openedReason,
      practiceId: previous.practiceId,
      clientId: previous.clientId,
      intakeResponseId: previous.intakeResponseId,
      flags: previous.flags ?? [],
      absoluteFlagCount: previous.absoluteFlagCount,
      relativeFlagCount: previous.relativeFlagCount,
      supersedesId: previous.id,
    },
  });
  await tx.client.update({
    where: { id: previous.clientId },
    data: { stage: "AWAITING_SCREENING", stageChangedAt: new Date() },
  });
  return next;
}
