import { describe, expect, it } from "vitest";
import { readPracticeSettings } from "@/lib/domain/admin/practice-settings";
import {
  type DischargeFacts,
  evaluateDischarge,
  monitoringElapsedMinutes,
} from "@/lib/domain/dosing/discharge";

const s = readPracticeSettings({});
const dose = new Date("2026-03-02T10:00:00Z");
const min = (m: number) => new Date(dose.getTime() + m * 60_000);
const facts = (over: Partial<DischargeFacts> = {}): DischargeFacts => ({
  doseGivenAt: dose,
  now: min(120),
  latestReading: { systolic: 132, diastolic: 84, heartRate: 78, spo2: 97, takenAt: min(118) },
  baselineSpeechAndAwareness: true,
  purposefulMovement: true,
  escortPresent: true,
  ...over,
});
const failing = (f: DischargeFacts, settings = s) =>
  evaluateDischarge(f, settings)
    .items.filter((i) => i.status === "fail")
    .map((i) => i.code);

describe("evaluateDischarge", () => {
  it("is ready at 120 minutes with everything in order, not at 119", () => {
    const ready = evaluateDischarge(facts(), s);
    expect(ready.ready).toBe(true);
    expect(ready.earliestAt).toEqual(min(120));
    const early = evaluateDischarge(facts({ now: min(119) }), s);
    expect(early.ready).toBe(false);
    expect(failing(facts({ now: min(119) }))).toEqual(["monitoring-time"]);
    expect(early.items[0]?.detail).toBe(
      "119 of at least 120 minutes monitored since the dose (a clinic setting).",
    );
    expect(failing(facts({ now: new Date(min(120).getTime() - 1) }))).toEqual(["monitoring-time"]);
  });

  it("uses the clinic's monitoring time", () => {
    const longer = readPracticeSettings({ monitoringMinutes: 180 });
    expect(failing(facts(), longer)).toEqual(["monitoring-time"]);
    expect(evaluateDischarge(facts({ now: min(180) }), longer).earliestAt).toEqual(min(180));
    expect(failing(facts({ now: min(180) }), longer)).toEqual([]);
  });

  it("needs the latest vitals back in range", () => {
    const high = facts({ latestReading: { systolic: 185, diastolic: 100, heartRate: 80, spo2: 97 } });
    expect(failing(high)).toEqual(["vitals"]);
    expect(evaluateDischarge(high, s).items[1]?.detail).toContain("180/110 (a clinic setting)");
    expect(
      failing(facts({ latestReading: { systolic: 130, diastolic: 80, heartRate: 80, spo2: 91 } })),
    ).toEqual(["vitals"]);
  });

  it("needs a full reading taken after the dose", () => {
    expect(failing(facts({ latestReading: null }))).toEqual(["vitals"]);
    const partial = facts({ latestReading: { systolic: 130, diastolic: 80, heartRate: null } });
    expect(failing(partial)).toEqual(["vitals"]);
    expect(evaluateDischarge(partial, s).items[1]?.detail).toContain("heart rate, SpO2");
    const baseline = { systolic: 120, diastolic: 80, heartRate: 70, spo2: 98, takenAt: min(-10) };
    expect(failing(facts({ latestReading: baseline }))).toEqual(["vitals"]);
  });

  it("fails each remaining item on its own", () => {
    expect(failing(facts({ baselineSpeechAndAwareness: false }))).toEqual(["speech-awareness"]);
    expect(failing(facts({ purposefulMovement: false }))).toEqual(["purposeful-movement"]);
    expect(failing(facts({ escortPresent: false }))).toEqual(["escort-present"]);
  });
});

describe("monitoringElapsedMinutes", () => {
  it("counts whole minutes since the dose, never negative", () => {
    expect(monitoringElapsedMinutes(dose, min(119.99))).toBe(119);
    expect(monitoringElapsedMinutes(dose, min(120))).toBe(120);
    expect(monitoringElapsedMinutes(dose, min(-3))).toBe(0);
  });
});
