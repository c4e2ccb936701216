import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { seriesScope } from "@/lib/auth/relations";
import type { GateResult } from "@/lib/domain/gates";
import { readProtocolPlan } from "@/lib/domain/protocol";
import { shiftSessions, validatePlanOrder } from "@/lib/domain/series-plan";
import { zonedDateTime } from "@/lib/domain/zoned-time";
import { AppError, type AppErrorCode } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import {
  type CancelSessionInput,
  cancelSessionSchema,
  type RescheduleSessionInput,
  rescheduleSessionSchema,
  type SessionStatusInput,
  type ShiftSeriesInput,
  sessionStatusSchema,
  shiftSeriesSchema,
} from "@/lib/validation/series";
import { type AuditEntry, auditMany } from "./audit";
import { authorize, deniedAsNotFound } from "./authorize";
import { db, type Tx } from "./db";
import { dosingGateFor, gateFromSeries, gateSeriesSelect } from "./dosing-gate";
import { syncMeasureRequests } from "./measure-requests";
import {
  busyBlocks,
  conflictsFor,
  lockScheduling,
  partyClientLabel,
  type SchedulingParty,
} from "./scheduling";
import { parseOrThrow } from "./validate";

/** Sessions of series whose every participant is on the actor's care team. */
const schedulable = (actor: Actor): Prisma.SessionWhereInput => ({
  deletedAt: null,
  series: seriesScope(actor),
});

const sessionSelect = {
  id: true,
  seriesId: true,
  kind: true,
  sequence: true,
  startsAt: true,
  endsAt: true,
  status: true,
  version: true,
  clinician: { select: { id: true, name: true } },
  series: {
    select: {
      therapist: { select: { id: true, name: true } },
      prescriber: { select: { id: true, name: true } },
      protocolTemplate: { select: { plan: true } },
      participants: {
        select: {
          client: { select: { id: true, preferredName: true, legalFirstName: true, legalLastName: true } },
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
        },
      },
    },
  },
} satisfies Prisma.SessionSelect;
type LoadedSession = Prisma.SessionGetPayload<{ select: typeof sessionSelect }>;

/**
 * Who may read the dosing gate: it reports each participant's eligibility,
 * consent and safety flags, the clinical status clinicians see on the dosing
 * record. Clients may not: in a couple each partner's status is their own.
 */
export const mayReadDosingGate = (actor: Actor) => can(actor.role, "read", "dosingRecord");

/** A refusal whose audit rows must outlive the transaction it rolls back. */
class AuditedRefusal extends AppError {
  constructor(
    code: AppErrorCode,
    message: string,
    readonly entries: AuditEntry[],
  ) {
    super(code, message);
  }
}

/**
 * Runs `work` in one transaction. When it refuses with an AuditedRefusal, the
 * transaction rolls back and the denial rows are written afterwards, so they stay.
 */
async function transaction<T>(actor: Actor, work: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await db().$transaction(work);
  } catch (e) {
    if (!(e instanceof AuditedRefusal)) throw e;
    await auditMany(actor, e.entries);
    throw new AppError(e.code, e.message);
  }
}

/** Refuses (BLOCKED) when a gate does not allow a dose, with a denial row per participant. */
function gateRefusal(
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
async function assertMovedDosesAllowed(tx: Tx, s: LoadedSession, movedIds: string[], action: string) {
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
const RESEND_REMINDERS = { reminderSentAt: null, prepReminderSentAt: null } as const;

async function loadSession(tx: Tx, actor: Actor, sessionId: string, action: string) {
  await authorize(actor, "update", "session", { recordType: "Session", recordId: sessionId });
  const session = await tx.session.findFirst({
    where: { id: sessionId, ...schedulable(actor) },
    select: sessionSelect,
  });
  if (!session) return deniedAsNotFound(actor, { action, recordType: "Session", recordId: sessionId });
  return session;
}

const partyOf = (s: LoadedSession): SchedulingParty => ({
  therapist: { id: s.series.therapist.id, label: s.series.therapist.name },
  prescriber: s.series.prescriber ? { id: s.series.prescriber.id, label: s.series.prescriber.name } : null,
  clients: s.series.participants.map(({ client }) => ({ id: client.id, label: partyClientLabel(client) })),
});

/** Refuses a move that clashes with anyone's calendar or breaks the series' order. */
async function assertMovable(tx: Tx, s: LoadedSession, moves: Map<string, { startsAt: Date; endsAt: Date }>) {
  const party = partyOf(s);
  const moved = s.series.sessions.map((x) => ({ ...x, ...(moves.get(x.id) ?? {}) }));
  const problems = validatePlanOrder(moved, {
    followUpAfterDose: readProtocolPlan(s.series.protocolTemplate?.plan).followUpAfterDose,
  });
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

async function saveChange(
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

const auditEach = (tx: Tx, actor: Actor, s: LoadedSession, action: string, detail?: Prisma.InputJsonValue) =>
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

/** Moves a session (practice-local date and time), with the same conflict and gate checks as planning. */
export async function rescheduleSession(actor: Actor, input: RescheduleSessionInput) {
  const data = parseOrThrow(rescheduleSessionSchema, input);
  return transaction(actor, async (tx) => {
    const s = await loadSession(tx, actor, data.sessionId, "session.reschedule");
    if (!["SCHEDULED", "CONFIRMED"].includes(s.status))
      throw new AppError("CONFLICT", "Only upcoming sessions can be moved.");
    const startsAt = zonedDateTime(data.date, data.time, actor.timeZone);
    const endsAt = new Date(startsAt.getTime() + data.durationMinutes * 60_000);
    await assertMovable(tx, s, new Map([[s.id, { startsAt, endsAt }]]));
    const moved = startsAt.getTime() !== s.startsAt.getTime();
    await saveChange(tx, s, data.version, { startsAt, endsAt, ...(moved ? RESEND_REMINDERS : {}) });
    await assertMovedDosesAllowed(tx, s, [s.id], "session.reschedule");
    await syncMeasureRequests(tx, s.seriesId);
    await auditEach(tx, actor, s, "session.reschedule", {
      from: s.startsAt.toISOString(),
      to: startsAt.toISOString(),
    });
  });
}

const NEXT_STATUS = {
  confirm: { from: ["SCHEDULED"], to: "CONFIRMED", done: "confirmed" },
  start: { from: ["SCHEDULED", "CONFIRMED"], to: "IN_PROGRESS", done: "started" },
  complete: { from: ["SCHEDULED", "CONFIRMED", "IN_PROGRESS"], to: "COMPLETED", done: "completed" },
} as const;

/**
 * Confirms, starts or completes a session. A dosing session is confirmed or
 * started only when the protocol gates allow it; the refusal says why and is
 * audited. A session is completed only once it has begun, and a dosing session
 * only through its dosing records (the session closes with the last record).
 */
export async function changeSessionStatus(actor: Actor, input: SessionStatusInput) {
  const data = parseOrThrow(sessionStatusSchema, input);
  const action = `session.${data.action}`;
  return transaction(actor, async (tx) => {
    const s = await loadSession(tx, actor, data.sessionId, action);
    const rule = NEXT_STATUS[data.action];
    if (!(rule.from as readonly string[]).includes(s.status)) {
      throw new AppError(
        "CONFLICT",
        `This session is ${s.status.toLowerCase().replace("_", " ")}; it cannot be ${rule.done} now.`,
      );
    }
    if (data.action === "complete") {
      if (s.kind === "DOSING")
        throw new AppError(
          "CONFLICT",
          "A dosing session is completed from its dosing records: complete each participant's record on the dosing day page, and the session closes with the last one.",
        );
      if (s.startsAt > new Date())
        throw new AppError(
          "CONFLICT",
          "This session has not started yet; it can be marked completed once it has taken place.",
        );
    }
    if (s.kind === "DOSING" && data.action !== "complete") {
      const gate = await dosingGateFor(tx, s);
      if (!gate.allowed)
        throw gateRefusal(
          s,
          action,
          [{ sessionId: s.id, gate }],
          gate.blocks.map((b) => `${b.reason} ${b.unblock}`).join(" "),
        );
    }
    await saveChange(tx, s, data.version, { status: rule.to });
    await auditEach(tx, actor, s, action);
  });
}

/** Cancels or marks a no-show, with the reason; the session stays in the record. */
export async function cancelSession(actor: Actor, input: CancelSessionInput) {
  const data = parseOrThrow(cancelSessionSchema, input);
  return db().$transaction(async (tx) => {
    const s = await loadSession(tx, actor, data.sessionId, "session.cancel");
    if (["COMPLETED", "CANCELLED", "NO_SHOW"].includes(s.status))
      throw new AppError("CONFLICT", "This session is already closed.");
    await saveChange(tx, s, data.version, { status: data.outcome, statusReason: data.reason });
    await syncMeasureRequests(tx, s.seriesId);
    await auditEach(tx, actor, s, data.outcome === "NO_SHOW" ? "session.no_show" : "session.cancel", {
      reason: data.reason,
    });
  });
}

/**
 * Moves every upcoming session of a series by N local days (wall-clock times kept
 * across DST), with the checks a reschedule runs: series order, everyone's
 * calendar, and the gate of every confirmed dose. Any refusal moves nothing.
 */
export async function shiftSeries(actor: Actor, input: ShiftSeriesInput) {
  const data = parseOrThrow(shiftSeriesSchema, input);
  await authorize(actor, "update", "session", { recordType: "Series", recordId: data.seriesId });
  return transaction(actor, async (tx) => {
    const series = await tx.series.findFirst({
      where: { id: data.seriesId, ...seriesScope(actor) },
      select: { id: true },
    });
    if (!series)
      return deniedAsNotFound(actor, {
        action: "series.shift",
        recordType: "Series",
        recordId: data.seriesId,
      });
    const now = new Date();
    const anchor = await tx.session.findFirst({
      where: {
        seriesId: series.id,
        deletedAt: null,
        status: { in: ["SCHEDULED", "CONFIRMED"] },
        startsAt: { gte: now },
      },
      orderBy: { startsAt: "asc" },
      select: { id: true },
    });
    if (!anchor) throw new AppError("CONFLICT", "This series has no upcoming sessions to move.");
    const s = await loadSession(tx, actor, anchor.id, "series.shift");
    const upcoming = s.series.sessions.filter(
      (x) => ["SCHEDULED", "CONFIRMED"].includes(x.status) && x.startsAt >= now,
    );
    const shifted = shiftSessions(upcoming, data.days, actor.timeZone);
    const moves = new Map(
      upcoming.map((x, i) => [
        x.id,
        { startsAt: shifted[i]?.startsAt ?? x.startsAt, endsAt: shifted[i]?.endsAt ?? x.endsAt },
      ]),
    );
    await assertMovable(tx, s, moves);
    for (const x of upcoming) {
      const { count } = await tx.session.updateMany({
        where: { id: x.id, version: x.version },
        data: { ...moves.get(x.id), ...RESEND_REMINDERS, version: { increment: 1 } },
      });
      if (count !== 1)
        throw new AppError(
          "CONFLICT",
          "A session of this series was changed by someone else. Reload to see it.",
        );
    }
    await assertMovedDosesAllowed(tx, s, [...moves.keys()], "series.shift");
    await syncMeasureRequests(tx, s.seriesId);
    await auditEach(tx, actor, s, "series.shift", { days: data.days, sessions: moves.size });
    return { moved: moves.size };
  });
}

/**
 * The dosing gate for one session the actor may see (for the calendar's session
 * panel). Clinicians only: the gate names each partner's clinical status.
 */
export async function getSessionGate(actor: Actor, sessionId: string) {
  await authorize(actor, "read", "session", { recordType: "Session", recordId: sessionId });
  await authorize(actor, "read", "dosingRecord", { recordType: "Session", recordId: sessionId });
  const session = await db().session.findFirst({
    where: { id: sessionId, ...schedulable(actor) },
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
