import { describe, expect, it } from "vitest";
import { readPracticeSettings } from "@/lib/domain/admin/practice-settings";
import {
  DISSOCIATION_SCALE,
  isInRange,
  latestReading,
  missingReadings,
  nextReadingDue,
  SEDATION_SCALE,
  scheduleCoverage,
  vitalAlerts,
  vitalReadingSchema,
  vitalsSchedule,
  withoutSkipped,
} from "@/lib/domain/dosing/vitals";

const s = readPracticeSettings({});
const codes = (reading: Parameters<typeof vitalAlerts>[0], settings = s) =>
  vitalAlerts(reading, settings).map((a) => `${a.code}:${a.level}`);

describe("vitalAlerts", () => {
  it("makes BP above 180/110 urgent, not at it", () => {
    expect(codes({ systolic: 180, diastolic: 110 })).toEqual([]);
    expect(codes({ systolic: 181, diastolic: 100 })).toEqual(["bp-high:urgent"]);
    expect(codes({ systolic: 150, diastolic: 111 })).toEqual(["bp-high:urgent"]);
    const [alert] = vitalAlerts({ systolic: 190, diastolic: 115 }, s);
    expect(alert?.label).toBe("BP 190/115 is above the urgent limit of 180/110 (a clinic setting).");
  });

  it("warns on heart rate above 120 or below 50", () => {
    expect(codes({ heartRate: 120 })).toEqual([]);
    expect(codes({ heartRate: 121 })).toEqual(["heart-rate-high:warning"]);
    expect(codes({ heartRate: 50 })).toEqual([]);
    expect(codes({ heartRate: 49 })).toEqual(["heart-rate-low:warning"]);
  });

  it("makes SpO2 below 92 urgent, not at it", () => {
    expect(codes({ spo2: 92 })).toEqual([]);
    expect(codes({ spo2: 91 })).toEqual(["spo2-low:urgent"]);
    expect(vitalAlerts({ spo2: 88 }, s)[0]?.label).toBe(
      "SpO2 88 % is below the urgent limit of 92 % (a clinic setting).",
    );
  });

  it("warns on low blood pressure: systolic below 90 or diastolic below 50, not at them", () => {
    expect(codes({ systolic: 90, diastolic: 50 })).toEqual([]);
    expect(codes({ systolic: 89, diastolic: 60 })).toEqual(["bp-low:warning"]);
    expect(codes({ systolic: 110, diastolic: 49 })).toEqual(["bp-low:warning"]);
    expect(vitalAlerts({ systolic: 84, diastolic: 48 }, s)[0]?.label).toBe(
      "BP 84/48 is below 90/50 (a clinic setting).",
    );
    // A wide pulse pressure can be high and low at once: both alert.
    expect(codes({ systolic: 190, diastolic: 45 })).toEqual(["bp-high:urgent", "bp-low:warning"]);
  });

  it("warns on respiratory rate below 10 or above 24, not at them", () => {
    expect(codes({ respiratoryRate: 10 })).toEqual([]);
    expect(codes({ respiratoryRate: 24 })).toEqual([]);
    expect(codes({ respiratoryRate: 9 })).toEqual(["respiratory-rate-low:warning"]);
    expect(codes({ respiratoryRate: 25 })).toEqual(["respiratory-rate-high:warning"]);
  });

  it("takes a respiratory rate from 4 to 60 breaths a minute (typo bounds, not clinical limits)", () => {
    expect(vitalReadingSchema.safeParse({ respiratoryRate: 4 }).success).toBe(true);
    expect(vitalReadingSchema.safeParse({ respiratoryRate: 60 }).success).toBe(true);
    expect(vitalReadingSchema.safeParse({ respiratoryRate: 3 }).success).toBe(false);
    expect(vitalReadingSchema.safeParse({ respiratoryRate: 61 }).success).toBe(false);
    expect(vitalReadingSchema.safeParse({ respiratoryRate: 14.5 }).success).toBe(false);
  });

  it("never alerts on sedation or dissociation (docs/clinical-rules.md sets no threshold)", () => {
    expect(codes({ sedation: SEDATION_SCALE.min, dissociation: DISSOCIATION_SCALE.max })).toEqual([]);
  });

  it("follows the clinic's settings", () => {
    const custom = readPracticeSettings({
      alertSystolicAbove: 170,
      alertSpo2Below: 94,
      alertSystolicBelow: 100,
      alertRespiratoryRateBelow: 12,
      alertRespiratoryRateAbove: 20,
    });
    expect(codes({ systolic: 171, spo2: 93 }, custom)).toEqual(["bp-high:urgent", "spo2-low:urgent"]);
    expect(codes({ systolic: 99, respiratoryRate: 11 }, custom)).toEqual([
      "bp-low:warning",
      "respiratory-rate-low:warning",
    ]);
    expect(codes({ respiratoryRate: 21 }, custom)).toEqual(["respiratory-rate-high:warning"]);
  });

  it("isInRange is true when no recorded value alerts", () => {
    expect(isInRange({ systolic: 130, diastolic: 85, heartRate: 80, spo2: 97 }, s)).toBe(true);
    expect(isInRange({ systolic: 130, diastolic: 85, heartRate: 80, spo2: 90 }, s)).toBe(false);
    expect(isInRange({ systolic: 130, diastolic: 85, respiratoryRate: 8 }, s)).toBe(false);
  });
});

describe("latestReading", () => {
  const now = new Date("2026-03-02T12:00:00Z");
  const at = (m: number) => ({ takenAt: new Date(now.getTime() + m * 60_000), m });

  it("is the reading with the greatest time that is not after now", () => {
    expect(latestReading([at(-30), at(-5), at(-20)], now)?.m).toBe(-5);
    expect(latestReading([at(-30), at(0)], now)?.m).toBe(0);
  });

  it("never lets a reading timed ahead of the clock become the latest", () => {
    expect(latestReading([at(-10), at(2)], now)?.m).toBe(-10);
    expect(latestReading([at(1)], now)).toBeNull();
    expect(latestReading([], now)).toBeNull();
  });
});

describe("rating scales", () => {
  it("sedation is 1-5 with a label per level, dissociation 0-10", () => {
    expect(SEDATION_SCALE.levels.map((l) => l.value)).toEqual([5, 4, 3, 2, 1]);
    expect(vitalReadingSchema.safeParse({ sedation: 0 }).success).toBe(false);
    expect(vitalReadingSchema.safeParse({ sedation: 5, dissociation: 10 }).success).toBe(true);
    expect(vitalReadingSchema.safeParse({ dissociation: 11 }).success).toBe(false);
    expect(vitalReadingSchema.safeParse({ systolic: null, heartRate: 70 }).success).toBe(true);
  });
});

describe("vitalsSchedule", () => {
  it("with defaults: baseline, every 15 min to 120, plus 40", () => {
    const schedule = vitalsSchedule(s);
    expect(schedule[0]).toEqual({ label: "Baseline", minute: null });
    expect(schedule.map((m) => m.minute)).toEqual([null, 15, 30, 40, 45, 60, 75, 90, 105, 120]);
    expect(schedule[3]?.label).toBe("40 min");
  });

  it("de-duplicates an extra mark that falls on the interval and ends at the monitoring time", () => {
    const custom = readPracticeSettings({ vitalsEveryMinutes: 20, vitalsExtraAtMinutes: [40, 10] });
    expect(vitalsSchedule(custom, 90).map((m) => m.minute)).toEqual([null, 10, 20, 40, 60, 80, 90]);
  });
});

describe("nextReadingDue", () => {
  const dose = new Date("2026-03-02T10:00:00Z");
  const min = (m: number) => new Date(dose.getTime() + m * 60_000);
  const schedule = vitalsSchedule(s);

  it("asks for the baseline first, overdue once the dose is given", () => {
    const before = nextReadingDue(schedule, dose, [], min(-10));
    expect(before).toEqual({ minuteMark: null, dueAt: dose, overdue: false, secondsUntil: 600 });
    expect(nextReadingDue(schedule, dose, [], min(1))?.overdue).toBe(true);
  });

  it("moves through the marks as readings are taken", () => {
    const taken = [min(-5)];
    expect(nextReadingDue(schedule, dose, taken, min(2))).toEqual({
      minuteMark: 15,
      dueAt: min(15),
      overdue: false,
      secondsUntil: 13 * 60,
    });
    taken.push(min(14));
    expect(nextReadingDue(schedule, dose, taken, min(16))?.minuteMark).toBe(30);
    taken.push(min(30), min(41));
    // 41 covers 40, so 45 still needs its own reading.
    expect(nextReadingDue(schedule, dose, taken, min(42))?.minuteMark).toBe(45);
  });

  it("counts a reading within ±5 minutes and flags overdue once the window has closed", () => {
    expect(nextReadingDue(schedule, dose, [min(-5), min(20)], min(21))?.minuteMark).toBe(30);
    const late = nextReadingDue(schedule, dose, [min(-5)], min(20));
    expect(late?.overdue).toBe(false);
    const overdue = nextReadingDue(schedule, dose, [min(-5)], min(21));
    expect(overdue).toMatchObject({ minuteMark: 15, overdue: true, secondsUntil: -6 * 60 });
  });

  it("lets a late reading make up a missed mark, and moves past marks that were skipped", () => {
    const coverage = scheduleCoverage(schedule, dose, [min(-5), min(23)]);
    expect(coverage[1]).toMatchObject({ minute: 15, late: true, takenAt: min(23) });
    expect(nextReadingDue(schedule, dose, [min(-5), min(23)], min(24))?.minuteMark).toBe(30);
    // No 15 or 30 reading, but one at 40: the gaps stay in the record, the next due is 45.
    expect(nextReadingDue(schedule, dose, [min(-5), min(40)], min(41))?.minuteMark).toBe(45);
  });

  it("moves past a skipped mark, and a skipped baseline is owed no more", () => {
    const skipped = withoutSkipped(schedule, [0, 15]);
    expect(skipped.map((m) => m.minute)).toEqual([30, 40, 45, 60, 75, 90, 105, 120]);
    expect(nextReadingDue(skipped, dose, [], min(2))?.minuteMark).toBe(30);
  });

  it("returns null when every mark is done", () => {
    const all = schedule.map((m) => min(m.minute ?? -5));
    expect(nextReadingDue(schedule, dose, all, min(121))).toBeNull();
  });
});

describe("missingReadings", () => {
  const dose = new Date("2026-03-02T10:00:00Z");
  const min = (m: number) => new Date(dose.getTime() + m * 60_000);
  const schedule = vitalsSchedule(s);
  const all = schedule.map((m) => min(m.minute ?? -5));
  const labels = (missing: ReturnType<typeof missingReadings>) => missing.map((m) => m.label);

  it("owes nothing when every mark due by then was taken", () => {
    expect(missingReadings(schedule, dose, all, [], min(125))).toEqual([]);
  });

  it("owes the marks due by then that no reading covers, and not those still to come", () => {
    const taken = all.filter((_, i) => i !== 0 && i !== 4);
    expect(labels(missingReadings(schedule, dose, taken, [], min(125)))).toEqual(["Baseline", "45 min"]);
    // At 50 minutes, 60 and later are not due yet.
    expect(labels(missingReadings(schedule, dose, [min(-5), min(15), min(30)], [], min(50)))).toEqual([
      "40 min",
      "45 min",
    ]);
  });

  it("owes no skipped mark, and counts no reading taken after the time asked about", () => {
    const taken = all.filter((_, i) => i !== 0 && i !== 4);
    expect(missingReadings(schedule, dose, taken, [0, 45], min(125))).toEqual([]);
    expect(labels(missingReadings(schedule, dose, [min(-5), min(15), min(31)], [], min(30)))).toEqual([
      "30 min",
    ]);
  });
});
