import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { clientScope } from "@/lib/auth/relations";
import type { ConsentKind } from "@/lib/domain/consents/consent-documents";
import { consentStatusesFrom } from "@/lib/domain/consents/consent-status";
import type { EligibilityStatus } from "@/lib/domain/screening/eligibility-status";
import type { Prisma } from "@/lib/generated/prisma/client";
import { clientNameSelect } from "@/lib/server/clients/client-selects";
import { consentSignatureStatusSelect } from "@/lib/server/consents/consent-selects";
import { audit } from "@/lib/server/core/audit";
import { authorize, deniedAsNotFound } from "@/lib/server/core/authorize";
import { db } from "@/lib/server/core/db";
import { eligibilityAt, eligibilityScreeningSelect } from "@/lib/server/screening/eligibility-now";

const clientSummarySelect = {
  ...clientNameSelect,
  pronouns: true,
  dateOfBirth: true,
  state: true,
  email: true,
  phone: true,
  stage: true,
  stageChangedAt: true,
  userId: true,
  createdAt: true,
  careTeam: {
    where: { removedAt: null },
    select: { role: true, user: { select: { id: true, name: true, role: true } } },
  },
  safetyFlags: {
    orderBy: { raisedAt: "desc" },
    take: 20,
    select: { id: true, reason: true, raisedAt: true, raisedById: true, reviewedAt: true, reviewNote: true },
  },
  seriesParticipations: {
    where: { series: { deletedAt: null } },
    select: { series: { select: { id: true, kind: true, status: true, createdAt: true } } },
  },
  screenings: {
    orderBy: { createdAt: "desc" },
    take: 10,
    select: {
      ...eligibilityScreeningSelect,
      conditions: true,
      prescriber: { select: { name: true } },
      informationRequests: {
        where: { answeredAt: null },
        select: { id: true, question: true, createdAt: true },
      },
    },
  },
  // Read for the eligibility rule only (its re-review interval), never returned.
  practice: {
    select: {
      settings: true,
      timeZone: true,
      consentDocuments: { where: { retiredAt: null }, select: { id: true, kind: true, version: true } },
    },
  },
  // Read for the consents' state (a withdrawn consent is shown), never returned as such.
  consentSignatures: { select: consentSignatureStatusSelect },
} satisfies Prisma.ClientSelect;
export type ClientSummary = Omit<
  Prisma.ClientGetPayload<{ select: typeof clientSummarySelect }>,
  "practice" | "consentSignatures"
>;

/** One client's record as the actor may see it; 404 (audited) when out of their reach. */
export async function getClientSummary(
  actor: Actor,
  clientId: string,
): Promise<
  ClientSummary & {
    eligibility: ClientEligibility | null;
    consentsWithdrawn: { kind: ConsentKind; withdrawnAt: Date; reason: string | null }[];
  }
> {
  await authorize(actor, "read", "client", { recordType: "Client", recordId: clientId, clientId });
  const client = await db().client.findFirst({
    where: { id: clientId, ...clientScope(actor) },
    select: clientSummarySelect,
  });
  if (!client) {
    return deniedAsNotFound(actor, { action: "client.read", recordType: "Client", recordId: clientId });
  }
  await audit(actor, {
    action: "client.read",
    recordType: "Client",
    recordId: client.id,
    clientId: client.id,
  });
  // Safety flags and screenings are clinical: only roles that may read them get them.
  const mayReadScreening = can(actor.role, "read", "screening");
  const { practice, consentSignatures, ...rest } = client;
  // A consent the client withdrew and has not signed again: the care team sees it on the record.
  const consentsWithdrawn = can(actor.role, "read", "consent")
    ? consentStatusesFrom(practice.consentDocuments, consentSignatures)
        .filter((c) => c.withdrawnAt)
        .map((c) => ({ kind: c.kind, withdrawnAt: c.withdrawnAt as Date, reason: c.withdrawReason }))
    : [];
  // The newest screening is among the ten read, and it is the one in force (nothing newer supersedes it).
  const eligibility = mayReadScreening ? eligibilityAt(client.screenings, practice) : null;
  return {
    eligibility: eligibility && {
      state: eligibility.state,
      reason: eligibility.reason,
      expiresAt: eligibility.expiresAt,
      expiry: eligibility.expiry,
    },
    consentsWithdrawn,
    ...rest,
    safetyFlags: can(actor.role, "read", "safetyFlag") ? client.safetyFlags : [],
    screenings: mayReadScreening ? client.screenings : [],
    seriesParticipations: can(actor.role, "read", "series") ? client.seriesParticipations : [],
  };
}

/** Where the client stands on eligibility now (docs/clinical-rules.md §2 "Eligibility in time"). */
export type ClientEligibility = Pick<EligibilityStatus, "state" | "reason" | "expiresAt"> & {
  expiry?: string;
};
