import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/core/db";
import { listLiveDosing } from "@/lib/server/dosing/live-view";
import { addAdverseEvent, addVitals } from "@/lib/server/dosing/monitoring";
import { recordDose } from "@/lib/server/dosing/record-dose";
import { failure } from "../../fixtures/errors";
import { doseReadyRecord, dosingScene } from "../../fixtures/journey";

const MIN = 60_000;
const ago = (minutes: number) => new Date(Date.now() - minutes * MIN);

/** A dosing session that started 3 hours ago (dosingScene), with client A's open record. */
async function openRecord() {
  const { s, session, records } = await dosingScene();
  const [record] = records;
  if (!record) throw new Error("no record");
  return { s, session, record };
}

const denials = (recordId: string, action: string) =>
  db().auditEvent.findMany({ where: { recordId, action, outcome: "DENIED" }, orderBy: { at: "asc" } });

describe("honest times on vitals", () => {
  it("refuses a reading timed in the future, on its time field, and audits the refusal", async () => {
    const { s, record } = await openRecord();
    const r = await failure(
      addVitals(s.actors.therapist, {
        recordId: record.id,
        takenAt: new Date(Date.now() + 3 * MIN),
        reading: { systolic: 120 },
      }),
    );
    expect(r.code).toBe("VALIDATION");
    expect(r.fieldErrors).toEqual({ takenAt: ["This time is in the future: enter when it happened."] });
    expect(await db().vitalSign.count({ where: { dosingRecordId: record.id } })).toBe(0);
    const [denied] = await denials(record.id, "dosing_record.vitals");
    expect(denied).toMatchObject({ clientId: s.clientA.id, actorUserId: s.therapist.id });
    expect(denied?.detail).toMatchObject({ refused: ["in-future"], field: "takenAt" });
    // A wall clock up to 2 minutes fast is fine.
    await addVitals(s.actors.therapist, {
      recordId: record.id,
      takenAt: new Date(Date.now() + 90_000),
      reading: { systolic: 120 },
    });
  });

  it("refuses a reading from before the session: from 15 minutes before its start only", async () => {
    const { s, session, record } = await openRecord();
    const before = await failure(
      addVitals(s.actors.therapist, {
        recordId: record.id,
        takenAt: new Date(session.startsAt.getTime() - 16 * MIN),
        reading: { heartRate: 70 },
        lateReason: "Taken in the waiting room.",
      }),
    );
    expect(before.code).toBe("VALIDATION");
    expect(before.fieldErrors.takenAt?.[0]).toMatch(/before the session/);
    expect((await denials(record.id, "dosing_record.vitals"))[0]?.detail).toMatchObject({
      refused: ["before-session"],
    });
    await addVitals(s.actors.therapist, {
      recordId: record.id,
      takenAt: new Date(session.startsAt.getTime() - 14 * MIN),
      reading: { heartRate: 70 },
      lateReason: "Taken in the waiting room.",
    });
    expect(await db().vitalSign.count({ where: { dosingRecordId: record.id } })).toBe(1);
  });

  it("takes entries from the real start of a session begun ahead of its planned time", async () => {
    const { s, session, record } = await openRecord();
    // Planned for tomorrow, begun now (the record was created when the dosing day began).
    const tomorrow = new Date(Date.now() + 86_400_000);
    await db().session.update({
      where: { id: session.id },
      data: { startsAt: tomorrow, endsAt: new Date(tomorrow.getTime() + 3 * 3_600_000) },
    });
    await db().dosingRecord.update({ where: { id: record.id }, data: { createdAt: ago(30) } });
    await addVitals(s.actors.therapist, { recordId: record.id, takenAt: ago(10), reading: { spo2: 98 } });
    const early = await failure(
      addVitals(s.actors.therapist, {
        recordId: record.id,
        takenAt: ago(46),
        reading: { spo2: 98 },
        lateReason: "From the intake nurse's sheet.",
      }),
    );
    expect(early.fieldErrors.takenAt?.[0]).toMatch(/before the session/);
  });

  it("asks a late reading for its reason, then stores it and audits it with the time it was charted", async () => {
    const { s, record } = await openRecord();
    const input = { recordId: record.id, takenAt: ago(20), reading: { systolic: 132, diastolic: 84 } };
    const missing = await failure(addVitals(s.actors.therapist, input));
    expect(missing.code).toBe("VALIDATION");
    expect(Object.keys(missing.fieldErrors)).toEqual(["lateReason"]);
    expect(missing.fieldErrors.lateReason?.[0]).toMatch(/late entry/);
    expect(
      (await failure(addVitals(s.actors.therapist, { ...input, lateReason: "abc" }))).fieldErrors,
    ).toHaveProperty("lateReason");

    // Exactly on the 15-minute line, it is not late yet.
    await addVitals(s.actors.therapist, {
      recordId: record.id,
      takenAt: ago(14.9),
      reading: { heartRate: 72 },
    });
    const saved = await addVitals(s.actors.therapist, {
      ...input,
      lateReason: "  Monitor printout, charted after the event.  ",
    });
    expect(saved.late).toBe(true);
    const rows = await db().vitalSign.findMany({
      where: { dosingRecordId: record.id },
      orderBy: { takenAt: "asc" },
    });
    expect(rows.map((v) => v.lateReason)).toEqual(["Monitor printout, charted after the event.", null]);
    expect(rows[0]?.createdAt.getTime()).toBeGreaterThan(rows[0]?.takenAt.getTime() ?? 0);
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { action: "dosing_record.vitals", recordId: rows[0]?.id, outcome: "OK" },
    });
    expect(audit.detail).toMatchObject({
      late: true,
      lateReason: "Monitor printout, charted after the event.",
      enteredAt: expect.any(String),
    });
    // A reason too short for any entry is the form's own error (not audited); a missing one is refused and audited.
    expect(
      (await denials(record.id, "dosing_record.vitals")).map(
        (d) => (d.detail as { refused: string[] }).refused,
      ),
    ).toEqual([["late-without-reason"]]);
  });

  it("stores the respiratory rate and alerts on it", async () => {
    const { s, record } = await openRecord();
    const { alerts } = await addVitals(s.actors.therapist, {
      recordId: record.id,
      takenAt: ago(1),
      reading: { systolic: 86, diastolic: 54, respiratoryRate: 8, spo2: 90 },
    });
    expect(alerts.map((a) => `${a.code}:${a.level}`)).toEqual([
      "bp-low:warning",
      "respiratory-rate-low:warning",
      "spo2-low:urgent",
    ]);
    const row = await db().vitalSign.findFirstOrThrow({ where: { dosingRecordId: record.id } });
    expect(row).toMatchObject({ respiratoryRate: 8, alerts: ["bp-low", "respiratory-rate-low", "spo2-low"] });
  });

  it("never shows a reading timed ahead of the clock as the latest on the live view", async () => {
    const { s, record } = await openRecord();
    await addVitals(s.actors.therapist, { recordId: record.id, takenAt: ago(5), reading: { systolic: 128 } });
    await addVitals(s.actors.therapist, {
      recordId: record.id,
      takenAt: new Date(Date.now() + 100_000),
      reading: { systolic: 190 },
    });
    const live = await listLiveDosing(s.actors.prescriber);
    const mine = live.flatMap((x) => x.dosingRecords).find((x) => x.id === record.id);
    expect(mine?.latest?.systolic).toBe(128);
  });
});

describe("honest times on adverse events", () => {
  it("refuses an event in the future or before the session, and a late one without a reason", async () => {
    const { s, session, record } = await openRecord();
    const event = {
      recordId: record.id,
      kind: "NAUSEA_VOMITING" as const,
      severity: "MILD" as const,
      actionTaken: "Reassurance and a cool cloth.",
    };
    const future = await failure(
      addAdverseEvent(s.actors.therapist, { ...event, occurredAt: new Date(Date.now() + 5 * MIN) }),
    );
    expect(future.fieldErrors.occurredAt).toEqual(["This time is in the future: enter when it happened."]);
    const before = await failure(
      addAdverseEvent(s.actors.therapist, {
        ...event,
        occurredAt: new Date(session.startsAt.getTime() - 20 * MIN),
        lateReason: "Remembered later.",
      }),
    );
    expect(before.fieldErrors.occurredAt?.[0]).toMatch(/before the session/);
    const late = await failure(addAdverseEvent(s.actors.therapist, { ...event, occurredAt: ago(40) }));
    expect(late.fieldErrors.lateReason?.[0]).toMatch(/late entry/);
    expect(await db().adverseEvent.count({ where: { dosingRecordId: record.id } })).toBe(0);
    expect(await denials(record.id, "dosing_record.adverse_event")).toHaveLength(3);

    await addAdverseEvent(s.actors.therapist, {
      ...event,
      occurredAt: ago(40),
      lateReason: "Charted once the client had settled.",
    });
    const saved = await db().adverseEvent.findFirstOrThrow({ where: { dosingRecordId: record.id } });
    expect(saved.lateReason).toBe("Charted once the client had settled.");
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { action: "dosing_record.adverse_event", recordId: saved.id },
    });
    expect(audit.detail).toMatchObject({ late: true, lateReason: "Charted once the client had settled." });
  });
});

describe("honest times on the dose", () => {
  /** Dose 1 of an eligible, consented client, begun 3 hours into its session, ready to be given. */
  async function passedChecklist() {
    const { s, session, order, record } = await doseReadyRecord();
    const dose = {
      recordId: record.id,
      version: record.version,
      orderId: order.id,
      mg: 200,
      route: "SUBLINGUAL" as const,
      lotNumber: "KT-9",
    };
    return { s, session: await db().session.findUniqueOrThrow({ where: { id: session.id } }), dose };
  }

  it("refuses a dose given in the future, or before the session", async () => {
    const { s, session, dose } = await passedChecklist();
    const future = await failure(
      recordDose(s.actors.therapist, { ...dose, givenAt: new Date(Date.now() + 3 * MIN) }),
    );
    expect(future.fieldErrors).toEqual({ givenAt: ["This time is in the future: enter when it happened."] });
    const before = await failure(
      recordDose(s.actors.therapist, {
        ...dose,
        givenAt: new Date(session.startsAt.getTime() - 16 * MIN),
        lateReason: "Given before the session started.",
      }),
    );
    expect(before.fieldErrors.givenAt?.[0]).toMatch(/before the session/);
    expect(
      (await db().dosingRecord.findUniqueOrThrow({ where: { id: dose.recordId } })).doseGivenAt,
    ).toBeNull();
  });

  it("asks a late dose for its reason, then stores it with the dose and in the audit row", async () => {
    const { s, dose } = await passedChecklist();
    const late = await failure(recordDose(s.actors.therapist, { ...dose, givenAt: ago(30) }));
    expect(late.code).toBe("VALIDATION");
    expect(Object.keys(late.fieldErrors)).toEqual(["lateReason"]);
    await recordDose(s.actors.therapist, {
      ...dose,
      givenAt: ago(30),
      lateReason: "Charted from the paper log.",
    });
    const r = await db().dosingRecord.findUniqueOrThrow({ where: { id: dose.recordId } });
    expect(r).toMatchObject({ doseLateReason: "Charted from the paper log.", doseGivenAt: expect.any(Date) });
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { action: "dosing_record.dose", recordId: dose.recordId, outcome: "OK" },
    });
    expect(audit.detail).toMatchObject({ mg: 200, late: true, lateReason: "Charted from the paper log." });
  });
});
