import { describe, expect, it } from "vitest";
import { addCalendarDays, localDateOf } from "@/lib/domain/core/zoned-time";
import { updatePracticeSettings } from "@/lib/server/admin/practice-settings";
import { db } from "@/lib/server/core/db";
import { createDosingOrder } from "@/lib/server/dosing/dosing-orders";
import { addVitals } from "@/lib/server/dosing/monitoring";
import { recordBooster } from "@/lib/server/dosing/record-booster";
import { recordDose } from "@/lib/server/dosing/record-dose";
import { PRACTICE_SETTINGS_DEFAULTS, practiceSettingsFormValues } from "@/lib/validation/practice-settings";
import { failure } from "../../fixtures/errors";
import { createScene, TZ } from "../../fixtures/factory";
import {
  doseReadyRecord,
  dosingScene,
  eligibleClientA,
  insertDosingOrder,
  passChecklist,
} from "../../fixtures/journey";

const MIN = 60_000;
const validUntil = () => addCalendarDays(localDateOf(new Date(), TZ), 30);

async function orderScene() {
  const s = await createScene();
  await eligibleClientA(s);
  const write = (order: Record<string, unknown>) =>
    createDosingOrder(s.actors.prescriber, {
      clientId: s.clientA.id,
      order: { maxDoses: 6, validUntil: validUntil(), ...order } as never,
    });
  const denials = () =>
    db().auditEvent.findMany({
      where: { recordId: s.clientA.id, action: "dosing_order.create", outcome: "DENIED" },
      orderBy: { at: "asc" },
    });
  return { s, write, denials };
}

describe("an order's route ceiling", () => {
  it("refuses an order above its route's ceiling on the field that says why, with a denial row", async () => {
    const { s, write, denials } = await orderScene();
    const nasal = await failure(write({ route: "INTRANASAL", doseMg: 200 }));
    expect(nasal.code).toBe("VALIDATION");
    expect(nasal.fieldErrors["order.doseMg"]?.[0]).toMatch(
      /200 mg is above the practice's ceiling for an intranasal order \(150 mg per dose, a clinic setting\)/,
    );
    const iv = await failure(write({ route: "INTRAVENOUS", doseMgPerKg: 2.5, weightKg: 70 }));
    expect(iv.fieldErrors["order.doseMgPerKg"]?.[0]).toMatch(
      /2\.5 mg\/kg \(175 mg\) is above .*intravenous order \(2 mg\/kg, a clinic setting\): at most 140 mg for 70 kg/,
    );
    const im = await failure(write({ route: "INTRAMUSCULAR", doseMg: 150, weightKg: 70 }));
    expect(im.fieldErrors["order.doseMg"]?.[0]).toMatch(/at most 140 mg for 70 kg/);
    // A booster's session total counts against the ceiling too.
    const total = await failure(
      write({
        route: "SUBLINGUAL",
        doseMg: 800,
        boosterMg: 400,
        boosterEarliestMinute: 30,
        totalMaxMg: 1100,
      }),
    );
    expect(Object.keys(total.fieldErrors)).toEqual(["order.totalMaxMg"]);

    const rows = await denials();
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatchObject({ actorUserId: s.prescriber.id, clientId: s.clientA.id });
    expect(rows[0]?.detail).toMatchObject({ reasons: ["above-ceiling"], route: "INTRANASAL" });
    expect(await db().dosingOrder.count({ where: { clientId: s.clientA.id } })).toBe(0);

    // At the ceiling is allowed.
    await write({ route: "INTRANASAL", doseMg: 150 });
    await write({ route: "INTRAVENOUS", doseMgPerKg: 2, weightKg: 70 });
    await write({ route: "ORAL", doseMg: 1000 });
    expect(await db().dosingOrder.count({ where: { clientId: s.clientA.id } })).toBe(3);
  });

  it("needs the weight on an intramuscular or intravenous order", async () => {
    const { write } = await orderScene();
    const noWeight = await failure(write({ route: "INTRAMUSCULAR", doseMg: 35 }));
    expect(noWeight.code).toBe("VALIDATION");
    expect(noWeight.fieldErrors["order.weightKg"]?.[0]).toMatch(/carries the client's weight/);
  });

  it("follows the ceilings the clinic sets", async () => {
    const { s, write } = await orderScene();
    await updatePracticeSettings(s.actors.admin, {
      ...practiceSettingsFormValues(PRACTICE_SETTINGS_DEFAULTS, TZ),
      ceilingIntranasalMg: 100,
    });
    const refused = await failure(write({ route: "INTRANASAL", doseMg: 120 }));
    expect(refused.fieldErrors["order.doseMg"]?.[0]).toMatch(/100 mg per dose/);
    await write({ route: "INTRANASAL", doseMg: 100 });
  });
});

describe("a weight far from the client's last recorded weight", () => {
  it("asks 'kg, not lb?' until the prescriber confirms it, and keeps the confirmation in the audit row", async () => {
    const { s, write, denials } = await orderScene();
    await write({ route: "INTRAVENOUS", doseMgPerKg: 0.5, weightKg: 70 });
    // Exactly 15 % away needs no confirmation.
    await write({ route: "INTRAVENOUS", doseMgPerKg: 0.5, weightKg: 80.5 });
    // Now the last recorded weight is 80.5 kg: 154 is the same person in pounds, near enough.
    const pounds = await failure(write({ route: "INTRAVENOUS", doseMgPerKg: 0.5, weightKg: 154 }));
    expect(pounds.code).toBe("VALIDATION");
    expect(pounds.fieldErrors["order.weightKg"]?.[0]).toMatch(/80\.5 kg\): kg, not lb\?/);
    const [denied] = await denials();
    expect(denied?.detail).toMatchObject({
      reasons: ["weight-unconfirmed"],
      weightKg: 154,
      lastWeightKg: 80.5,
    });
    // The last recorded weight is read from orders of any kind, sublingual ones included.
    expect(
      (await failure(write({ route: "SUBLINGUAL", doseMg: 200, weightKg: 60, weightConfirmed: false }))).code,
    ).toBe("VALIDATION");

    const { orderId } = await write({
      route: "INTRAVENOUS",
      doseMgPerKg: 0.5,
      weightKg: 95,
      weightConfirmed: true,
    });
    const row = await db().auditEvent.findFirstOrThrow({
      where: { recordId: orderId, action: "dosing_order.create" },
    });
    expect(row).toMatchObject({ actorUserId: s.prescriber.id, outcome: "OK" });
    expect(row.detail).toMatchObject({ weightKg: 95, lastWeightKg: 80.5, weightConfirmed: true });
    // A confirmation that was not needed is not recorded as one.
    const { orderId: plain } = await write({
      route: "INTRAVENOUS",
      doseMgPerKg: 0.5,
      weightKg: 96,
      weightConfirmed: true,
    });
    const plainRow = await db().auditEvent.findFirstOrThrow({ where: { recordId: plain } });
    expect(plainRow.detail).not.toHaveProperty("weightConfirmed");
  });
});

/** A dose of 200 mg given 40 minutes ago against an order with a 100 mg booster from minute 30, total 280 mg. */
async function dosedWithBooster(booster = { boosterMg: 100, boosterEarliestMinute: 30, totalMaxMg: 280 }) {
  const { s, record, order } = await doseReadyRecord({ order: booster });
  const doseGivenAt = new Date(Date.now() - 40 * MIN);
  await recordDose(s.actors.therapist, {
    recordId: record.id,
    version: record.version,
    orderId: order.id,
    mg: 200,
    route: "SUBLINGUAL",
    lotNumber: "KT-1",
    givenAt: doseGivenAt,
    lateReason: "Charted after settling the client.",
  });
  const current = () => db().dosingRecord.findUniqueOrThrow({ where: { id: record.id } });
  const booster_ = async (over: { mg?: number; givenAt?: Date } = {}) =>
    recordBooster(s.actors.therapist, {
      recordId: record.id,
      version: (await current()).version,
      mg: 80,
      lotNumber: "KT-2",
      givenAt: new Date(doseGivenAt.getTime() + 35 * MIN),
      ...over,
    });
  const denied = () =>
    db().auditEvent.findMany({
      where: { recordId: record.id, action: "dosing_record.booster", outcome: "DENIED" },
      orderBy: { at: "asc" },
    });
  return { s, record, order, doseGivenAt, current, booster: booster_, denied };
}

describe("boosters", () => {
  it("records a booster from the order's earliest minute, within the booster and the session total", async () => {
    const { s, record, doseGivenAt, current, booster } = await dosedWithBooster();
    await booster({ mg: 80 });
    const saved = await current();
    expect(saved.boosterMg?.toNumber()).toBe(80);
    expect(saved.boosterLotNumber).toBe("KT-2");
    expect(saved.boosterGivenAt?.getTime()).toBe(doseGivenAt.getTime() + 35 * MIN);
    // The first administration stays as it was: vitals keep counting from it.
    expect(saved.doseGivenAt?.getTime()).toBe(doseGivenAt.getTime());
    await addVitals(s.actors.therapist, {
      recordId: record.id,
      takenAt: new Date(doseGivenAt.getTime() + 38 * MIN),
      reading: { systolic: 130, diastolic: 84, heartRate: 80, spo2: 98 },
    });
    const vital = await db().vitalSign.findFirstOrThrow({ where: { dosingRecordId: record.id } });
    expect(vital.minuteMark).toBe(38);
    const row = await db().auditEvent.findFirstOrThrow({
      where: { recordId: record.id, action: "dosing_record.booster", outcome: "OK" },
    });
    expect(row.detail).toMatchObject({ mg: 80, totalMg: 280 });
  });

  it("refuses a booster too early or above the order, rolls it back and audits the refusal", async () => {
    const { doseGivenAt, current, booster, denied } = await dosedWithBooster();
    const early = await failure(booster({ givenAt: new Date(doseGivenAt.getTime() + 29 * MIN) }));
    expect(early.code).toBe("BLOCKED");
    expect(early.fieldErrors.givenAt?.[0]).toMatch(/from minute 30 .*this is minute 29/);
    const above = await failure(booster({ mg: 120 }));
    expect(above.code).toBe("BLOCKED");
    expect(above.fieldErrors.mg).toEqual([
      expect.stringMatching(/above the ordered booster of 100 mg/),
      expect.stringMatching(/total 320 mg, above the order's total maximum of 280 mg/),
    ]);
    const overTotal = await failure(booster({ mg: 90 }));
    expect(overTotal.fieldErrors.mg?.[0]).toMatch(/290 mg/);
    const future = await failure(booster({ givenAt: new Date(Date.now() + 10 * MIN) }));
    expect(future.code).toBe("VALIDATION");
    const rows = await denied();
    // The time ahead of the clock is refused by the honest-time rule, as for the dose.
    const refused = (d: unknown) =>
      (d as { reasons?: string[] }).reasons ?? (d as { refused: string[] }).refused;
    expect(rows.map((r) => refused(r.detail))).toEqual([
      ["too-early"],
      ["above-booster", "above-total"],
      ["above-total"],
      ["in-future"],
    ]);
    expect((await current()).boosterGivenAt).toBeNull();
  });

  it("records a booster once; a second one is a conflict, audited", async () => {
    const { current, booster, denied } = await dosedWithBooster();
    await booster({ mg: 50 });
    const twice = await failure(booster({ mg: 30 }));
    expect(twice.code).toBe("CONFLICT");
    expect(twice.message).toMatch(/already recorded/);
    expect((await current()).boosterMg?.toNumber()).toBe(50);
    expect((await denied()).map((r) => (r.detail as { reasons: string[] }).reasons)).toEqual([
      ["already-given"],
    ]);
  });

  it("refuses a booster when the order has none", async () => {
    const { booster, denied } = await dosedWithBooster({
      boosterMg: null,
      boosterEarliestMinute: null,
      totalMaxMg: null,
    } as never);
    const refused = await failure(booster());
    expect(refused.code).toBe("BLOCKED");
    expect(refused.message).toMatch(/no booster/);
    expect(await denied()).toHaveLength(1);
  });

  it("refuses a booster before any first dose, and after discharge", async () => {
    const { s, records } = await dosingScene();
    const [record] = records;
    if (!record) throw new Error("no record");
    await insertDosingOrder(s, { boosterMg: 100, boosterEarliestMinute: 30, totalMaxMg: 300 });
    const passed = await passChecklist(record.id);
    const none = await failure(
      recordBooster(s.actors.therapist, {
        recordId: record.id,
        version: passed.version,
        mg: 50,
        lotNumber: "KT-2",
        givenAt: new Date(),
      }),
    );
    expect(none.code).toBe("CONFLICT");
    expect(none.message).toMatch(/first administration/);

    const dosed = await dosedWithBooster();
    await db().dosingRecord.update({ where: { id: dosed.record.id }, data: { readyToLeaveAt: new Date() } });
    const after = await failure(dosed.booster());
    expect(after.code).toBe("CONFLICT");
    expect(after.message).toMatch(/discharge/);
  });

  it("refuses the booster's shape the database cannot hold: all three values or none", async () => {
    const { s } = await dosingScene();
    await expect(insertDosingOrder(s, { boosterMg: 100 })).rejects.toThrow(
      /dosing_order_booster_all_or_none/,
    );
  });
});
