import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { clientScope } from "@/lib/auth/relations";
import { consentStatusesFrom } from "@/lib/domain/consent-status";
import { canDose, evaluateGoNoGo, type GoNoGoResult } from "@/lib/domain/dosing/checklist";
import { evaluateDischarge } from "@/lib/domain/dosing/discharge";
import { checkDoseGiven } from "@/lib/domain/dosing/order";
import { vitalAlerts } from "@/lib/domain/dosing/vitals";
import { isEligible } from "@/lib/domain/eligibility-status";
import { readPracticeSettings } from "@/lib/domain/practice-settings";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import {
  type AddAdverseEventInput,
  type AddVitalsInput,
  addAdverseEventSchema,
  addVitalsSchema,
  type OverrideChecklistInput,
  overrideChecklistSchema,
  type RecordDischargeInput,
  type RecordDoseInput,
  type RecordStepInput,
  recordDischargeSchema,
  recordDoseSchema,
  recordStepSchema,
  type SubmitChecklistInput,
  submitChecklistSchema,
} from "@/lib/validation/dosing";
import { audit } from "./audit";
import { authorize, deniedAsNotFound } from "./authorize";
import { db, type Tx } from "./db";
import { dosingGateFor } from "./dosing-gate";
import { orderFacts } from "./dosing-orders";
import { parseOrThrow } from "./validate";

const recordSelect = {
  id: true,
  sessionId: true,
  clientId: true,
  status: true,
  checklist: true,
  checklistPassed: true,
  overrideReason: true,
  overrideAt: true,
  doseGivenAt: true,
  version: true,
  session: {
    select: {
      id: true,
      seriesId: true,
      sequence: true,
      startsAt: true,
      status: true,
      series: { select: { practice: { select: { settings: true } } } },
    },
  },
  client: {
    select: {
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
      consentSignatures: { select: { signedAt: true, document: { select: { kind: true, version: true } } } },
      practice: {
        select: {
          consentDocuments: { where: { retiredAt: null }, select: { id: true, kind: true, version: true } },
        },
      },
    },
  },
  vitals: {
    orderBy: { takenAt: "desc" },
    take: 1,
    select: { systolic: true, diastolic: true, heartRate: true, spo2: true, takenAt: true },
  },
} satisfies Prisma.DosingRecordSelect;
type LoadedRecord = Prisma.DosingRecordGetPayload<{ select: typeof recordSelect }>;

/** A dosing record of a client in the actor's reach, or an audited not-found. */
async function loadRecord(tx: Tx, actor: Actor, recordId: string, action: string): Promise<LoadedRecord> {
  const record = await tx.dosingRecord.findFirst({
    where: {
      id: recordId,
      client: clientScope(actor),
      session: { deletedAt: null, series: { practiceId: actor.practiceId } },
    },
    select: recordSelect,
  });
  if (!record) return deniedAsNotFound(actor, { action, recordType: "DosingRecord", recordId });
  return record;
}

const settingsOf = (r: LoadedRecord) => readPracticeSettings(r.session.series.practice.settings);
const checklistResult = (r: { checklist: Prisma.JsonValue }) =>
  ((r.checklist as { result?: GoNoGoResult } | null)?.result ?? null) as GoNoGoResult | null;

/** Applies a change if the record is at the expected version and not signed; audits it. */
async function update(
  tx: Tx,
  actor: Actor,
  r: LoadedRecord,
  version: number,
  data: Prisma.DosingRecordUncheckedUpdateManyInput,
  action: string,
  detail?: Prisma.InputJsonValue,
) {
  const { count } = await tx.dosingRecord.updateMany({
    where: { id: r.id, version, status: { not: "SIGNED" } },
    data: { ...data, version: { increment: 1 } },
  });
  if (count !== 1)
    throw new AppError("CONFLICT", "This record was changed meanwhile (or signed). Reload to see it.");
  await audit(
    actor,
    { action, recordType: "DosingRecord", recordId: r.id, clientId: r.clientId, detail },
    tx,
  );
}

const assertOpen = (r: LoadedRecord) => {
  if (r.status !== "IN_PROGRESS")
    throw new AppError("CONFLICT", "This record is completed; corrections are addenda.");
};

/** Go / no-go, computed on the server from what was entered and what the record already knows. */
export async function submitChecklist(actor: Actor, input: SubmitChecklistInput) {
  await authorize(actor, "write", "dosingRecord", { recordType: "DosingRecord", recordId: input.recordId });
  const data = parseOrThrow(submitChecklistSchema, input);
  return db().$transaction(async (tx) => {
    const r = await loadRecord(tx, actor, data.recordId, "dosing_record.checklist");
    assertOpen(r);
    if (r.doseGivenAt) throw new AppError("CONFLICT", "The dose is already given.");
    const gate = await dosingGateFor(tx, r.session);
    const kap = consentStatusesFrom(r.client.practice.consentDocuments, r.client.consentSignatures).find(
      (c) => c.kind === "KAP_INFORMED_CONSENT",
    );
    const result = evaluateGoNoGo(data.checklist, settingsOf(r), {
      consentCurrent: kap?.current ?? false,
      eligibilityCurrent: isEligible(r.client.screenings),
      seriesGates: { passed: gate.allowed, reasons: gate.blocks.map((b) => b.reason) },
    });
    // A new checklist replaces the old one, and with it any override of the old one.
    await update(
      tx,
      actor,
      r,
      data.version,
      {
        checklist: { input: data.checklist, result } as unknown as Prisma.InputJsonValue,
        checklistPassed: result.passed,
        overrideReason: null,
        overrideById: null,
        overrideAt: null,
      },
      "dosing_record.checklist",
      { passed: result.passed, failed: result.items.filter((i) => i.status === "fail").map((i) => i.code) },
    );
    return result;
  });
}

/** A prescriber (in the room or remote) lets a dose go ahead despite failing items, with a reason. */
export async function overrideChecklist(actor: Actor, input: OverrideChecklistInput) {
  await authorize(actor, "override", "dosingRecord", {
    recordType: "DosingRecord",
    recordId: input.recordId,
  });
  const data = parseOrThrow(overrideChecklistSchema, input);
  return db().$transaction(async (tx) => {
    const r = await loadRecord(tx, actor, data.recordId, "dosing_record.override");
    assertOpen(r);
    if (r.checklistPassed !== false)
      throw new AppError("CONFLICT", "There is no failed checklist to override.");
    if (r.doseGivenAt) throw new AppError("CONFLICT", "The dose is already given.");
    await update(
      tx,
      actor,
      r,
      data.version,
      { overrideReason: data.reason, overrideById: actor.userId, overrideAt: new Date() },
      "dosing_record.override",
    );
  });
}

/** The dose given, from the client's active order and never above it. */
export async function recordDose(actor: Actor, input: RecordDoseInput) {
  await authorize(actor, "write", "dosingRecord", { recordType: "DosingRecord", recordId: input.recordId });
  const data = parseOrThrow(recordDoseSchema, input);
  return db().$transaction(async (tx) => {
    const r = await loadRecord(tx, actor, data.recordId, "dosing_record.dose");
    assertOpen(r);
    if (r.doseGivenAt)
      throw new AppError("CONFLICT", "The dose is already recorded; corrections are addenda.");
    const result = checklistResult(r);
    if (
      !result ||
      !canDose(result, r.overrideReason ? { reason: r.overrideReason, byRole: "PRESCRIBER" } : null)
    ) {
      throw new AppError(
        "BLOCKED",
        "The go / no-go checklist has not passed and no prescriber has overridden it.",
      );
    }
    const now = new Date();
    if (data.givenAt.getTime() > now.getTime() + 5 * 60_000) {
      throw new AppError("VALIDATION", "The time given cannot be in the future.", {
        fieldErrors: { givenAt: ["The time given cannot be in the future."] },
      });
    }
    const order = await tx.dosingOrder.findFirst({
      where: { id: data.orderId, clientId: r.clientId },
      select: {
        id: true,
        route: true,
        doseMg: true,
        doseMgPerKg: true,
        weightKg: true,
        maxDoses: true,
        validUntil: true,
        revokedAt: true,
      },
    });
    if (!order)
      throw new AppError("VALIDATION", "Choose one of this client's orders.", {
        fieldErrors: { orderId: ["Choose one of this client's orders."] },
      });
    const used = await tx.dosingRecord.count({
      where: { orderId: order.id, doseGivenAt: { not: null }, id: { not: r.id } },
    });
    const problems = checkDoseGiven(
      orderFacts(order),
      { mg: data.mg, route: data.route },
      used,
      data.givenAt,
    );
    if (problems.length > 0) {
      throw new AppError("VALIDATION", problems.map((p) => p.message).join(" "), {
        fieldErrors: { mg: problems.map((p) => p.message) },
      });
    }
    await update(
      tx,
      actor,
      r,
      data.version,
      {
        orderId: order.id,
        doseMg: data.mg,
        route: data.route,
        lotNumber: data.lotNumber,
        doseGivenAt: data.givenAt,
      },
      "dosing_record.dose",
      { mg: data.mg, route: data.route },
    );
  });
}

/** A vitals reading; out-of-range values are flagged against the practice's thresholds. */
export async function addVitals(actor: Actor, input: AddVitalsInput) {
  await authorize(actor, "write", "dosingRecord", { recordType: "DosingRecord", recordId: input.recordId });
  const data = parseOrThrow(addVitalsSchema, input);
  return db().$transaction(async (tx) => {
    const r = await loadRecord(tx, actor, data.recordId, "dosing_record.vitals");
    assertOpen(r);
    const alerts = vitalAlerts(data.reading, settingsOf(r));
    const minuteMark = r.doseGivenAt
      ? Math.round((data.takenAt.getTime() - r.doseGivenAt.getTime()) / 60_000)
      : null;
    const vital = await tx.vitalSign.create({
      data: {
        dosingRecordId: r.id,
        takenAt: data.takenAt,
        minuteMark: minuteMark !== null && minuteMark >= 0 ? minuteMark : null,
        systolic: data.reading.systolic ?? null,
        diastolic: data.reading.diastolic ?? null,
        heartRate: data.reading.heartRate ?? null,
        spo2: data.reading.spo2 ?? null,
        sedation: data.reading.sedation ?? null,
        dissociation: data.reading.dissociation ?? null,
        alerts: alerts.map((a) => a.code),
        recordedById: actor.userId,
      },
      select: { id: true },
    });
    await audit(
      actor,
      {
        action: "dosing_record.vitals",
        recordType: "VitalSign",
        recordId: vital.id,
        clientId: r.clientId,
        detail: { alerts: alerts.map((a) => a.code) },
      },
      tx,
    );
    return { alerts };
  });
}

export async function addAdverseEvent(actor: Actor, input: AddAdverseEventInput) {
  await authorize(actor, "write", "dosingRecord", { recordType: "DosingRecord", recordId: input.recordId });
  const data = parseOrThrow(addAdverseEventSchema, input);
  return db().$transaction(async (tx) => {
    const r = await loadRecord(tx, actor, data.recordId, "dosing_record.adverse_event");
    assertOpen(r);
    const event = await tx.adverseEvent.create({
      data: {
        dosingRecordId: r.id,
        kind: data.kind,
        severity: data.severity,
        occurredAt: data.occurredAt,
        description: data.description || null,
        actionTaken: data.actionTaken,
        rescueMedication: data.rescueMedication || null,
        recordedById: actor.userId,
      },
      select: { id: true },
    });
    await audit(
      actor,
      {
        action: "dosing_record.adverse_event",
        recordType: "AdverseEvent",
        recordId: event.id,
        clientId: r.clientId,
        detail: { kind: data.kind, severity: data.severity },
      },
      tx,
    );
  });
}

/** Discharge: not before the practice's minimum monitoring time, vitals back in range, and the checklist. */
export async function recordDischarge(actor: Actor, input: RecordDischargeInput) {
  await authorize(actor, "write", "dosingRecord", { recordType: "DosingRecord", recordId: input.recordId });
  const data = parseOrThrow(recordDischargeSchema, input);
  return db().$transaction(async (tx) => {
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
  await authorize(actor, "write", "dosingRecord", { recordType: "DosingRecord", recordId: input.recordId });
  const data = parseOrThrow(recordStepSchema, input);
  return db().$transaction(async (tx) => {
    const r = await loadRecord(tx, actor, data.recordId, "dosing_record.complete");
    assertOpen(r);
    const discharged = await tx.dosingRecord.count({ where: { id: r.id, readyToLeaveAt: { not: null } } });
    if (r.doseGivenAt && discharged === 0)
      throw new AppError("VALIDATION", "Record the discharge before completing the record.");
    await update(
      tx,
      actor,
      r,
      data.version,
      { status: "COMPLETED", completedById: actor.userId, completedAt: new Date() },
      "dosing_record.complete",
    );
    const open = await tx.dosingRecord.count({ where: { sessionId: r.sessionId, status: "IN_PROGRESS" } });
    if (open === 0) {
      await tx.session.updateMany({
        where: { id: r.sessionId, status: "IN_PROGRESS" },
        data: { status: "COMPLETED", version: { increment: 1 } },
      });
    }
  });
}

/** The prescriber reviews and signs; from then on the record is fixed (corrections are addenda). */
export async function signRecord(actor: Actor, input: RecordStepInput) {
  await authorize(actor, "sign", "dosingRecord", { recordType: "DosingRecord", recordId: input.recordId });
  const data = parseOrThrow(recordStepSchema, input);
  return db().$transaction(async (tx) => {
    const r = await loadRecord(tx, actor, data.recordId, "dosing_record.sign");
    if (r.status !== "COMPLETED") throw new AppError("CONFLICT", "Only a completed record can be signed.");
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

/** A prescriber marks an adverse event reviewed (it leaves their to-do list). */
export async function reviewAdverseEvent(actor: Actor, adverseEventId: string) {
  await authorize(actor, "sign", "dosingRecord", { recordType: "AdverseEvent", recordId: adverseEventId });
  const event = await db().adverseEvent.findFirst({
    where: { id: adverseEventId, dosingRecord: { client: clientScope(actor) } },
    select: { id: true, dosingRecord: { select: { clientId: true } } },
  });
  if (!event)
    return deniedAsNotFound(actor, {
      action: "adverse_event.review",
      recordType: "AdverseEvent",
      recordId: adverseEventId,
    });
  const { count } = await db().adverseEvent.updateMany({
    where: { id: event.id, reviewedAt: null },
    data: { reviewedAt: new Date(), reviewedById: actor.userId },
  });
  if (count === 0) throw new AppError("CONFLICT", "This event was already reviewed.");
  await audit(actor, {
    action: "adverse_event.review",
    recordType: "AdverseEvent",
    recordId: event.id,
    clientId: event.dosingRecord.clientId,
  });
}
