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
  reviewAdverseEventSchema,
  type SubmitChecklistInput,
  submitChecklistSchema,
} from "@/lib/validation/dosing";
import { audit, auditMany } from "./audit";
import { authorize, deniedAsNotFound } from "./authorize";
import { db, type Tx } from "./db";
import { dosingGateFor } from "./dosing-gate";
import { orderFacts } from "./dosing-orders";
import { conflictsAsAppErrors } from "./prisma-errors";
import { parseOrThrow } from "./validate";

/**
 * One transaction for one step of the record. A double submit that hits a unique
 * constraint, or a write the database refuses because the record was signed
 * meanwhile, answers CONFLICT (reload), never a 500.
 */
const write = <T>(fn: (tx: Tx) => Promise<T>) => conflictsAsAppErrors(() => db().$transaction(fn));

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

const assertOpen = (r: { status: string }) => {
  if (r.status !== "IN_PROGRESS")
    throw new AppError("CONFLICT", "This record is completed; corrections are addenda.");
};

/**
 * Locks the record while a reading or an adverse event is added to it, so that completing
 * (and then signing) waits for it: nothing is added to a record after it is completed.
 */
async function holdOpen(tx: Tx, r: LoadedRecord) {
  const [row] = await tx.$queryRaw<{ status: string }[]>`
    SELECT status::text AS status FROM "DosingRecord" WHERE id = ${r.id} FOR UPDATE`;
  assertOpen(row ?? { status: "MISSING" });
}

/** Go / no-go, computed on the server from what was entered and what the record already knows. */
export async function submitChecklist(actor: Actor, input: SubmitChecklistInput) {
  const data = parseOrThrow(submitChecklistSchema, input);
  await authorize(actor, "write", "dosingRecord", { recordType: "DosingRecord", recordId: data.recordId });
  return write(async (tx) => {
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
  const data = parseOrThrow(overrideChecklistSchema, input);
  await authorize(actor, "override", "dosingRecord", { recordType: "DosingRecord", recordId: data.recordId });
  return write(async (tx) => {
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
  const data = parseOrThrow(recordDoseSchema, input);
  await authorize(actor, "write", "dosingRecord", { recordType: "DosingRecord", recordId: data.recordId });
  return write(async (tx) => {
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
    // Doses against one order are recorded one at a time, so two given at the same
    // moment cannot both fit under its maximum.
    await tx.$queryRaw`SELECT 1 FROM "DosingOrder" WHERE "id" = ${order.id} FOR UPDATE`;
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
  const data = parseOrThrow(addVitalsSchema, input);
  await authorize(actor, "write", "dosingRecord", { recordType: "DosingRecord", recordId: data.recordId });
  return write(async (tx) => {
    const r = await loadRecord(tx, actor, data.recordId, "dosing_record.vitals");
    await holdOpen(tx, r);
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
  const data = parseOrThrow(addAdverseEventSchema, input);
  await authorize(actor, "write", "dosingRecord", { recordType: "DosingRecord", recordId: data.recordId });
  return write(async (tx) => {
    const r = await loadRecord(tx, actor, data.recordId, "dosing_record.adverse_event");
    await holdOpen(tx, r);
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
  const data = parseOrThrow(recordDischargeSchema, input);
  await authorize(actor, "write", "dosingRecord", { recordType: "DosingRecord", recordId: data.recordId });
  return write(async (tx) => {
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
  return write(async (tx) => {
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
  return write(async (tx) => {
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

/** A prescriber marks an adverse event reviewed (it leaves their to-do list); signing needs every one reviewed. */
export async function reviewAdverseEvent(actor: Actor, adverseEventId: string) {
  const data = parseOrThrow(reviewAdverseEventSchema, { adverseEventId });
  await authorize(actor, "sign", "dosingRecord", {
    recordType: "AdverseEvent",
    recordId: data.adverseEventId,
  });
  return write(async (tx) => {
    const event = await tx.adverseEvent.findFirst({
      where: {
        id: data.adverseEventId,
        dosingRecord: {
          client: clientScope(actor),
          session: { deletedAt: null, series: { practiceId: actor.practiceId } },
        },
      },
      select: { id: true, reviewedAt: true, dosingRecord: { select: { clientId: true, status: true } } },
    });
    if (!event)
      return deniedAsNotFound(actor, {
        action: "adverse_event.review",
        recordType: "AdverseEvent",
        recordId: data.adverseEventId,
      });
    if (event.reviewedAt) throw new AppError("CONFLICT", "This event was already reviewed.");
    if (event.dosingRecord.status === "SIGNED")
      throw new AppError(
        "CONFLICT",
        "The dosing record is signed and fixed, so this event cannot be marked reviewed; add an addendum to the record instead.",
      );
    const { count } = await tx.adverseEvent.updateMany({
      where: { id: event.id, reviewedAt: null },
      data: { reviewedAt: new Date(), reviewedById: actor.userId },
    });
    if (count === 0) throw new AppError("CONFLICT", "This event was already reviewed.");
    await audit(
      actor,
      {
        action: "adverse_event.review",
        recordType: "AdverseEvent",
        recordId: event.id,
        clientId: event.dosingRecord.clientId,
      },
      tx,
    );
  });
}
