import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { clientScope } from "@/lib/auth/relations";
import {
  COVER_TOLERANCE_MINUTES,
  markMinuteOf,
  scheduleCoverage,
  vitalAlerts,
  vitalsSchedule,
  withoutSkipped,
} from "@/lib/domain/dosing/vitals";
import { AppError } from "@/lib/errors";
import { audit } from "@/lib/server/core/audit";
import { authorize, deniedAsNotFound } from "@/lib/server/core/authorize";
import { parseOrThrow } from "@/lib/server/core/parse";
import { transaction } from "@/lib/server/core/transaction";
import {
  type AddAdverseEventInput,
  type AddVitalsInput,
  addAdverseEventSchema,
  addVitalsSchema,
  reviewAdverseEventSchema,
  type SkipReadingsInput,
  skipReadingsSchema,
} from "@/lib/validation/dosing";
import { assertEntryTime, lateDetail } from "./entry-time";
import { holdOpen, loadRecord, settingsOf } from "./record-access";

/**
 * A vitals reading; out-of-range values are flagged against the practice's thresholds. Its time
 * must lie within the session (honest times), and a late entry says why.
 */
export async function addVitals(actor: Actor, input: AddVitalsInput) {
  const data = parseOrThrow(addVitalsSchema, input);
  await authorize(actor, "write", "dosingRecord", { recordType: "DosingRecord", recordId: data.recordId });
  return transaction(actor, async (tx) => {
    const r = await loadRecord(tx, actor, data.recordId, "dosing_record.vitals");
    await holdOpen(tx, r);
    const entry = assertEntryTime(r, {
      at: data.takenAt,
      lateReason: data.lateReason,
      field: "takenAt",
      action: "dosing_record.vitals",
    });
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
        respiratoryRate: data.reading.respiratoryRate ?? null,
        sedation: data.reading.sedation ?? null,
        dissociation: data.reading.dissociation ?? null,
        alerts: alerts.map((a) => a.code),
        lateReason: entry.lateReason,
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
        detail: { alerts: alerts.map((a) => a.code), ...lateDetail(entry) },
      },
      tx,
    );
    return { alerts, late: entry.late };
  });
}

/**
 * Scheduled readings that were not taken, each kept with the reason, so that the record says
 * why and discharge does not wait for them. Only marks of the practice's schedule, once their
 * window has opened, and never one a reading already covers.
 */
export async function skipReadings(actor: Actor, input: SkipReadingsInput) {
  const data = parseOrThrow(skipReadingsSchema, input);
  await authorize(actor, "write", "dosingRecord", { recordType: "DosingRecord", recordId: data.recordId });
  return transaction(
    actor,
    async (tx) => {
      const r = await loadRecord(tx, actor, data.recordId, "dosing_record.skip_reading");
      await holdOpen(tx, r);
      if (!r.doseGivenAt)
        throw new AppError("CONFLICT", "The reading schedule starts when the dose is given.");
      const now = new Date();
      const schedule = vitalsSchedule(settingsOf(r));
      const [skipped, readings] = await Promise.all([
        tx.skippedReading.findMany({ where: { dosingRecordId: r.id }, select: { markMinute: true } }),
        tx.vitalSign.findMany({
          where: { dosingRecordId: r.id, takenAt: { lte: now } },
          select: { takenAt: true },
        }),
      ]);
      const already = new Set(skipped.map((x) => x.markMinute));
      const coverage = scheduleCoverage(
        withoutSkipped(schedule, already),
        r.doseGivenAt,
        readings.map((x) => x.takenAt),
      );
      const problems: string[] = [];
      const marks = [...new Set(data.markMinutes)].sort((a, b) => a - b);
      for (const minute of marks) {
        const mark = schedule.find((m) => markMinuteOf(m) === minute);
        const name = minute === 0 ? "The baseline reading" : `The ${minute} min reading`;
        if (!mark) {
          problems.push(`${name} is not on this practice's schedule.`);
        } else if (already.has(minute)) {
          problems.push(`${name} is already skipped.`);
        } else if (coverage.find((m) => markMinuteOf(m) === minute)?.takenAt) {
          problems.push(`${name} was taken; it cannot be skipped.`);
        } else if (r.doseGivenAt.getTime() + (minute - COVER_TOLERANCE_MINUTES) * 60_000 > now.getTime()) {
          problems.push(`${name} is not due yet.`);
        }
      }
      if (problems.length > 0)
        throw new AppError("VALIDATION", problems.join(" "), { fieldErrors: { markMinutes: problems } });
      await tx.skippedReading.createMany({
        data: marks.map((markMinute) => ({
          dosingRecordId: r.id,
          markMinute,
          reason: data.reason,
          recordedById: actor.userId,
        })),
      });
      await audit(
        actor,
        {
          action: "dosing_record.skip_reading",
          recordType: "DosingRecord",
          recordId: r.id,
          clientId: r.clientId,
          detail: { marks, reason: data.reason },
        },
        tx,
      );
    },
    { unique: "That reading was skipped meanwhile. Reload to see it." },
  );
}

/** An adverse event, with the time it occurred (honest times: a late entry says why). */
export async function addAdverseEvent(actor: Actor, input: AddAdverseEventInput) {
  const data = parseOrThrow(addAdverseEventSchema, input);
  await authorize(actor, "write", "dosingRecord", { recordType: "DosingRecord", recordId: data.recordId });
  return transaction(actor, async (tx) => {
    const r = await loadRecord(tx, actor, data.recordId, "dosing_record.adverse_event");
    await holdOpen(tx, r);
    const entry = assertEntryTime(r, {
      at: data.occurredAt,
      lateReason: data.lateReason,
      field: "occurredAt",
      action: "dosing_record.adverse_event",
    });
    const event = await tx.adverseEvent.create({
      data: {
        dosingRecordId: r.id,
        kind: data.kind,
        severity: data.severity,
        occurredAt: data.occurredAt,
        description: data.description || null,
        actionTaken: data.actionTaken,
        rescueMedication: data.rescueMedication || null,
        lateReason: entry.lateReason,
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
        detail: { kind: data.kind, severity: data.severity, ...lateDetail(entry) },
      },
      tx,
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
  return transaction(actor, async (tx) => {
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
