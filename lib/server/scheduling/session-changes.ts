import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { zonedDateTime } from "@/lib/domain/core/zoned-time";
import { AppError } from "@/lib/errors";
import { parseOrThrow } from "@/lib/server/core/parse";
import { transaction } from "@/lib/server/core/transaction";
import { dosingGateFor } from "@/lib/server/dosing/dosing-gate";
import { syncMeasureRequests } from "@/lib/server/measures/measure-requests";
import {
  type CancelSessionInput,
  cancelSessionSchema,
  type RescheduleSessionInput,
  rescheduleSessionSchema,
  type SessionStatusInput,
  sessionStatusSchema,
} from "@/lib/validation/scheduling";
import {
  assertMovable,
  assertMovedDosesAllowed,
  auditEach,
  gateRefusal,
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
  return transaction(actor, async (tx) => {
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
