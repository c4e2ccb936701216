import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { sessionScope } from "@/lib/auth/relations";
import { readPracticeSettings } from "@/lib/domain/admin/practice-settings";
import { consentStatusesFrom } from "@/lib/domain/consents/consent-status";
import {
  evaluateDosingGate,
  type GateParticipant,
  type GateResult,
  type ScreeningState,
} from "@/lib/domain/dosing/gates";
import { readProtocolPlan } from "@/lib/domain/scheduling/protocol";
import { eligibilityState } from "@/lib/domain/screening/eligibility-status";
import type { Prisma } from "@/lib/generated/prisma/client";
import { clientNameSelect } from "@/lib/server/clients/client-selects";
import { auditMany } from "@/lib/server/core/audit";
import { authorize, deniedAsNotFound } from "@/lib/server/core/authorize";
import { type Db, db, type Tx } from "@/lib/server/core/db";

/** Everything the dosing gate reads about a series (select it, then call gateFromSeries). */
export const gateSeriesSelect = {
  id: true,
  practice: {
    select: {
      timeZone: true,
      settings: true,
      consentDocuments: { where: { retiredAt: null }, select: { id: true, kind: true, version: true } },
    },
  },
  protocolTemplate: { select: { plan: true } },
  sessions: {
    where: { deletedAt: null },
    select: { id: true, kind: true, sequence: true, startsAt: true, status: true },
  },
  participants: {
    select: {
      client: {
        select: {
          ...clientNameSelect,
          screenings: {
            select: {
              id: true,
              status: true,
              decision: true,
              signedAt: true,
              createdAt: true,
              supersedesId: true,
            },
          },
          consentSignatures: {
            select: { signedAt: true, document: { select: { kind: true, version: true } } },
          },
          safetyFlags: { where: { reviewedAt: null }, select: { id: true } },
        },
      },
    },
  },
} satisfies Prisma.SeriesSelect;
export type GateSeries = Prisma.SeriesGetPayload<{ select: typeof gateSeriesSelect }>;

/**
 * The dosing gate for one dosing session (lib/domain/dosing/gates.ts decides): the same
 * answer explains the UI and refuses a confirmation or a start on the server.
 */
export async function dosingGateFor(
  tx: Tx | Db,
  session: { id: string; seriesId: string; sequence: number | null; startsAt: Date },
): Promise<GateResult> {
  const series = await tx.series.findUniqueOrThrow({
    where: { id: session.seriesId },
    select: gateSeriesSelect,
  });
  return gateFromSeries(series, session);
}

/** The gate for a dosing session of an already loaded series (no query). */
export function gateFromSeries(
  series: GateSeries,
  session: { id: string; sequence: number | null; startsAt: Date },
): GateResult {
  const preparationCompleted = series.sessions.some(
    (s) => s.kind === "PREPARATION" && s.status === "COMPLETED",
  );
  const participants: GateParticipant[] = series.participants.map(({ client }) => {
    const state = eligibilityState(client.screenings);
    const kap = consentStatusesFrom(series.practice.consentDocuments, client.consentSignatures).find(
      (c) => c.kind === "KAP_INFORMED_CONSENT",
    );
    return {
      clientId: client.id,
      name: client.preferredName ?? client.legalFirstName,
      eligible: state === "ELIGIBLE",
      screening: state === "ELIGIBLE" ? undefined : (state as ScreeningState),
      consentCurrent: kap?.current ?? false,
      // Partners prepare together: a completed preparation session of the series counts for both.
      preparationCompleted,
      openSafetyFlag: client.safetyFlags.length > 0,
    };
  });
  return evaluateDosingGate({
    candidate: { id: session.id, sequence: session.sequence, startsAt: session.startsAt },
    participants,
    sessions: series.sessions,
    settings: { maxDosesPer7Days: readPracticeSettings(series.practice.settings).maxDosesPer7Days },
    followUpAfterDose: readProtocolPlan(series.protocolTemplate?.plan).followUpAfterDose,
    timeZone: series.practice.timeZone,
  });
}

/**
 * Who may read the dosing gate: it reports each participant's eligibility,
 * consent and safety flags, the clinical status clinicians see on the dosing
 * record. Clients may not: in a couple each partner's status is their own.
 */
export const mayReadDosingGate = (actor: Actor) => can(actor.role, "read", "dosingRecord");

/**
 * The dosing gate for one session the actor may see (for the calendar's session
 * panel). Clinicians only: the gate names each partner's clinical status.
 */
export async function getSessionGate(actor: Actor, sessionId: string) {
  await authorize(actor, "read", "session", { recordType: "Session", recordId: sessionId });
  await authorize(actor, "read", "dosingRecord", { recordType: "Session", recordId: sessionId });
  const session = await db().session.findFirst({
    where: { id: sessionId, ...sessionScope(actor) },
    select: {
      id: true,
      seriesId: true,
      kind: true,
      sequence: true,
      startsAt: true,
      series: { select: { participants: { select: { clientId: true } } } },
    },
  });
  if (!session)
    return deniedAsNotFound(actor, { action: "session.gate", recordType: "Session", recordId: sessionId });
  if (session.kind !== "DOSING") return null;
  const gate = await dosingGateFor(db(), session);
  await auditMany(
    actor,
    session.series.participants.map((p) => ({
      action: "session.gate",
      recordType: "Session",
      recordId: session.id,
      clientId: p.clientId,
    })),
  );
  return gate;
}
