import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { careTeamMembership, screeningReviewScope } from "@/lib/auth/relations";
import { licensedStatesAt, type StaffLicence } from "@/lib/domain/admin/staff-licences";
import { type StoredIntake, storedIntakeSchema } from "@/lib/domain/intake/intake-answers";
import { type EligibilityFlag, psychoticDiagnosisFlag, sortFlags } from "@/lib/domain/screening/eligibility";
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
  diagnosisCode: string | null = null,
): { intake: StoredIntake | null; flags: EligibilityFlag[] } {
  // Stored, not strict: an intake taken before later questions were added still reaches the rules.
  const parsed = storedIntakeSchema.safeParse(s.intakeResponse?.data);
  if (!parsed.success) return { intake: null, flags: [] };
  return {
    intake: parsed.data,
    flags: screeningFlags({
      intake: parsed.data,
      diagnosisCode,
      dateOfBirth: s.client.dateOfBirth,
      residenceState: parsed.data.residence.state,
      measures: s.client.measureResponses,
      prescriberLicenseStates: licenseStates,
      now: new Date(),
      timeZone,
    }),
  };
}

/** A prescriber's licences, with their expiry dates; null for anyone else (the licence rule is then skipped). */
export async function licencesOf(actor: Actor): Promise<StaffLicence[] | null> {
  if (actor.role !== "PRESCRIBER") return null;
  return db().staffLicence.findMany({
    where: { staffProfile: { userId: actor.userId } },
    select: { state: true, expiresAt: true },
  });
}

/** The states a prescriber holds a current (unexpired) licence in now; null for anyone else. */
export async function licenseStatesOf(actor: Actor) {
  const licences = await licencesOf(actor);
  return licences === null ? null : licensedStatesAt(licences, new Date(), actor.timeZone);
}

/**
 * The client's states a prescriber must be licensed in to find them eligible: the state of
 * residence on the client's record and, when it differs, the one the intake gives.
 */
export function statesToBeLicensedIn(s: {
  intakeResponse: { data: unknown } | null;
  client: { state: string };
}): string[] {
  const parsed = storedIntakeSchema.safeParse(s.intakeResponse?.data);
  const states = [s.client.state, ...(parsed.success ? [parsed.data.residence.state] : [])];
  return [...new Set(states.map((x) => x.trim().toUpperCase()).filter(Boolean))];
}

/**
 * The flags a signed screening was signed with, plus the psychotic-features flag when its stored
 * diagnosis has psychotic features and the stored flags lack it (screenings signed before such
 * codes were withdrawn from the picker). The stored record itself is never changed.
 */
function signedFlags(s: { flags: unknown; diagnosisCode: string | null }): EligibilityFlag[] {
  const stored = (s.flags as EligibilityFlag[] | null) ?? [];
  const dx = psychoticDiagnosisFlag(s.diagnosisCode);
  return dx && !stored.some((f) => f.code === dx.code) ? sortFlags([...stored, dx]) : stored;
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
            careTeam: { where: careTeamMembership(actor), select: { id: true } },
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
  const shown = screening.status === "SIGNED" ? signedFlags(screening) : flags;
  const canOpenClientRecord = actor.role === "ADMIN" || screening.client.careTeam.length > 0;
  // A prescriber without a current licence where the client lives cannot sign "eligible".
  const unlicensedStates =
    licenseStates === null
      ? []
      : statesToBeLicensedIn(screening).filter((state) => !licenseStates.includes(state));
  return { screening, intake, flags: shown, licenseStates, unlicensedStates, canOpenClientRecord };
}
