import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { clientScope, screeningReviewScope } from "@/lib/auth/relations";
import { describeMissing, licensedStatesAt, missingLicences } from "@/lib/domain/admin/staff-licences";
import { countFlags } from "@/lib/domain/screening/eligibility";
import { findIcd10 } from "@/lib/domain/screening/icd10";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { audit } from "@/lib/server/core/audit";
import { authorize, deniedAsNotFound } from "@/lib/server/core/authorize";
import { db, type Tx } from "@/lib/server/core/db";
import { parseOrThrow } from "@/lib/server/core/parse";
import { transaction } from "@/lib/server/core/transaction";
import { appLink, sendAfterCommit } from "@/lib/server/mail/send-mail";
import {
  type DecideScreeningInput,
  decideScreeningSchema,
  type RevisitScreeningInput,
  revisitScreeningSchema,
} from "@/lib/validation/screening";
import { flagsFor, licencesOf, reviewSelect, statesToBeLicensedIn } from "./screening-review";

/** What reopening a signed screening copies from it into the new one. */
export const screeningToReopenSelect = {
  id: true,
  practiceId: true,
  clientId: true,
  intakeResponseId: true,
  flags: true,
  absoluteFlagCount: true,
  relativeFlagCount: true,
} as const;

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
  const now = new Date();
  const licences = await licencesOf(actor);
  const licenseStates = licences === null ? null : licensedStatesAt(licences, now, actor.timeZone);
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
  // No override turns "not licensed where the client lives" into eligible: another prescriber decides.
  if (data.decision === "ELIGIBLE" && licences !== null) {
    const missing = missingLicences(licences, statesToBeLicensedIn(screening), now, actor.timeZone);
    if (missing.length > 0) {
      const message = `You hold no current licence in ${describeMissing(missing)}, where the client lives: you cannot find them eligible, whatever the override. A prescriber licensed there must decide.`;
      await audit(actor, {
        action: "screening.decide",
        recordType: "Screening",
        recordId: screening.id,
        clientId: screening.client.id,
        outcome: "DENIED",
        detail: {
          decision: data.decision,
          reason: "prescriber-not-licensed",
          missing: missing.map((m) => ({ state: m.state, expiredOn: m.expiredOn })),
        },
      });
      throw new AppError("BLOCKED", message, { fieldErrors: { decision: [message] } });
    }
  }
  // A diagnosis with psychotic features is not offered, but one sent anyway raises its flag here.
  const { flags } = flagsFor(screening, licenseStates, actor.timeZone, data.diagnosisCode ?? null);
  const counts = countFlags(flags);
  if (data.decision === "ELIGIBLE" && counts.absolute > 0 && !data.overrideReason) {
    throw new AppError("VALIDATION", "An absolute flag is open: explain why the client is eligible anyway.", {
      fieldErrors: { overrideReason: ["Explain why the client is eligible despite the absolute flags."] },
    });
  }
  const dx = data.diagnosisCode ? findIcd10(data.diagnosisCode) : null;
  const clientId = screening.client.id;
  await transaction(actor, async (tx) => {
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
      update: { removedAt: null, role: "PRESCRIBER" },
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

/** A prescriber revisits a signed decision: a new screening supersedes it, with the reason kept. */
export async function revisitScreening(actor: Actor, input: RevisitScreeningInput) {
  const data = parseOrThrow(revisitScreeningSchema, input);
  await authorize(actor, "revisit", "screening", { recordType: "Screening", recordId: data.screeningId });
  const screening = await db().screening.findFirst({
    where: { id: data.screeningId, practiceId: actor.practiceId, client: clientScope(actor) },
    select: { ...screeningToReopenSelect, status: true, supersededBy: { select: { id: true } } },
  });
  if (!screening) {
    return deniedAsNotFound(actor, {
      action: "screening.revisit",
      recordType: "Screening",
      recordId: data.screeningId,
    });
  }
  if (screening.status !== "SIGNED" || screening.supersededBy) {
    throw new AppError("CONFLICT", "Only the screening in force can be revisited.");
  }
  return transaction(actor, async (tx) => {
    const next = await reopenScreening(tx, screening, data.reason);
    await audit(
      actor,
      {
        action: "screening.revisit",
        recordType: "Screening",
        recordId: next.id,
        clientId: screening.clientId,
        detail: { supersedes: screening.id, reason: data.reason },
      },
      tx,
    );
    return { screeningId: next.id };
  });
}
