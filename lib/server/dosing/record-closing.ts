import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { checkReadyToLeave, evaluateDischarge } from "@/lib/domain/dosing/discharge";
import { checkEntryTime, entryTimeFieldErrors } from "@/lib/domain/dosing/entry-time";
import { lastAdministrationAt } from "@/lib/domain/dosing/order";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { auditMany } from "@/lib/server/core/audit";
import { authorize } from "@/lib/server/core/authorize";
import { parseOrThrow } from "@/lib/server/core/parse";
import { AuditedRefusal, transaction } from "@/lib/server/core/transaction";
import {
  type RecordDischargeInput,
  type RecordStepInput,
  recordDischargeSchema,
  recordStepSchema,
} from "@/lib/validation/dosing";
import { lateDetail } from "./entry-time";
import { assertOpen, loadRecord, sessionStartOf, settingsOf, update } from "./record-access";

/**
 * Discharge (docs/clinical-rules.md §3, "Discharge"): judged on the server at the discharge time,
 * which obeys the honest-time rule, against every reading taken up to now, the skipped readings,
 * the adverse events and their sign-off, and the checks staff confirm. A refusal is BLOCKED with
 * every failed item, and audited. The time the client would have been ready to leave is kept
 * apart from the discharge time.
 */
export async function recordDischarge(actor: Actor, input: RecordDischargeInput) {
  const data = parseOrThrow(recordDischargeSchema, input);
  await authorize(actor, "write", "dosingRecord", { recordType: "DosingRecord", recordId: data.recordId });
  return transaction(actor, async (tx) => {
    const r = await loadRecord(tx, actor, data.recordId, "dosing_record.discharge");
    assertOpen(r);
    const lastAdministration = lastAdministrationAt(r);
    if (!r.doseGivenAt || !lastAdministration)
      throw new AppError("CONFLICT", "No dose was given: complete the record instead.");
    if ((await tx.dosingRecord.count({ where: { id: r.id, dischargedAt: { not: null } } })) > 0)
      throw new AppError("CONFLICT", "The discharge is already recorded; corrections are addenda.");
    const now = new Date();
    const entry = dischargeTimes(r, data, lastAdministration, now);
    const [readings, skipped, events] = await Promise.all([
      tx.vitalSign.findMany({
        where: { dosingRecordId: r.id },
        select: {
          takenAt: true,
          systolic: true,
          diastolic: true,
          heartRate: true,
          respiratoryRate: true,
          spo2: true,
        },
      }),
      tx.skippedReading.findMany({ where: { dosingRecordId: r.id }, select: { markMinute: true } }),
      tx.adverseEvent.findMany({
        where: { dosingRecordId: r.id },
        select: { severity: true, reviewedAt: true, reviewedById: true },
      }),
    ]);
    const reviewerIds = [...new Set(events.flatMap((e) => (e.reviewedById ? [e.reviewedById] : [])))];
    const prescribers = new Set(
      (
        await tx.user.findMany({
          where: { id: { in: reviewerIds }, role: "PRESCRIBER" },
          select: { id: true },
        })
      ).map((u) => u.id),
    );
    const result = evaluateDischarge(
      {
        doseGivenAt: r.doseGivenAt,
        lastAdministrationAt: lastAdministration,
        dischargeAt: data.dischargedAt,
        now,
        readings,
        skippedMarkMinutes: skipped.map((x) => x.markMinute),
        adverseEvents: events.map((e) => ({
          severity: e.severity,
          prescriberSignedOff:
            e.reviewedAt !== null && e.reviewedById !== null && prescribers.has(e.reviewedById),
        })),
        baselineSpeechAndAwareness: data.baselineSpeechAndAwareness,
        purposefulMovement: data.purposefulMovement,
        escortPresent: data.escortPresent,
      },
      settingsOf(r),
    );
    if (!result.ready) {
      const failed = result.items.filter((i) => i.status === "fail");
      throw new AuditedRefusal("BLOCKED", `Not ready to leave: ${failed.map((i) => i.detail).join(" ")}`, [
        {
          action: "dosing_record.discharge",
          recordType: "DosingRecord",
          recordId: r.id,
          clientId: r.clientId,
          outcome: "DENIED",
          detail: {
            failed: failed.map((i) => i.code),
            dischargedAt: data.dischargedAt.toISOString(),
            serverTime: now.toISOString(),
          },
        },
      ]);
    }
    await update(
      tx,
      actor,
      r,
      data.version,
      {
        discharge: {
          facts: { ...data, recordId: undefined, version: undefined, lateReason: entry.lateReason },
          result,
          late: entry.late,
        } as unknown as Prisma.InputJsonValue,
        readyToLeaveAt: data.readyToLeaveAt,
        dischargedAt: data.dischargedAt,
      },
      "dosing_record.discharge",
      {
        readyToLeaveAt: data.readyToLeaveAt.toISOString(),
        dischargedAt: data.dischargedAt.toISOString(),
        ...lateDetail(entry, now),
      },
    );
  });
}

/**
 * Both discharge times lie within the session and not ahead of the server's clock; the
 * discharge time, when charted late, needs a reason; ready to leave lies between the last
 * administration and the discharge. Every problem is refused at once, on its field, and audited.
 */
function dischargeTimes(
  r: Parameters<typeof sessionStartOf>[0] & { id: string; clientId: string },
  data: { readyToLeaveAt: Date; dischargedAt: Date; lateReason?: string },
  lastAdministration: Date,
  now: Date,
) {
  const sessionStartsAt = sessionStartOf(r);
  const discharged = checkEntryTime({
    sessionStartsAt,
    at: data.dischargedAt,
    now,
    lateReason: data.lateReason,
  });
  // Ready to leave is a judgement made looking back: it may be long ago, so it is never "late".
  const ready = checkEntryTime({ sessionStartsAt, at: data.readyToLeaveAt, now }).problems.filter(
    (p) => p.field === "at",
  );
  const fieldErrors: Record<string, string[]> = entryTimeFieldErrors(discharged.problems, "dischargedAt");
  const readyProblems = [
    ...ready.map((p) => p.message),
    ...checkReadyToLeave(data.readyToLeaveAt, lastAdministration, data.dischargedAt).map((p) => p.message),
  ];
  if (readyProblems.length > 0) fieldErrors.readyToLeaveAt = readyProblems;
  const codes = [
    ...discharged.problems.map((p) => p.code),
    ...(readyProblems.length ? ["ready-to-leave"] : []),
  ];
  if (codes.length > 0) {
    throw new AuditedRefusal(
      "VALIDATION",
      Object.values(fieldErrors).flat().join(" "),
      [
        {
          action: "dosing_record.discharge",
          recordType: "DosingRecord",
          recordId: r.id,
          clientId: r.clientId,
          outcome: "DENIED",
          detail: {
            refused: codes,
            readyToLeaveAt: data.readyToLeaveAt.toISOString(),
            dischargedAt: data.dischargedAt.toISOString(),
            serverTime: now.toISOString(),
          },
        },
      ],
      { fieldErrors },
    );
  }
  return {
    late: discharged.late,
    lateReason: discharged.late ? (data.lateReason ?? "").trim() : null,
  };
}

/** The therapist completes the record (discharged, or no dose given); the session closes when all are. */
export async function completeRecord(actor: Actor, input: RecordStepInput) {
  const data = parseOrThrow(recordStepSchema, input);
  await authorize(actor, "write", "dosingRecord", { recordType: "DosingRecord", recordId: data.recordId });
  return transaction(actor, async (tx) => {
    const r = await loadRecord(tx, actor, data.recordId, "dosing_record.complete");
    assertOpen(r);
    const discharged = await tx.dosingRecord.count({ where: { id: r.id, dischargedAt: { not: null } } });
    if (r.doseGivenAt && discharged === 0)
      throw new AppError("VALIDATION", "Record the discharge before completing the record.");
    // Partners' records may be completed at the same moment: one at a time per session, so the
    // last one to finish sees the others completed and closes the session.
    await tx.$queryRaw`SELECT id FROM "Session" WHERE id = ${r.sessionId} FOR UPDATE`;
    await update(
      tx,
      actor,
      r,
      data.version,
      { status: "COMPLETED", completedById: actor.userId, completedAt: new Date() },
      "dosing_record.complete",
    );
    const records = await tx.dosingRecord.findMany({
      where: { sessionId: r.sessionId },
      select: { clientId: true, status: true },
    });
    if (records.some((x) => x.status === "IN_PROGRESS")) return;
    const { count } = await tx.session.updateMany({
      where: { id: r.sessionId, status: "IN_PROGRESS" },
      data: { status: "COMPLETED", version: { increment: 1 } },
    });
    if (count === 1) {
      await auditMany(
        actor,
        records.map((x) => ({
          action: "session.complete",
          recordType: "Session",
          recordId: r.sessionId,
          clientId: x.clientId,
          detail: { via: "dosing_record.complete" },
        })),
        tx,
      );
    }
  });
}

const unreviewedMessage = (n: number) =>
  n === 1
    ? "1 adverse event is not reviewed yet: review it before signing."
    : `${n} adverse events are not reviewed yet: review each one before signing.`;

/**
 * The prescriber reviews and signs; from then on the record is fixed (corrections are addenda).
 * Every adverse event is reviewed first: once signed, nothing on the record can change.
 */
export async function signRecord(actor: Actor, input: RecordStepInput) {
  const data = parseOrThrow(recordStepSchema, input);
  await authorize(actor, "sign", "dosingRecord", { recordType: "DosingRecord", recordId: data.recordId });
  return transaction(actor, async (tx) => {
    const r = await loadRecord(tx, actor, data.recordId, "dosing_record.sign");
    if (r.status !== "COMPLETED") throw new AppError("CONFLICT", "Only a completed record can be signed.");
    const unreviewed = await tx.adverseEvent.count({ where: { dosingRecordId: r.id, reviewedAt: null } });
    if (unreviewed > 0) throw new AppError("CONFLICT", unreviewedMessage(unreviewed));
    await update(
      tx,
      actor,
      r,
      data.version,
      { status: "SIGNED", signedById: actor.userId, signedAt: new Date() },
      "dosing_record.sign",
    );
  });
}
