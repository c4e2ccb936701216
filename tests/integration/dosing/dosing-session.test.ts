import { describe, expect, it } from "vitest";
import { addCalendarDays, localDateOf } from "@/lib/domain/core/zoned-time";
import type { AppError } from "@/lib/errors";
import { db } from "@/lib/server/core/db";
import { addDosingAddendum, beginDosingDay, getDosingDay } from "@/lib/server/dosing/dosing-day";
import { createDosingOrder } from "@/lib/server/dosing/dosing-orders";
import { overrideChecklist, submitChecklist } from "@/lib/server/dosing/go-no-go";
import { addAdverseEvent, addVitals, reviewAdverseEvent, skipReadings } from "@/lib/server/dosing/monitoring";
import { completeRecord, recordDischarge, signRecord } from "@/lib/server/dosing/record-closing";
import { recordDose } from "@/lib/server/dosing/record-dose";
import { codeOf } from "../../fixtures/errors";
import { TZ } from "../../fixtures/factory";
import { askPreDoseMeasures, GOOD, readyForDose, recordOf } from "../../fixtures/journey";

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
    // The client came in 3 hours ago: entries are honest only within the session (from 15 minutes
    // before it started), and this one is charted after the fact.
    const startsAt = new Date(Date.now() - 3 * 3_600_000);
    await db().session.update({
      where: { id: dose.id },
      data: { startsAt, endsAt: new Date(startsAt.getTime() + 4 * 3_600_000) },
    });
    await beginDosingDay(s.actors.therapist, dose.id);
    expect((await db().session.findUniqueOrThrow({ where: { id: dose.id } })).status).toBe("IN_PROGRESS");
    let r = await recordOf(dose.id);
    await askPreDoseMeasures(s, r.id);

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
      lateReason: "Charted from the paper log after the session.",
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
      reading: { systolic: 186, diastolic: 112, heartRate: 96, respiratoryRate: 16, spo2: 97 },
      lateReason: "Charted from the paper log after the session.",
    });
    expect(alarm.alerts.map((a) => a.code)).toEqual(["bp-high"]);
    await addAdverseEvent(s.actors.therapist, {
      recordId: r.id,
      kind: "NAUSEA_VOMITING",
      severity: "MILD",
      occurredAt: new Date(Date.now() - 80 * 60_000),
      actionTaken: "Ondansetron given",
      rescueMedication: "Ondansetron 4 mg",
      lateReason: "Charted from the paper log after the session.",
    });
    r = await recordOf(dose.id);
    const leave = {
      recordId: r.id,
      version: r.version,
      baselineSpeechAndAwareness: true,
      purposefulMovement: true,
      escortPresent: true,
      readyToLeaveAt: new Date(),
      dischargedAt: new Date(),
    };
    // The latest reading is still out of range: not ready.
    expect(await recordDischarge(s.actors.therapist, leave).catch((e: AppError) => e.code)).toBe("BLOCKED");
    await addVitals(s.actors.therapist, {
      recordId: r.id,
      takenAt: new Date(Date.now() - 60_000),
      reading: { systolic: 128, diastolic: 82, heartRate: 74, respiratoryRate: 14, spo2: 98 },
    });
    // Discharged 12 minutes ago is before the 120 minutes of monitoring were up.
    expect(
      await recordDischarge(s.actors.therapist, {
        ...leave,
        readyToLeaveAt: new Date(Date.now() - 12 * 60_000),
        dischargedAt: new Date(Date.now() - 12 * 60_000),
      }).catch((e: AppError) => e.message),
    ).toMatch(/1\d\d of at least 120 minutes monitored since the last administration/);
    // Every scheduled reading not taken is skipped, with the reason.
    const missed = await recordDischarge(s.actors.therapist, {
      ...leave,
      readyToLeaveAt: new Date(),
      dischargedAt: new Date(),
    }).catch((e: AppError) => e.message);
    expect(missed).toMatch(
      /Not recorded: baseline, 15 min, 30 min, 45 min, 60 min, 75 min, 90 min, 105 min\./,
    );
    await skipReadings(s.actors.therapist, {
      recordId: r.id,
      markMinutes: [0, 15, 30, 45, 60, 75, 90, 105],
      reason: "Readings kept on paper only.",
    });
    await recordDischarge(s.actors.therapist, {
      ...leave,
      readyToLeaveAt: new Date(),
      dischargedAt: new Date(),
    });
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
      "skip_reading",
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
