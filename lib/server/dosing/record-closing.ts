import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { evaluateDischarge } from "@/lib/domain/dosing/discharge";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { auditMany } from "@/lib/server/core/audit";
import { authorize } from "@/lib/server/core/authorize";
import { parseOrThrow } from "@/lib/server/core/parse";
import { transaction } from "@/lib/server/core/transaction";
import {
  type RecordDischargeInput,
  type RecordStepInput,
  recordDischargeSchema,
  recordStepSchema,
} from "@/lib/validation/dosing";
import { assertOpen, loadRecord, settingsOf, update } from "./record-access";

/** Discharge: not before the practice's minimum monitoring time, vitals back in range, and the checklist. */
export async function recordDischarge(actor: Actor, input: RecordDischargeInput) {
  const data = parseOrThrow(recordDischargeSchema, input);
  await authorize(actor, "write", "dosingRecord", { recordType: "DosingRecord", recordId: data.recordId });
  return transaction(actor, async (tx) => {
    const r = await loadRecord(tx, actor, data.recordId, "dosing_record.discharge");
    assertOpen(r);
    if (!r.doseGivenAt) throw new AppError("CONFLICT", "No dose was given: complete the record instead.");
    if (data.readyToLeaveAt.getTime() > Date.now() + 5 * 60_000) {
      throw new AppError("VALIDATION", "The time cannot be in the future.", {
        fieldErrors: { readyToLeaveAt: ["The time cannot be in the future."] },
      });
    }
    const latest = r.vitals[0] ?? null;
    const result = evaluateDischarge(
      {
        doseGivenAt: r.doseGivenAt,
        now: data.readyToLeaveAt,
        latestReading: latest,
        baselineSpeechAndAwareness: data.baselineSpeechAndAwareness,
        purposefulMovement: data.purposefulMovement,
        escortPresent: data.escortPresent,
      },
      settingsOf(r),
    );
    if (!result.ready) {
      const failed = result.items.filter((i) => i.status === "fail");
      throw new AppError("BLOCKED", `Not ready to leave: ${failed.map((i) => i.detail).join(" ")}`);
    }
    await update(
      tx,
      actor,
      r,
      data.version,
      {
        discharge: { facts: { ...data, recordId: undefined }, result } as unknown as Prisma.InputJsonValue,
        readyToLeaveAt: data.readyToLeaveAt,
      },
      "dosing_record.discharge",
    );
  });
}

/** The therapist completes the record (discharged, or no dose given); the session closes when all are. */
export async function completeRecord(actor: Actor, input: RecordStepInput) {
  const data = parseOrThrow(recordStepSchema, input);
  await authorize(actor, "write", "dosingRecord", { recordType: "DosingRecord", recordId: data.recordId });
  return transaction(actor, async (tx) => {
    const r = await loadRecord(tx, actor, data.recordId, "dosing_record.complete");
    assertOpen(r);
    const discharged = await tx.dosingRecord.count({ where: { id: r.id, readyToLeaveAt: { not: null } } });
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
