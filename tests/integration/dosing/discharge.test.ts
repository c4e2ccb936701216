import { describe, expect, it } from "vitest";
import { readPracticeSettings } from "@/lib/domain/admin/practice-settings";
import { vitalsSchedule } from "@/lib/domain/dosing/vitals";
import { db } from "@/lib/server/core/db";
import { addAdverseEvent, addVitals, reviewAdverseEvent, skipReadings } from "@/lib/server/dosing/monitoring";
import { completeRecord, recordDischarge } from "@/lib/server/dosing/record-closing";
import { failure } from "../../fixtures/errors";
import { sql } from "../../fixtures/factory";
import { dosingScene } from "../../fixtures/journey";
import { ownerSql } from "../../fixtures/owner";

const MIN = 60_000;
const ago = (minutes: number) => new Date(Date.now() - minutes * MIN);
const FULL = { systolic: 128, diastolic: 82, heartRate: 76, respiratoryRate: 14, spo2: 98 };

/**
 * Client A's open record in a session that started 3 hours ago: the dose given `doseMinutesAgo`
 * minutes ago, and a full reading in range at every mark of the default schedule (the baseline
 * 5 minutes before the dose), except the marks in `omit` (minutes after the dose, 0 = baseline).
 */
async function dischargeScene({ doseMinutesAgo = 125, omit = [] as number[] } = {}) {
  const { s, records } = await dosingScene();
  const [record] = records;
  if (!record) throw new Error("no record");
  const doseAt = ago(doseMinutesAgo);
  await db().dosingRecord.update({
    where: { id: record.id },
    data: { doseGivenAt: doseAt, doseMg: 200, route: "SUBLINGUAL", lotNumber: "KT-1", checklistPassed: true },
  });
  const marks = vitalsSchedule(readPracticeSettings({})).filter((m) => !omit.includes(m.minute ?? 0));
  await db().vitalSign.createMany({
    data: marks.map((m) => ({
      dosingRecordId: record.id,
      takenAt: new Date(doseAt.getTime() + (m.minute ?? -5) * MIN),
      minuteMark: m.minute,
      ...FULL,
      recordedById: s.therapist.id,
    })),
  });
  const leave = {
    recordId: record.id,
    version: record.version,
    baselineSpeechAndAwareness: true,
    purposefulMovement: true,
    escortPresent: true,
    readyToLeaveAt: ago(10),
    dischargedAt: new Date(),
  };
  return { s, record, doseAt, leave };
}

const recordNow = (id: string) => db().dosingRecord.findUniqueOrThrow({ where: { id } });
const refusals = (recordId: string) =>
  db().auditEvent.findMany({
    where: { recordId, action: "dosing_record.discharge", outcome: "DENIED" },
    orderBy: { at: "asc" },
  });
const failed = async (recordId: string) =>
  ((await refusals(recordId)).at(-1)?.detail as { failed?: string[]; refused?: string[] } | null) ?? null;

describe("discharge", () => {
  it("discharges when every item holds, keeping ready-to-leave apart from the discharge time", async () => {
    const { s, record, leave } = await dischargeScene();
    // A mild event needs no sign-off before the client leaves.
    await addAdverseEvent(s.actors.therapist, {
      recordId: record.id,
      kind: "NAUSEA_VOMITING",
      severity: "MILD",
      occurredAt: ago(5),
      actionTaken: "A cool cloth.",
    });
    await recordDischarge(s.actors.therapist, leave);
    const r = await recordNow(record.id);
    expect(r.readyToLeaveAt).toEqual(leave.readyToLeaveAt);
    expect(r.dischargedAt).toEqual(leave.dischargedAt);
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { recordId: record.id, action: "dosing_record.discharge", outcome: "OK" },
    });
    expect(audit.detail).toEqual({
      readyToLeaveAt: leave.readyToLeaveAt.toISOString(),
      dischargedAt: leave.dischargedAt.toISOString(),
    });
    expect((await failure(recordDischarge(s.actors.therapist, { ...leave, version: r.version }))).code).toBe(
      "CONFLICT",
    );
    await completeRecord(s.actors.therapist, { recordId: r.id, version: r.version });
    expect((await recordNow(record.id)).status).toBe("COMPLETED");
  });

  it("refuses with a reading above the pre-dose hold limit, though below the urgent alert, and audits it", async () => {
    const { s, record, leave } = await dischargeScene();
    await addVitals(s.actors.therapist, {
      recordId: record.id,
      takenAt: ago(2),
      reading: { ...FULL, systolic: 150, diastolic: 92 },
    });
    const r = await failure(recordDischarge(s.actors.therapist, leave));
    expect(r.code).toBe("BLOCKED");
    expect(r.message).toBe(
      "Not ready to leave: BP 150/92 is above the pre-dose hold limit of 140/90 (a clinic setting).",
    );
    expect(await failed(record.id)).toEqual(expect.objectContaining({ failed: ["vitals-limits"] }));
    expect((await refusals(record.id))[0]).toMatchObject({
      actorUserId: s.therapist.id,
      clientId: s.clientA.id,
    });
    expect((await recordNow(record.id)).dischargedAt).toBeNull();
    // Without a discharge, a dosed record cannot be completed either.
    expect(
      (await failure(completeRecord(s.actors.therapist, { recordId: record.id, version: 1 }))).code,
    ).toBe("VALIDATION");
  });

  it("refuses with a stale reading: a full set is needed in the last 15 minutes", async () => {
    const { s, record, leave } = await dischargeScene({ omit: [120] });
    await skipReadings(s.actors.therapist, {
      recordId: record.id,
      markMinutes: [120],
      reason: "Client asleep; not woken.",
    });
    const r = await failure(recordDischarge(s.actors.therapist, leave));
    expect(r.code).toBe("BLOCKED");
    expect(r.message).toMatch(/No reading in the 15 minutes before the discharge time/);
    expect(await failed(record.id)).toMatchObject({ failed: ["vitals-fresh", "vitals-limits"] });
    // A partial reading is not a full set.
    await addVitals(s.actors.therapist, {
      recordId: record.id,
      takenAt: ago(1),
      reading: { systolic: 126, heartRate: 74 },
    });
    expect((await failure(recordDischarge(s.actors.therapist, leave))).message).toMatch(
      /not a full set .*diastolic, respiratory rate, SpO2/,
    );
    await addVitals(s.actors.therapist, { recordId: record.id, takenAt: ago(1), reading: FULL });
    await recordDischarge(s.actors.therapist, { ...leave, dischargedAt: new Date() });
    expect((await recordNow(record.id)).dischargedAt).not.toBeNull();
  });

  it("refuses while a scheduled reading is neither taken nor skipped with a reason", async () => {
    const { s, record, leave } = await dischargeScene({ omit: [45] });
    const r = await failure(recordDischarge(s.actors.therapist, leave));
    expect(r.code).toBe("BLOCKED");
    expect(r.message).toBe(
      "Not ready to leave: Not recorded: 45 min. Record each reading, or skip it with a reason.",
    );
    expect(await failed(record.id)).toMatchObject({ failed: ["scheduled-readings"] });

    const skip = (markMinutes: number[], reason = "Client in the bathroom.") =>
      failure(skipReadings(s.actors.therapist, { recordId: record.id, markMinutes, reason }));
    expect((await skip([45], "no")).fieldErrors.reason).toEqual(["Say why the reading was not taken."]);
    expect((await skip([40])).fieldErrors.markMinutes).toEqual([
      "The 40 min reading was taken; it cannot be skipped.",
    ]);
    expect((await skip([50])).fieldErrors.markMinutes).toEqual([
      "The 50 min reading is not on this practice's schedule.",
    ]);
    expect(await db().skippedReading.count({ where: { dosingRecordId: record.id } })).toBe(0);
    expect((await skip([45])).code).toBe("OK");
    expect((await skip([45])).fieldErrors.markMinutes).toEqual(["The 45 min reading is already skipped."]);
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { recordId: record.id, action: "dosing_record.skip_reading" },
    });
    expect(audit).toMatchObject({
      outcome: "OK",
      clientId: s.clientA.id,
      detail: { marks: [45], reason: "Client in the bathroom." },
    });
    await recordDischarge(s.actors.therapist, leave);
    expect((await recordNow(record.id)).dischargedAt).not.toBeNull();
  });

  it("skips only readings whose time has come, after the dose, and keeps them fixed once signed", async () => {
    const { s, record } = await dischargeScene({
      doseMinutesAgo: 10,
      omit: [0, 15, 30, 40, 45, 60, 75, 90, 105, 120],
    });
    const notDue = await failure(
      skipReadings(s.actors.therapist, { recordId: record.id, markMinutes: [60], reason: "Client asleep." }),
    );
    expect(notDue.fieldErrors.markMinutes).toEqual(["The 60 min reading is not due yet."]);
    await skipReadings(s.actors.therapist, {
      recordId: record.id,
      markMinutes: [0],
      reason: "Arrived late; dosed at once.",
    });
    const skipped = await db().skippedReading.findFirstOrThrow({ where: { dosingRecordId: record.id } });
    expect(skipped).toMatchObject({ markMinute: 0, recordedById: s.therapist.id });
    await expect(db().skippedReading.delete({ where: { id: skipped.id } })).rejects.toThrow(
      /permission denied/,
    );
    await expect(ownerSql('DELETE FROM "SkippedReading" WHERE id = $1', skipped.id)).rejects.toThrow(
      /never deleted/,
    );
    await db().dosingRecord.update({
      where: { id: record.id },
      data: { status: "SIGNED", signedAt: new Date(), signedById: s.prescriber.id },
    });
    await expect(
      sql('UPDATE "SkippedReading" SET reason = $1 WHERE id = $2', "changed", skipped.id),
    ).rejects.toThrow(/the dosing record is signed/);
  });

  it("refuses while a moderate or severe adverse event lacks the prescriber's sign-off", async () => {
    const { s, record, leave } = await dischargeScene();
    await addAdverseEvent(s.actors.therapist, {
      recordId: record.id,
      kind: "AGITATION",
      severity: "MODERATE",
      occurredAt: ago(10),
      actionTaken: "Talked down; lorazepam considered, not given.",
    });
    const r = await failure(recordDischarge(s.actors.therapist, leave));
    expect(r.code).toBe("BLOCKED");
    expect(r.message).toBe(
      "Not ready to leave: 1 moderate or severe adverse event awaits the prescriber's sign-off.",
    );
    expect(await failed(record.id)).toMatchObject({ failed: ["adverse-events"] });

    // A review recorded by anyone but a prescriber is no sign-off.
    const severe = await db().adverseEvent.create({
      data: {
        dosingRecordId: record.id,
        kind: "HYPERTENSION",
        severity: "SEVERE",
        occurredAt: ago(8),
        actionTaken: "Clonidine given.",
        recordedById: s.therapist.id,
        reviewedAt: new Date(),
        reviewedById: s.therapist.id,
      },
    });
    const moderate = await db().adverseEvent.findFirstOrThrow({
      where: { dosingRecordId: record.id, severity: "MODERATE" },
    });
    await reviewAdverseEvent(s.actors.prescriber, moderate.id);
    expect((await failure(recordDischarge(s.actors.therapist, leave))).message).toMatch(
      /1 moderate or severe adverse event awaits/,
    );
    await db().adverseEvent.update({ where: { id: severe.id }, data: { reviewedById: s.prescriber.id } });
    await recordDischarge(s.actors.therapist, leave);
    expect((await recordNow(record.id)).dischargedAt).not.toBeNull();
  });

  it("judges both times honestly: not ahead of the clock, late only with a reason, ready before discharge", async () => {
    const { s, record, doseAt, leave } = await dischargeScene();
    const future = await failure(
      recordDischarge(s.actors.therapist, { ...leave, dischargedAt: new Date(Date.now() + 5 * MIN) }),
    );
    expect(future.code).toBe("VALIDATION");
    expect(future.fieldErrors.dischargedAt).toEqual(["This time is in the future: enter when it happened."]);
    const after = await failure(
      recordDischarge(s.actors.therapist, {
        ...leave,
        readyToLeaveAt: new Date(Date.now() + 60_000),
        dischargedAt: ago(1),
      }),
    );
    expect(after.fieldErrors).toEqual({
      readyToLeaveAt: ["Ready to leave must be at or before the discharge time."],
    });
    const beforeDose = await failure(
      recordDischarge(s.actors.therapist, { ...leave, readyToLeaveAt: new Date(doseAt.getTime() - MIN) }),
    );
    expect(beforeDose.fieldErrors.readyToLeaveAt).toEqual([
      "The client cannot have been ready to leave before the last administration.",
    ]);
    expect((await refusals(record.id)).map((d) => (d.detail as { refused: string[] }).refused)).toEqual([
      ["in-future"],
      ["ready-to-leave"],
      ["ready-to-leave"],
    ]);
    expect((await recordNow(record.id)).dischargedAt).toBeNull();
  });

  it("takes a discharge charted late with its reason, and keeps the reason", async () => {
    const { s, record, leave } = await dischargeScene({ doseMinutesAgo: 150 });
    const late = { ...leave, readyToLeaveAt: ago(25), dischargedAt: ago(20) };
    const missing = await failure(recordDischarge(s.actors.therapist, late));
    expect(Object.keys(missing.fieldErrors)).toEqual(["lateReason"]);
    await recordDischarge(s.actors.therapist, {
      ...late,
      lateReason: "Charted after walking the client out.",
    });
    const r = await recordNow(record.id);
    expect(r.dischargedAt).toEqual(late.dischargedAt);
    expect(r.discharge).toMatchObject({
      late: true,
      facts: { lateReason: "Charted after walking the client out." },
    });
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { recordId: record.id, action: "dosing_record.discharge", outcome: "OK" },
    });
    expect(audit.detail).toMatchObject({ late: true, lateReason: "Charted after walking the client out." });
  });

  it("waits for the monitoring time since the dose", async () => {
    const { s, record, leave } = await dischargeScene({ doseMinutesAgo: 118, omit: [120] });
    await addVitals(s.actors.therapist, { recordId: record.id, takenAt: ago(1), reading: FULL });
    const r = await failure(recordDischarge(s.actors.therapist, leave));
    expect(r.code).toBe("BLOCKED");
    expect(r.message).toMatch(
      /^Not ready to leave: 118 of at least 120 minutes monitored since the last administration/,
    );
  });
});
