import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/server/core/db";
import { addAdverseEvent, reviewAdverseEvent } from "@/lib/server/dosing/monitoring";
import { completeRecord, signRecord } from "@/lib/server/dosing/record-closing";
import { appErrorOf } from "../../fixtures/errors";
import { sql } from "../../fixtures/factory";
import { dosingScene } from "../../fixtures/journey";
import { ownerSql } from "../../fixtures/owner";

const recordNow = (id: string) => db().dosingRecord.findUniqueOrThrow({ where: { id } });

async function addEvent(actor: Actor, recordId: string, kind: "NAUSEA_VOMITING" | "AGITATION") {
  await addAdverseEvent(actor, {
    recordId,
    kind,
    severity: "MILD",
    // Within the last 15 minutes: an older time is a late entry, which needs a reason.
    occurredAt: new Date(Date.now() - 10 * 60_000),
    actionTaken: "Reassurance and a cool cloth.",
  });
}

/** A dosing session of client A with one open record, which holds a vital sign and an adverse event. */
async function recordScene() {
  const { s, session, records } = await dosingScene();
  const [record] = records;
  if (!record) throw new Error("no record");
  const vital = await db().vitalSign.create({
    data: { dosingRecordId: record.id, takenAt: new Date(), systolic: 128, recordedById: s.therapist.id },
  });
  const event = await db().adverseEvent.create({
    data: {
      dosingRecordId: record.id,
      kind: "NAUSEA_VOMITING",
      severity: "MILD",
      occurredAt: new Date(),
      actionTaken: "Ondansetron given",
      recordedById: s.therapist.id,
    },
  });
  return { s, session, record, vital, event };
}

describe("adverse events are reviewed before the record is signed", () => {
  it("refuses to sign while an event is unreviewed, saying how many are left", async () => {
    const { s, records } = await dosingScene();
    const [open] = records;
    if (!open) throw new Error("no record");
    await addEvent(s.actors.therapist, open.id, "NAUSEA_VOMITING");
    await addEvent(s.actors.therapist, open.id, "AGITATION");
    // No dose was given (the client felt unwell): the record can be completed without a discharge.
    await completeRecord(s.actors.therapist, { recordId: open.id, version: open.version });
    let r = await recordNow(open.id);
    expect(r.status).toBe("COMPLETED");

    const two = await appErrorOf(signRecord(s.actors.prescriber, { recordId: r.id, version: r.version }));
    expect(two.code).toBe("CONFLICT");
    expect(two.message).toBe("2 adverse events are not reviewed yet: review each one before signing.");
    expect((await recordNow(open.id)).status).toBe("COMPLETED");

    const events = await db().adverseEvent.findMany({ where: { dosingRecordId: open.id } });
    await reviewAdverseEvent(s.actors.prescriber, events[0]?.id ?? "");
    const one = await appErrorOf(signRecord(s.actors.prescriber, { recordId: r.id, version: r.version }));
    expect(one.message).toBe("1 adverse event is not reviewed yet: review it before signing.");

    await reviewAdverseEvent(s.actors.prescriber, events[1]?.id ?? "");
    await signRecord(s.actors.prescriber, { recordId: r.id, version: r.version });
    r = await recordNow(open.id);
    expect(r).toMatchObject({ status: "SIGNED", signedById: s.prescriber.id });
    expect(await db().adverseEvent.count({ where: { dosingRecordId: open.id, reviewedAt: null } })).toBe(0);
    const reviews = await db().auditEvent.findMany({
      where: { action: "adverse_event.review", clientId: s.clientA.id, outcome: "OK" },
    });
    expect(reviews.map((a) => a.recordId).sort()).toEqual(events.map((e) => e.id).sort());
  });

  it("answers CONFLICT, not a server error, for an event on a record that is already signed", async () => {
    const { s, records } = await dosingScene();
    const [open] = records;
    if (!open) throw new Error("no record");
    // An event left unreviewed on a record signed before the rule existed (as in older data).
    const event = await db().adverseEvent.create({
      data: {
        dosingRecordId: open.id,
        kind: "NAUSEA_VOMITING",
        severity: "MILD",
        occurredAt: new Date(),
        actionTaken: "Ondansetron given",
        recordedById: s.therapist.id,
      },
    });
    await db().dosingRecord.update({
      where: { id: open.id },
      data: { status: "SIGNED", signedAt: new Date(), signedById: s.prescriber.id },
    });
    const e = await appErrorOf(reviewAdverseEvent(s.actors.prescriber, event.id));
    expect(e.code).toBe("CONFLICT");
    expect(e.message).toMatch(/signed.*addendum/);
    expect((await db().adverseEvent.findUniqueOrThrow({ where: { id: event.id } })).reviewedAt).toBeNull();
  });

  it("answers NOT_FOUND, audited, to a prescriber off the care team, and FORBIDDEN to a therapist", async () => {
    const { s, records } = await dosingScene();
    const [open] = records;
    if (!open) throw new Error("no record");
    await addEvent(s.actors.therapist, open.id, "NAUSEA_VOMITING");
    const event = await db().adverseEvent.findFirstOrThrow({ where: { dosingRecordId: open.id } });
    await db().careTeamMember.update({
      where: { clientId_userId: { clientId: s.clientA.id, userId: s.prescriber.id } },
      data: { removedAt: new Date() },
    });
    expect((await appErrorOf(reviewAdverseEvent(s.actors.prescriber, event.id))).code).toBe("NOT_FOUND");
    expect((await appErrorOf(reviewAdverseEvent(s.actors.therapist, event.id))).code).toBe("FORBIDDEN");
    const denials = await db().auditEvent.findMany({ where: { recordId: event.id, outcome: "DENIED" } });
    expect(denials.map((d) => d.actorUserId).sort()).toEqual([s.prescriber.id, s.therapist.id].sort());
  });
});

/**
 * The database refuses what the app never does (prisma/migrations/*_more_record_guarantees):
 * raw SQL, as a script or a careless fix would send it, straight to the tables.
 */
describe("vitals and adverse events", () => {
  it("are never hard-deleted, even before the record is signed", async () => {
    const { vital, event } = await recordScene();
    // The app's role may not delete or truncate at all; the owner meets the triggers.
    await expect(db().vitalSign.delete({ where: { id: vital.id } })).rejects.toThrow(/permission denied/);
    await expect(db().adverseEvent.delete({ where: { id: event.id } })).rejects.toThrow(/permission denied/);
    await expect(sql('TRUNCATE "VitalSign"')).rejects.toThrow(/permission denied/);
    await expect(ownerSql('DELETE FROM "VitalSign" WHERE id = $1', vital.id)).rejects.toThrow(
      /never deleted/,
    );
    await expect(ownerSql('DELETE FROM "AdverseEvent" WHERE id = $1', event.id)).rejects.toThrow(
      /never deleted/,
    );
    await expect(ownerSql('TRUNCATE "VitalSign"')).rejects.toThrow(/never deleted/);
    await expect(ownerSql('TRUNCATE "AdverseEvent"')).rejects.toThrow(/never deleted/);
    expect(await db().vitalSign.count({ where: { id: vital.id } })).toBe(1);
    expect(await db().adverseEvent.count({ where: { id: event.id } })).toBe(1);
  });

  it("can be reviewed while the record is open, and never change once it is signed", async () => {
    const { s, record, vital, event } = await recordScene();
    await db().adverseEvent.update({
      where: { id: event.id },
      data: { reviewedAt: new Date(), reviewedById: s.prescriber.id },
    });
    await db().dosingRecord.update({
      where: { id: record.id },
      data: { status: "SIGNED", signedAt: new Date(), signedById: s.prescriber.id },
    });
    await expect(sql('UPDATE "VitalSign" SET systolic = 110 WHERE id = $1', vital.id)).rejects.toThrow(
      /the dosing record is signed/,
    );
    await expect(
      sql('UPDATE "AdverseEvent" SET severity = \'SEVERE\'::"Severity" WHERE id = $1', event.id),
    ).rejects.toThrow(/the dosing record is signed/);
    await expect(ownerSql('DELETE FROM "VitalSign" WHERE id = $1', vital.id)).rejects.toThrow(
      /signed|never deleted/,
    );
  });

  it("cannot be moved off a signed record onto an open one", async () => {
    const { s, session, record, vital, event } = await recordScene();
    await db().dosingRecord.update({
      where: { id: record.id },
      data: { status: "SIGNED", signedAt: new Date(), signedById: s.prescriber.id },
    });
    // An open record of client B in the same session.
    await db().seriesParticipant.create({ data: { seriesId: session.seriesId, clientId: s.clientB.id } });
    const open = await db().dosingRecord.create({ data: { sessionId: session.id, clientId: s.clientB.id } });
    await expect(
      sql('UPDATE "VitalSign" SET "dosingRecordId" = $1 WHERE id = $2', open.id, vital.id),
    ).rejects.toThrow(/the dosing record is signed/);
    await expect(
      sql('UPDATE "AdverseEvent" SET "dosingRecordId" = $1 WHERE id = $2', open.id, event.id),
    ).rejects.toThrow(/the dosing record is signed/);
    expect((await db().vitalSign.findUniqueOrThrow({ where: { id: vital.id } })).dosingRecordId).toBe(
      record.id,
    );
  });
});
