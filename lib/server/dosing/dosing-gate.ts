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
  type GateSession,
  preparedFor,
  type ScreeningState,
} from "@/lib/domain/dosing/gates";
import { readProtocolPlan } from "@/lib/domain/scheduling/protocol";
import type { Prisma } from "@/lib/generated/prisma/client";
import { clientNameSelect } from "@/lib/server/clients/client-selects";
import { consentSignatureStatusSelect } from "@/lib/server/consents/consent-selects";
import { auditMany } from "@/lib/server/core/audit";
import { authorize, deniedAsNotFound } from "@/lib/server/core/authorize";
import { type Db, db, type Tx } from "@/lib/server/core/db";
import { eligibilityAt, eligibilityScreeningSelect } from "@/lib/server/screening/eligibility-now";

/** A session as the gate reads it, in any series of a participant. */
export const historySessionSelect = {
  id: true,
  seriesId: true,
  kind: true,
  sequence: true,
  startsAt: true,
  endsAt: true,
  status: true,
} satisfies Prisma.SessionSelect;

/** The session kinds the series rules read (docs/clinical-rules.md §1). */
const GATE_KINDS = ["PREPARATION", "DOSING", "INTEGRATION", "FOLLOW_UP"] as const;

/**
 * Everything the dosing gate reads about a series (select it, then call gateFromSeries): one
 * query, with each participant's history across every series they are in (their own doses given,
 * the sessions of all their series and their recorded attendance) as nested selects.
 */
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
            select: eligibilityScreeningSelect,
          },
          consentSignatures: { select: consentSignatureStatusSelect },
          safetyFlags: { where: { reviewedAt: null }, select: { id: true } },
          // A dose given counts whatever became of its session or series afterwards.
          // Every record: a dosing session completed without any record of this client still counts.
          dosingRecords: {
            select: { doseGivenAt: true, session: { select: historySessionSelect } },
          },
          seriesParticipations: {
            where: { series: { deletedAt: null } },
            select: {
              series: {
                select: {
                  kind: true,
                  sessions: {
                    where: { deletedAt: null, kind: { in: [...GATE_KINDS] } },
                    select: historySessionSelect,
                  },
                },
              },
            },
          },
          sessionAttendances: { select: { sessionId: true, attended: true } },
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

type GateClient = GateSeries["participants"][number]["client"];

/** One participant's sessions across every series they are in, with their own doses and attendance. */
function historyOf(client: GateClient): GateSession[] {
  const given = new Map(client.dosingRecords.map((r) => [r.session.id, r.doseGivenAt]));
  const recorded = new Set(client.dosingRecords.map((r) => r.session.id));
  const attended = new Map(client.sessionAttendances.map((a) => [a.sessionId, a.attended]));
  const sessions = new Map<string, GateSession>();
  for (const { series } of client.seriesParticipations) {
    for (const s of series.sessions) {
      sessions.set(s.id, {
        ...s,
        seriesKind: series.kind,
        doseGivenAt: given.get(s.id) ?? null,
        recorded: recorded.has(s.id),
        attended: attended.get(s.id) ?? null,
      });
    }
  }
  // Doses given in a session or series removed since still count.
  for (const r of client.dosingRecords) {
    if (r.doseGivenAt && !sessions.has(r.session.id))
      sessions.set(r.session.id, { ...r.session, doseGivenAt: r.doseGivenAt, recorded: true });
  }
  return [...sessions.values()];
}

/** The gate for a dosing session of an already loaded series (no query). */
export function gateFromSeries(
  series: GateSeries,
  session: { id: string; sequence: number | null; startsAt: Date },
): GateResult {
  const participants: GateParticipant[] = series.participants.map(({ client }) => {
    // Judged now and at the dose's planned start, whichever is later: a decision that will have
    // expired by the day of the dose holds it already.
    const at = new Date(Math.max(Date.now(), session.startsAt.getTime()));
    const eligibility = eligibilityAt(client.screenings, series.practice, at);
    const state = eligibility.state;
    const kap = consentStatusesFrom(series.practice.consentDocuments, client.consentSignatures).find(
      (c) => c.kind === "KAP_INFORMED_CONSENT",
    );
    const sessions = historyOf(client);
    return {
      clientId: client.id,
      name: client.preferredName ?? client.legalFirstName,
      eligible: state === "ELIGIBLE",
      screening: state === "ELIGIBLE" ? undefined : (state as ScreeningState),
      expiry: eligibility.expiry,
      consentCurrent: kap?.current ?? false,
      consentWithdrawn: Boolean(kap?.withdrawnAt),
      // In a couple each partner counts only the preparation sessions they were recorded attending.
      preparationCompleted: preparedFor(sessions, series.id),
      openSafetyFlag: client.safetyFlags.length > 0,
      sessions,
    };
  });
  const settings = readPracticeSettings(series.practice.settings);
  return evaluateDosingGate({
    candidate: {
      id: session.id,
      seriesId: series.id,
      sequence: session.sequence,
      startsAt: session.startsAt,
    },
    participants,
    settings: {
      maxDosesPer7Days: settings.maxDosesPer7Days,
      integrationMinDays: settings.integrationMinDays,
      integrationMaxDays: settings.integrationMaxDays,
    },
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
