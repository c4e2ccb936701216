import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { zonedDateTime } from "@/lib/domain/core/zoned-time";
import { needsAttendance, sessionClosing } from "@/lib/domain/scheduling/session-closing";
import { AppError } from "@/lib/errors";
import type { Tx } from "@/lib/server/core/db";
import { parseOrThrow } from "@/lib/server/core/parse";
import { AuditedRefusal, transaction } from "@/lib/server/core/transaction";
import { dosingGateFor } from "@/lib/server/dosing/dosing-gate";
import { syncMeasureRequests } from "@/lib/server/measures/measure-requests";
import {
  type CancelSessionInput,
  cancelSessionSchema,
  type EndSessionEarlyInput,
  endSessionEarlySchema,
  type RecordAttendanceInput,
  type RescheduleSessionInput,
  recordAttendanceSchema,
  rescheduleSessionSchema,
  type SessionStatusInput,
  sessionStatusSchema,
} from "@/lib/validation/scheduling";
import {
  assertMovable,
  assertMovedDosesAllowed,
  auditEach,
  gateRefusal,
  type LoadedSession,
  loadSession,
  RESEND_REMINDERS,
  saveChange,
} from "./session-moves";

/** Moves a session (practice-local date and time), with the same conflict and gate checks as planning. */
export async function rescheduleSession(actor: Actor, input: RescheduleSessionInput) {
  const data = parseOrThrow(rescheduleSessionSchema, input);
  return transaction(actor, async (tx) => {
    const s = await loadSession(tx, actor, data.sessionId, "session.reschedule");
    if (!["SCHEDULED", "CONFIRMED"].includes(s.status))
      throw new AppError("CONFLICT", "Only upcoming sessions can be moved.");
    const startsAt = zonedDateTime(data.date, data.time, actor.timeZone);
    const endsAt = new Date(startsAt.getTime() + data.durationMinutes * 60_000);
    await assertMovable(tx, actor, s, new Map([[s.id, { startsAt, endsAt }]]));
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

const ATTENDANCE_CONFLICTS = {
  unique: "Attendance for this session is already recorded; reload to see it.",
  fixed: "Attendance for this session is already recorded and cannot change.",
};

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
 * A couple's preparation or integration session is completed with each partner's
 * attendance, as the clinician ticked it (docs/clinical-rules.md §1 "Couples").
 */
export async function changeSessionStatus(actor: Actor, input: SessionStatusInput) {
  const data = parseOrThrow(sessionStatusSchema, input);
  const action = `session.${data.action}`;
  return transaction(
    actor,
    async (tx) => {
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
      const attendance = data.action === "complete" ? attendanceFor(s, data.attended) : null;
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
      if (attendance) await saveAttendance(tx, actor, s, attendance);
      await auditEach(tx, actor, s, action, attendance ?? undefined);
    },
    ATTENDANCE_CONFLICTS,
  );
}

const attendanceError = (message: string) =>
  new AppError("VALIDATION", message, { fieldErrors: { attended: [message] } });

/**
 * Who attended, for a session that records it (a couple's preparation or integration):
 * every partner is recorded, attending when ticked. Ticking nobody is refused (that is a
 * no-show), and so is attendance for any other session.
 */
function attendanceFor(s: LoadedSession, attended: string[] | undefined) {
  if (!needsAttendance({ kind: s.kind, seriesKind: s.series.kind })) {
    if (attended !== undefined)
      throw attendanceError(
        "Attendance is recorded only for a couple's preparation and integration sessions.",
      );
    return null;
  }
  if (attended === undefined)
    throw attendanceError("Tick each partner who attended before completing a couple's session.");
  const ids = s.series.participants.map(({ client }) => client.id);
  if (attended.some((id) => !ids.includes(id)))
    throw attendanceError("Tick only the partners of this series.");
  if (attended.length === 0)
    throw attendanceError("Tick who attended. If neither partner came, record a no-show instead.");
  return {
    attended: ids.filter((id) => attended.includes(id)),
    absent: ids.filter((id) => !attended.includes(id)),
  };
}

async function saveAttendance(
  tx: Tx,
  actor: Actor,
  s: LoadedSession,
  attendance: { attended: string[]; absent: string[] },
) {
  await tx.sessionAttendance.createMany({
    data: [
      ...attendance.attended.map((clientId) => ({ clientId, attended: true })),
      ...attendance.absent.map((clientId) => ({ clientId, attended: false })),
    ].map((a) => ({ ...a, sessionId: s.id, recordedById: actor.userId })),
  });
}

/**
 * Records who attended a couple's preparation or integration session completed without it
 * (before attendance was recorded on completion). Once recorded, attendance never changes.
 */
export async function recordAttendance(actor: Actor, input: RecordAttendanceInput) {
  const data = parseOrThrow(recordAttendanceSchema, input);
  return transaction(
    actor,
    async (tx) => {
      const s = await loadSession(tx, actor, data.sessionId, "session.attendance");
      if (!needsAttendance({ kind: s.kind, seriesKind: s.series.kind }))
        throw attendanceError(
          "Attendance is recorded only for a couple's preparation and integration sessions.",
        );
      if (s.status !== "COMPLETED")
        throw new AppError("CONFLICT", "Attendance is recorded when the session is completed.");
      if ((await tx.sessionAttendance.count({ where: { sessionId: s.id } })) > 0)
        throw new AppError("CONFLICT", ATTENDANCE_CONFLICTS.unique);
      const attendance = attendanceFor(s, data.attended);
      if (!attendance) return;
      await saveChange(tx, s, data.version, {});
      await saveAttendance(tx, actor, s, attendance);
      await auditEach(tx, actor, s, "session.attendance", attendance);
    },
    ATTENDANCE_CONFLICTS,
  );
}

/**
 * Locks the session row until the transaction ends, so that a dose being recorded at the same
 * moment (recordDose takes the same row first) is waited for and then seen.
 */
async function lockSession(tx: Tx, sessionId: string) {
  await tx.$queryRaw`SELECT id FROM "Session" WHERE id = ${sessionId} FOR UPDATE`;
}

const dosesGivenIn = (tx: Tx, sessionId: string) =>
  tx.dosingRecord.count({ where: { sessionId, doseGivenAt: { not: null } } });

/**
 * Cancels or marks a no-show, with the reason; the session stays in the record. A session in
 * which a dose was given is refused (and the refusal audited): the dose counts whatever happens
 * next, so the session can only be ended early (docs/clinical-rules.md §3a).
 */
export async function cancelSession(actor: Actor, input: CancelSessionInput) {
  const data = parseOrThrow(cancelSessionSchema, input);
  const action = data.outcome === "NO_SHOW" ? "session.no_show" : "session.cancel";
  return transaction(actor, async (tx) => {
    const s = await loadSession(tx, actor, data.sessionId, action);
    await lockSession(tx, s.id);
    const doseGiven = (await dosesGivenIn(tx, s.id)) > 0;
    if (sessionClosing({ kind: s.kind, status: s.status, doseGiven }) !== "cancel") {
      if (doseGiven)
        throw new AuditedRefusal(
          "CONFLICT",
          "A dose was given in this session, so it cannot be cancelled or marked a no-show: the dose counts toward the limits. End the session early instead, with the reason.",
          s.series.participants.map(({ client }) => ({
            action,
            recordType: "Session",
            recordId: s.id,
            clientId: client.id,
            outcome: "DENIED" as const,
            detail: { refused: "dose-given", reason: data.reason },
          })),
        );
      throw new AppError("CONFLICT", "This session is already closed.");
    }
    await saveChange(tx, s, data.version, { status: data.outcome, statusReason: data.reason });
    await syncMeasureRequests(tx, s.seriesId);
    await auditEach(tx, actor, s, action, { reason: data.reason });
  });
}

/**
 * Ends a dosing session early after a dose was given (for any participant), with the reason.
 * The session keeps its doses, which count toward the limits; its records stay open to be
 * completed (discharge) and signed as usual. A session without a dose is cancelled instead.
 */
export async function endSessionEarly(actor: Actor, input: EndSessionEarlyInput) {
  const data = parseOrThrow(endSessionEarlySchema, input);
  return transaction(actor, async (tx) => {
    const s = await loadSession(tx, actor, data.sessionId, "session.end_early");
    await lockSession(tx, s.id);
    const doseGiven = (await dosesGivenIn(tx, s.id)) > 0;
    const closing = sessionClosing({ kind: s.kind, status: s.status, doseGiven });
    if (closing === "cancel")
      throw new AppError(
        "CONFLICT",
        "No dose has been given in this session: cancel it or record a no-show instead.",
      );
    if (closing === "closed")
      throw new AppError(
        "CONFLICT",
        `This session is ${s.status.toLowerCase().replace("_", " ")}; only a dosing session in progress can be ended early.`,
      );
    await saveChange(tx, s, data.version, { status: "ENDED_EARLY", statusReason: data.reason });
    await auditEach(tx, actor, s, "session.end_early", { reason: data.reason });
  });
}
