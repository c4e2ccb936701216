import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { screeningReviewScope } from "@/lib/auth/relations";
import { intakeSchema } from "@/lib/domain/intake/intake-answers";
import type { EligibilityFlag } from "@/lib/domain/screening/eligibility";
import { screeningFlags } from "@/lib/domain/screening/screening-input";
import type { Prisma } from "@/lib/generated/prisma/client";
import { clientNameSelect } from "@/lib/server/clients/client-selects";
import { audit } from "@/lib/server/core/audit";
import { authorize, deniedAsNotFound } from "@/lib/server/core/authorize";
import { db } from "@/lib/server/core/db";
import { measureResponseSelect } from "@/lib/server/measures/measure-selects";

/** A screening's decision as the review and its history show it. */
const decisionSelect = {
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
} as const satisfies Prisma.ScreeningSelect;

export const reviewSelect = {
  ...decisionSelect,
  version: true,
  flags: true,
  intakeResponse: { select: { data: true, submittedAt: true } },
  informationRequests: {
    select: { id: true, question: true, answer: true, answeredAt: true, createdAt: true },
  },
  client: {
    select: {
      ...clientNameSelect,
      dateOfBirth: true,
      state: true,
      stage: true,
      measureResponses: {
        orderBy: { takenAt: "desc" },
        select: measureResponseSelect,
      },
      safetyFlags: {
        orderBy: { raisedAt: "desc" },
        select: { id: true, reason: true, raisedAt: true, reviewedAt: true, reviewNote: true },
      },
      screenings: {
        orderBy: { createdAt: "desc" },
        select: {
          ...decisionSelect,
          informationRequests: { select: { question: true, answer: true, answeredAt: true } },
        },
      },
    },
  },
} satisfies Prisma.ScreeningSelect;

/** The flags as the reviewing prescriber sees them: their own licence states included. */
export function flagsFor(
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

export async function licenseStatesOf(actor: Actor) {
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
