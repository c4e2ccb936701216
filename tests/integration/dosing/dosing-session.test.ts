import { describe, expect, it } from "vitest";
import { addCalendarDays, localDateOf } from "@/lib/domain/core/zoned-time";
import { AppError } from "@/lib/errors";
import { db } from "@/lib/server/core/db";
import { addDosingAddendum, beginDosingDay, getDosingDay } from "@/lib/server/dosing/dosing-day";
import { createDosingOrder } from "@/lib/server/dosing/dosing-orders";
import { overrideChecklist, submitChecklist } from "@/lib/server/dosing/go-no-go";
import { addAdverseEvent, addVitals, reviewAdverseEvent } from "@/lib/server/dosing/monitoring";
import { completeRecord, recordDischarge, signRecord } from "@/lib/server/dosing/record-closing";
import { recordDose } from "@/lib/server/dosing/record-dose";
import {
  completePreparationsInThePast,
  createDefaultTemplate,
  createWeeklySeries,
  sceneWithConsents,
  screenClientA,
} from "../../fixtures/journey";

const codeOf = (e: unknown) => (e instanceof AppError ? e.code : String(e));
const TZ = "America/Los_Angeles";
const GOOD = {
  systolic: 124,
  diastolic: 80,
  heartRate: 72,
  spo2: 98,
  hoursSinceFood: 6,
  hoursSinceClearLiquids: 3,
  substances24h: { alcohol: "no", benzodiazepines: "no", cannabis: "no", opioids: "no", stimulants: "no" },
  escort: { setting: "in-person", escortConfirmed: "yes" },
  pregnancy: "not-applicable",
} as const;

/** An eligible client in an individual series whose preparations are done: dose 1 may begin. */
async function readyForDose() {
  const s = await sceneWithConsents();
  const template = await createDefaultTemplate(s);
  await screenClientA(s);
  const { seriesId } = await createWeeklySeries(
    s,
    template.id,
    addCalendarDays(localDateOf(new Date(), TZ), 1),
  );
  // The preparations took place last week.
  await completePreparationsInThePast(s, seriesId);
  const dose = await db().session.findFirstOrThrow({ where: { seriesId, kind: "DOSING", sequence: 1 } });
  return { s, dose };
}

async function recordOf(sessionId: string) {
  return db().dosingRecord.findFirstOrThrow({ where: { sessionId } });
}

describe("dosing orders", () => {
  it("only prescribers write orders, for eligible clients, and a date means the end of that local day", async () => {
    const { s } = await readyForDose();
    const order = {
      route: "SUBLINGUAL" as const,
      doseMg: 200,
      maxDoses: 6,
      validUntil: addCalendarDays(localDateOf(new Date(), TZ), 30),
    };
    expect(await createDosingOrder(s.actors.therapist, { clientId: s.clientA.id, order }).catch(codeOf)).toBe(
      "FORBIDDEN",
    );
    expect(await createDosingOrder(s.actors.clientA, { clientId: s.clientA.id, order }).catch(codeOf)).toBe(
      "FORBIDDEN",
    );
    expect(
      await createDosingOrder(s.actors.prescriber, { clientId: s.clientB.id, order }).catch(codeOf),
    ).toBe("NOT_FOUND");
    const both = await createDosingOrder(s.actors.prescriber, {
      clientId: s.clientA.id,
      order: { ...order, doseMgPerKg: 0.5, weightKg: 70 },
    }).catch((e: AppError) => e.fieldErrors);
    expect(both).toHaveProperty(["order.doseMg"]);
    const { orderId } = await createDosingOrder(s.actors.prescriber, { clientId: s.clientA.id, order });
    const saved = await db().dosingOrder.findUniqueOrThrow({ where: { id: orderId } });
    expect(localDateOf(saved.validUntil, TZ)).toBe(order.validUntil);
    expect(await db().auditEvent.count({ where: { recordId: orderId, action: "dosing_order.create" } })).toBe(
      1,
    );
  });
});

describe("an order's maximum doses", () => {
  it("holds when a dose is recorded while another against the same order is being written", async () => {
    const { s, dose } = await readyForDose();
    const { orderId } = await createDosingOrder(s.actors.prescriber, {
      clientId: s.clientA.id,
      order: {
        route: "SUBLINGUAL",
        doseMg: 200,
        maxDoses: 1,
        validUntil: addCalendarDays(localDateOf(new Date(), TZ), 30),
      },
    });
    await beginDosingDay(s.actors.therapist, dose.id);
    const first = await recordOf(dose.id);
    await submitChecklist(s.actors.therapist, {
      recordId: first.id,
      version: first.version,
      checklist: GOOD,
    });
    // A second open record for the same client, its checklist passed too (another dosing session).
    const passed = await recordOf(dose.id);
    const dose2 = await db().session.findFirstOrThrow({
      where: { seriesId: dose.seriesId, kind: "DOSING", sequence: 2 },
    });
    const second = await db().dosingRecord.create({
      data: {
        sessionId: dose2.id,
        clientId: s.clientA.id,
        checklist: passed.checklist ?? undefined,
        checklistPassed: true,
      },
    });
    // Another dose against the order is being written (as recordDose writes one: order row locked first).
    let finishOther!: () => void;
    const otherWriting = new Promise<void>((resolve) => {
      finishOther = resolve;
    });
    const otherDose = db().$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT 1 FROM "DosingOrder" WHERE "id" = ${orderId} FOR UPDATE`;
        await tx.dosingRecord.update({
          where: { id: second.id },
          data: { orderId, doseMg: 200, route: "SUBLINGUAL", doseGivenAt: new Date(Date.now() - 60_000) },
        });
        await otherWriting;
      },
      { timeout: 20_000 },
    );
    const mine = recordDose(s.actors.therapist, {
      recordId: passed.id,
      version: passed.version,
      orderId,
      mg: 200,
      route: "SUBLINGUAL",
      lotNumber: "KT-2",
      givenAt: new Date(Date.now() - 60_000),
    }).then(
      () => "given",
      (e: unknown) => codeOf(e),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    finishOther();
    await otherDose;
    expect(await mine).toBe("VALIDATION");
    expect(await db().dosingRecord.count({ where: { orderId, doseGivenAt: { not: null } } })).toBe(1);
  });
});

describe("a dosing session, end to end", () => {
  it("checks go/no-go, takes a prescriber's override, gives the dose from the order, monitors, discharges and signs", async () => {
    const { s, dose } = await readyForDose();
    const { orderId } = await createDosingOrder(s.actors.prescriber, {
      clientId: s.clientA.id,
      order: {
        route: "SUBLINGUAL",
        doseMg: 300,
        maxDoses: 6,
        validUntil: addCalendarDays(localDateOf(new Date(), TZ), 30),
      },
    });
    expect(await beginDosingDay(s.actors.prescriber, dose.id).catch(codeOf)).toBe("FORBIDDEN");
    await beginDosingDay(s.actors.therapist, dose.id);
    expect((await db().session.findUniqueOrThrow({ where: { id: dose.id } })).status).toBe("IN_PROGRESS");
    let r = await recordOf(dose.id);

    const held = await submitChecklist(s.actors.therapist, {
      recordId: r.id,
      version: r.version,
      checklist: { ...GOOD, systolic: 152, diastolic: 94 },
    });
    expect(held.passed).toBe(false);
    expect(held.items.find((i) => i.code === "bp")?.status).toBe("fail");
    r = await recordOf(dose.id);
    const doseInput = {
      recordId: r.id,
      version: r.version,
      orderId,
      mg: 300,
      route: "SUBLINGUAL" as const,
      lotNumber: "KT-1",
      givenAt: new Date(Date.now() - 130 * 60_000),
    };
    expect(await recordDose(s.actors.therapist, doseInput).catch(codeOf)).toBe("BLOCKED");
    expect(
      await overrideChecklist(s.actors.therapist, {
        recordId: r.id,
        version: r.version,
        reason: "Anxious; rechecked manually.",
      }).catch(codeOf),
    ).toBe("FORBIDDEN");
    await overrideChecklist(s.actors.prescriber, {
      recordId: r.id,
      version: r.version,
      reason: "White-coat rise; repeat BP 136/86 after rest, proceed.",
    });
    r = await recordOf(dose.id);
    expect(r.overrideById).toBe(s.prescriber.id);

    expect(
      await recordDose(s.actors.therapist, { ...doseInput, version: r.version, mg: 350 }).catch(
        (e: AppError) => e.message,
      ),
    ).toMatch(/above the ordered 300 mg/);
    expect(
      await recordDose(s.actors.therapist, {
        ...doseInput,
        version: r.version,
        route: "INTRAMUSCULAR",
      }).catch((e: AppError) => e.message),
    ).toMatch(/sublingual/);
    await recordDose(s.actors.therapist, { ...doseInput, version: r.version });

    const alarm = await addVitals(s.actors.therapist, {
      recordId: r.id,
      takenAt: new Date(Date.now() - 90 * 60_000),
      reading: { systolic: 186, diastolic: 112, heartRate: 96, spo2: 97 },
    });
    expect(alarm.alerts.map((a) => a.code)).toEqual(["bp-high"]);
    await addAdverseEvent(s.actors.therapist, {
      recordId: r.id,
      kind: "NAUSEA_VOMITING",
      severity: "MILD",
      occurredAt: new Date(Date.now() - 80 * 60_000),
      actionTaken: "Ondansetron given",
      rescueMedication: "Ondansetron 4 mg",
    });
    r = await recordOf(dose.id);
    const leave = {
      recordId: r.id,
      version: r.version,
      baselineSpeechAndAwareness: true,
      purposefulMovement: true,
      escortPresent: true,
      readyToLeaveAt: new Date(),
    };
    // The latest reading is still out of range: not ready.
    expect(await recordDischarge(s.actors.therapist, leave).catch((e: AppError) => e.code)).toBe("BLOCKED");
    await addVitals(s.actors.therapist, {
      recordId: r.id,
      takenAt: new Date(Date.now() - 60_000),
      reading: { systolic: 128, diastolic: 82, heartRate: 74, spo2: 98 },
    });
    expect(
      await recordDischarge(s.actors.therapist, {
        ...leave,
        readyToLeaveAt: new Date(Date.now() - 20 * 60_000),
      }).catch((e: AppError) => e.message),
    ).toMatch(/minutes/);
    await recordDischarge(s.actors.therapist, leave);
    r = await recordOf(dose.id);
    await completeRecord(s.actors.therapist, { recordId: r.id, version: r.version });
    expect((await db().session.findUniqueOrThrow({ where: { id: dose.id } })).status).toBe("COMPLETED");
    r = await recordOf(dose.id);
    expect(await signRecord(s.actors.therapist, { recordId: r.id, version: r.version }).catch(codeOf)).toBe(
      "FORBIDDEN",
    );
    // The prescriber reviews the adverse event before signing.
    const event = await db().adverseEvent.findFirstOrThrow({ where: { dosingRecordId: r.id } });
    await reviewAdverseEvent(s.actors.prescriber, event.id);
    await signRecord(s.actors.prescriber, { recordId: r.id, version: r.version });
    r = await recordOf(dose.id);
    expect(r).toMatchObject({ status: "SIGNED", signedById: s.prescriber.id });

    // Signed means fixed: no more changes through the app or the database; addenda instead.
    expect(
      await addVitals(s.actors.therapist, {
        recordId: r.id,
        takenAt: new Date(),
        reading: { systolic: 120 },
      }).catch(codeOf),
    ).toBe("CONFLICT");
    await expect(
      db().dosingRecord.update({ where: { id: r.id }, data: { lotNumber: "changed" } }),
    ).rejects.toThrow(/fixed/);
    await expect(
      db().vitalSign.create({
        data: { dosingRecordId: r.id, takenAt: new Date(), systolic: 100, recordedById: s.therapist.id },
      }),
    ).rejects.toThrow(/signed/);
    await addDosingAddendum(s.actors.therapist, {
      recordId: r.id,
      body: "Lot number confirmed against the log.",
    });
    const day = await getDosingDay(s.actors.prescriber, dose.id);
    expect(day.participants[0]?.record?.addenda).toHaveLength(1);

    const actions = (
      await db().auditEvent.findMany({
        where: { clientId: s.clientA.id, action: { startsWith: "dosing_record." } },
      })
    ).map((a) => a.action);
    for (const a of [
      "checklist",
      "override",
      "dose",
      "vitals",
      "adverse_event",
      "discharge",
      "complete",
      "sign",
      "addendum",
    ]) {
      expect(actions).toContain(`dosing_record.${a}`);
    }
  });

  it("records nothing for someone off the care team", async () => {
    const { s, dose } = await readyForDose();
    await beginDosingDay(s.actors.therapist, dose.id);
    const r = await recordOf(dose.id);
    expect(await getDosingDay(s.actors.otherTherapist, dose.id).catch(codeOf)).toBe("NOT_FOUND");
    expect(
      await submitChecklist(s.actors.otherTherapist, {
        recordId: r.id,
        version: r.version,
        checklist: GOOD,
      }).catch(codeOf),
    ).toBe("NOT_FOUND");
    expect(await getDosingDay(s.actors.clientA, dose.id).catch(codeOf)).toBe("FORBIDDEN");
  });
});
