import { describe, expect, it } from "vitest";
import { readPracticeSettings } from "@/lib/domain/admin/practice-settings";
import {
  DISSOCIATION_SCALE,
  isInRange,
  nextReadingDue,
  SEDATION_SCALE,
  scheduleCoverage,
  vitalAlerts,
  vitalReadingSchema,
  vitalsSchedule,
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

  it("warns on SpO2 below 92", () => {
    expect(codes({ spo2: 92 })).toEqual([]);
    expect(codes({ spo2: 91 })).toEqual(["spo2-low:warning"]);
  });

  it("never alerts on sedation or dissociation (docs/clinical-rules.md sets no threshold)", () => {
    expect(codes({ sedation: SEDATION_SCALE.min, dissociation: DISSOCIATION_SCALE.max })).toEqual([]);
  });

  it("follows the clinic's settings", () => {
    const custom = readPracticeSettings({ alertSystolicAbove: 170, alertSpo2Below: 94 });
    expect(codes({ systolic: 171, spo2: 93 }, custom)).toEqual(["bp-high:urgent", "spo2-low:warning"]);
  });

  it("isInRange is true when no recorded value alerts", () => {
    expect(isInRange({ systolic: 130, diastolic: 85, heartRate: 80, spo2: 97 }, s)).toBe(true);
    expect(isInRange({ systolic: 130, diastolic: 85, heartRate: 80, spo2: 90 }, s)).toBe(false);
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

  it("returns null when every mark is done", () => {
    const all = schedule.map((m) => min(m.minute ?? -5));
    expect(nextReadingDue(schedule, dose, all, min(121))).toBeNull();
  });
});
