import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { clientScope } from "@/lib/auth/relations";
import { vitalAlerts } from "@/lib/domain/dosing/vitals";
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
} from "@/lib/validation/dosing";
import { holdOpen, loadRecord, settingsOf } from "./record-access";

/** A vitals reading; out-of-range values are flagged against the practice's thresholds. */
export async function addVitals(actor: Actor, input: AddVitalsInput) {
  const data = parseOrThrow(addVitalsSchema, input);
  await authorize(actor, "write", "dosingRecord", { recordType: "DosingRecord", recordId: data.recordId });
  return transaction(actor, async (tx) => {
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
  return transaction(actor, async (tx) => {
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
