import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { sessionScope } from "@/lib/auth/relations";
import { displayName } from "@/lib/domain/clients/display-name";
import type { GateResult } from "@/lib/domain/dosing/gates";
import { readProtocolPlan } from "@/lib/domain/scheduling/protocol";
import { type PlanProblem, validatePlanOrder } from "@/lib/domain/scheduling/series-plan";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { clientNameSelect } from "@/lib/server/clients/client-selects";
import { auditMany } from "@/lib/server/core/audit";
import { authorize, deniedAsNotFound } from "@/lib/server/core/authorize";
import type { Tx } from "@/lib/server/core/db";
import { AuditedRefusal } from "@/lib/server/core/transaction";
import { gateFromSeries, gateSeriesSelect, historySessionSelect } from "@/lib/server/dosing/dosing-gate";
import { busyBlocks, conflictsFor, lockScheduling, type SchedulingParty } from "./conflicts";
import { integrationWindowOf } from "./series-planning";

const sessionSelect = {
  ...historySessionSelect,
  version: true,
  clinician: { select: { id: true, name: true } },
  series: {
    select: {
      kind: true,
      practice: { select: { settings: true } },
      therapist: { select: { id: true, name: true } },
      prescriber: { select: { id: true, name: true } },
      protocolTemplate: { select: { plan: true } },
      participants: {
        select: {
          client: { select: clientNameSelect },
        },
      },
      sessions: {
        where: { deletedAt: null },
        select: {
          id: true,
          kind: true,
          sequence: true,
          startsAt: true,
          endsAt: true,
          status: true,
          version: true,
          dosingRecords: { where: { doseGivenAt: { not: null } }, select: { doseGivenAt: true } },
        },
      },
    },
  },
} satisfies Prisma.SessionSelect;
export type LoadedSession = Prisma.SessionGetPayload<{ select: typeof sessionSelect }>;

/** Refuses (BLOCKED) when a gate does not allow a dose, with a denial row per participant. */
export function gateRefusal(
  s: LoadedSession,
  action: string,
  blocked: { sessionId: string; gate: GateResult }[],
  message: string,
) {
  return new AuditedRefusal(
    "BLOCKED",
    message,
    blocked.flatMap(({ sessionId, gate }) =>
      s.series.participants.map(({ client }) => ({
        action,
        recordType: "Session",
        recordId: sessionId,
        clientId: client.id,
        outcome: "DENIED" as const,
        detail: { blocked: gate.blocks.map((b) => b.code) },
      })),
    ),
  );
}

/**
 * After a move (inside its transaction), re-runs the dosing gate for every
 * confirmed dose that moved, against the series as it now stands.
 */
export async function assertMovedDosesAllowed(tx: Tx, s: LoadedSession, movedIds: string[], action: string) {
  const moved = new Set(movedIds);
  const confirmedDoses = s.series.sessions.filter(
    (x) => moved.has(x.id) && x.kind === "DOSING" && x.status === "CONFIRMED",
  );
  if (confirmedDoses.length === 0) return;
  const series = await tx.series.findUniqueOrThrow({ where: { id: s.seriesId }, select: gateSeriesSelect });
  const blocked = confirmedDoses.flatMap((dose) => {
    const current = series.sessions.find((x) => x.id === dose.id);
    if (!current) return [];
    const gate = gateFromSeries(series, current);
    return gate.allowed ? [] : [{ sessionId: dose.id, gate }];
  });
  if (blocked.length === 0) return;
  const reasons = [...new Set(blocked.flatMap((b) => b.gate.blocks.map((x) => x.reason)))].join(" ");
  throw gateRefusal(s, action, blocked, `A confirmed dose could not go ahead at the new time: ${reasons}`);
}

/** Moving a session makes any reminder already sent name the old time: send them again. */
export const RESEND_REMINDERS = { reminderSentAt: null, prepReminderSentAt: null } as const;

export async function loadSession(tx: Tx, actor: Actor, sessionId: string, action: string) {
  await authorize(actor, "update", "session", { recordType: "Session", recordId: sessionId });
  const session = await tx.session.findFirst({
    where: { id: sessionId, ...sessionScope(actor) },
    select: sessionSelect,
  });
  if (!session) return deniedAsNotFound(actor, { action, recordType: "Session", recordId: sessionId });
  return session;
}

const partyOf = (s: LoadedSession): SchedulingParty => ({
  therapist: { id: s.series.therapist.id, label: s.series.therapist.name },
  prescriber: s.series.prescriber ? { id: s.series.prescriber.id, label: s.series.prescriber.name } : null,
  clients: s.series.participants.map(({ client }) => ({ id: client.id, label: displayName(client) })),
});

/** Refuses a move that clashes with anyone's calendar or breaks the series' order. */
export async function assertMovable(
  tx: Tx,
  actor: Actor,
  s: LoadedSession,
  moves: Map<string, { startsAt: Date; endsAt: Date }>,
) {
  const party = partyOf(s);
  // A dose given ends when it was given, if that is after the session's planned end.
  const withDoses = (x: LoadedSession["series"]["sessions"][number]) => ({
    ...x,
    doseGivenAt: x.dosingRecords.reduce<Date | null>(
      (latest, r) => (r.doseGivenAt && (!latest || r.doseGivenAt > latest) ? r.doseGivenAt : latest),
      null,
    ),
  });
  const before = s.series.sessions.map(withDoses);
  const moved = before.map((x) => ({ ...x, ...(moves.get(x.id) ?? {}) }));
  const followUpAfterDose = readProtocolPlan(s.series.protocolTemplate?.plan).followUpAfterDose;
  const integrationWindow = integrationWindowOf(s.series.practice.settings, actor.timeZone);
  // The integration window (a practice setting that may have changed since the series was
  // planned) refuses only what this move breaks, so a series planned under an older setting
  // can still be moved.
  const key = (p: PlanProblem) => `${p.code}:${p.sequence ?? ""}`;
  const already = new Set(validatePlanOrder(before, { followUpAfterDose, integrationWindow }).map(key));
  const problems = [
    ...validatePlanOrder(moved, { followUpAfterDose }),
    ...validatePlanOrder(moved, { followUpAfterDose, integrationWindow }).filter(
      (p) => p.code === "INTEGRATION_TOO_SOON" && !already.has(key(p)),
    ),
  ];
  if (problems.length > 0)
    throw new AppError("VALIDATION", `That would put the series out of order: ${problems[0]?.message}`);
  const slots = [...moves].map(([id, t]) => ({
    key: id,
    kind: moved.find((m) => m.id === id)?.kind ?? "",
    ...t,
  }));
  const from = new Date(Math.min(...slots.map((x) => x.startsAt.getTime())));
  const to = new Date(Math.max(...slots.map((x) => x.endsAt.getTime())));
  await lockScheduling(tx, [
    party.therapist.id,
    party.prescriber?.id ?? "",
    ...party.clients.map((c) => c.id),
  ]);
  const busy = await busyBlocks(tx, party, from, to, [...moves.keys()]);
  const clash = conflictsFor(slots, busy, party).find((c) => c.conflicts.length > 0);
  if (clash) {
    const first = clash.conflicts[0];
    throw new AppError("CONFLICT", `That time clashes: ${first?.who} has ${first?.what}.`);
  }
}

export async function saveChange(
  tx: Tx,
  s: LoadedSession,
  version: number,
  data: Prisma.SessionUpdateManyMutationInput,
) {
  const { count } = await tx.session.updateMany({
    where: { id: s.id, version },
    data: { ...data, version: { increment: 1 } },
  });
  if (count !== 1)
    throw new AppError("CONFLICT", "This session was changed by someone else. Reload to see it.");
}

export const auditEach = (
  tx: Tx,
  actor: Actor,
  s: LoadedSession,
  action: string,
  detail?: Prisma.InputJsonValue,
) =>
  auditMany(
    actor,
    s.series.participants.map(({ client }) => ({
      action,
      recordType: "Session",
      recordId: s.id,
      clientId: client.id,
      detail,
    })),
    tx,
  );
