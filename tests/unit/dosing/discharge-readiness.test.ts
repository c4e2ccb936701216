import { describe, expect, it } from "vitest";
import { readPracticeSettings } from "@/lib/domain/admin/practice-settings";
import {
  checkReadyToLeave,
  type DischargeFacts,
  type DischargeReading,
  dischargeLimitProblems,
  evaluateDischarge,
  monitoringElapsedMinutes,
} from "@/lib/domain/dosing/discharge";
import { vitalsSchedule } from "@/lib/domain/dosing/vitals";

const s = readPracticeSettings({});
const dose = new Date("2026-03-02T10:00:00Z");
const min = (m: number) => new Date(dose.getTime() + m * 60_000);
const full = (m: number, over: Partial<DischargeReading> = {}): DischargeReading => ({
  systolic: 132,
  diastolic: 84,
  heartRate: 78,
  respiratoryRate: 14,
  spo2: 97,
  takenAt: min(m),
  ...over,
});
/** A reading at every mark of the default schedule (baseline 5 minutes before the dose). */
const everyMark = vitalsSchedule(s).map((m) => full(m.minute ?? -5));
const facts = (over: Partial<DischargeFacts> = {}): DischargeFacts => ({
  doseGivenAt: dose,
  lastAdministrationAt: dose,
  dischargeAt: min(125),
  now: min(130),
  readings: everyMark,
  skippedMarkMinutes: [],
  adverseEvents: [],
  baselineSpeechAndAwareness: true,
  purposefulMovement: true,
  escortPresent: true,
  ...over,
});
const failing = (f: DischargeFacts, settings = s) =>
  evaluateDischarge(f, settings)
    .items.filter((i) => i.status === "fail")
    .map((i) => i.code);
const detail = (f: DischargeFacts, code: string, settings = s) =>
  evaluateDischarge(f, settings).items.find((i) => i.code === code)?.detail;

describe("evaluateDischarge", () => {
  it("is ready with everything in order, and lists every item", () => {
    const ready = evaluateDischarge(facts(), s);
    expect(ready.ready).toBe(true);
    expect(ready.items.map((i) => i.code)).toEqual([
      "monitoring-time",
      "vitals-fresh",
      "vitals-limits",
      "scheduled-readings",
      "adverse-events",
      "speech-awareness",
      "purposeful-movement",
      "escort-present",
    ]);
  });

  it("needs 120 minutes after the last administration: ready at 120, not a millisecond before", () => {
    expect(evaluateDischarge(facts({ dischargeAt: min(120) }), s)).toMatchObject({
      ready: true,
      earliestAt: min(120),
    });
    expect(failing(facts({ dischargeAt: new Date(min(120).getTime() - 1) }))).toEqual(["monitoring-time"]);
    expect(detail(facts({ dischargeAt: min(119) }), "monitoring-time")).toBe(
      "119 of at least 120 minutes monitored since the last administration (a clinic setting).",
    );
  });

  it("restarts the clock at the last administration (a booster), not the first dose", () => {
    const booster = facts({
      lastAdministrationAt: min(30),
      dischargeAt: min(140),
      now: min(155),
      readings: [...everyMark, full(135)],
    });
    expect(failing(booster)).toEqual(["monitoring-time"]);
    expect(evaluateDischarge(booster, s).earliestAt).toEqual(min(150));
    const later = facts({
      lastAdministrationAt: min(30),
      dischargeAt: min(150),
      now: min(155),
      readings: [...everyMark, full(145)],
    });
    expect(failing(later)).toEqual([]);
  });

  it("uses the clinic's monitoring time", () => {
    const longer = readPracticeSettings({ monitoringMinutes: 180 });
    expect(failing(facts(), longer)).toContain("monitoring-time");
  });

  it("needs a full set of vitals in the 15 minutes before: exactly 15 counts, a minute more does not", () => {
    const onlyOld = everyMark.filter((r) => r.takenAt <= min(105));
    const skip120 = { readings: onlyOld, skippedMarkMinutes: [120] };
    expect(failing(facts({ ...skip120, dischargeAt: min(120) }))).toEqual([]);
    expect(failing(facts({ ...skip120, dischargeAt: min(121) }))).toEqual(["vitals-fresh", "vitals-limits"]);
    expect(detail(facts({ ...skip120, dischargeAt: min(121) }), "vitals-fresh")).toMatch(
      /No reading in the 15 minutes before the discharge time/,
    );
  });

  it("needs every value of the set, respiratory rate included", () => {
    const partial = facts({ readings: [...everyMark.slice(0, -1), full(120, { respiratoryRate: null })] });
    expect(failing(partial)).toEqual(["vitals-fresh"]);
    expect(detail(partial, "vitals-fresh")).toContain("respiratory rate");
    // An earlier full set in the window still counts.
    const both = facts({ readings: [...everyMark, full(122, { spo2: null, respiratoryRate: null })] });
    expect(failing(both)).toEqual([]);
  });

  it("never counts a reading timed after the server's clock for the discharge", () => {
    // Discharged at 125 (charted at 123, 2 minutes ahead): the 124 reading is not taken yet.
    const ahead = facts({
      now: min(123),
      readings: [...everyMark.filter((r) => r.takenAt <= min(100)), full(105), full(124)],
      skippedMarkMinutes: [120],
    });
    expect(failing(ahead)).toEqual(["vitals-fresh", "vitals-limits"]);
    expect(failing({ ...ahead, now: min(124) })).toEqual([]);
  });

  it("judges a reading timed after the discharge against it, never for it", () => {
    const onlyAfter = facts({ readings: [...everyMark.filter((r) => r.takenAt <= min(100)), full(126)] });
    expect(failing(onlyAfter)).toContain("vitals-fresh");
    const highAfter = facts({ readings: [...everyMark, full(126, { systolic: 150 })] });
    expect(failing(highAfter)).toEqual(["vitals-limits"]);
  });

  it("asks for blood pressure back within the pre-dose hold limits, not merely below the urgent alert", () => {
    const at = (over: Partial<DischargeReading>) =>
      facts({ readings: [...everyMark.slice(0, -1), full(120, over)] });
    expect(failing(at({ systolic: 140, diastolic: 90 }))).toEqual([]);
    expect(failing(at({ systolic: 141 }))).toEqual(["vitals-limits"]);
    expect(failing(at({ diastolic: 91 }))).toEqual(["vitals-limits"]);
    // 170/100 raises no alert, yet is above the 140/90 hold: not ready.
    expect(detail(at({ systolic: 170, diastolic: 100 }), "vitals-limits")).toBe(
      "BP 170/100 is above the pre-dose hold limit of 140/90 (a clinic setting).",
    );
  });

  it("asks for every other value within its alert limits, low pressure included", () => {
    const at = (over: Partial<DischargeReading>) =>
      failing(facts({ readings: [...everyMark.slice(0, -1), full(120, over)] }));
    expect(at({ systolic: 90, diastolic: 50 })).toEqual([]);
    expect(at({ systolic: 89 })).toEqual(["vitals-limits"]);
    expect(at({ heartRate: 49 })).toEqual(["vitals-limits"]);
    expect(at({ heartRate: 121 })).toEqual(["vitals-limits"]);
    expect(at({ respiratoryRate: 9 })).toEqual(["vitals-limits"]);
    expect(at({ respiratoryRate: 25 })).toEqual(["vitals-limits"]);
    expect(at({ spo2: 91 })).toEqual(["vitals-limits"]);
    expect(at({ heartRate: 50, respiratoryRate: 24, spo2: 92 })).toEqual([]);
  });

  it("holds after an out-of-range reading until a new full set is back within the limits", () => {
    const marks = everyMark.filter((r) => r.takenAt.getTime() < min(115).getTime());
    // 118 min: SpO2 dips; nothing since, so discharge at 125 holds.
    const dip = facts({ readings: [...marks, full(118, { spo2: 90 })], skippedMarkMinutes: [120] });
    expect(failing(dip)).toEqual(["vitals-limits"]);
    // A new full set at 122, back within the limits, lifts the hold.
    expect(failing({ ...dip, readings: [...dip.readings, full(122)] })).toEqual([]);
    // A partial reading after that set, out of range, holds again.
    const after = { ...dip, readings: [...dip.readings, full(122), { takenAt: min(124), heartRate: 130 }] };
    expect(failing(after)).toEqual(["vitals-limits"]);
  });

  it("uses the clinic's hold limit", () => {
    const strict = readPracticeSettings({ bpHoldSystolic: 130 });
    expect(failing(facts(), strict)).toEqual(["vitals-limits"]);
  });

  it("needs every scheduled reading due by then, taken or skipped with a reason", () => {
    const gaps = facts({ readings: everyMark.filter((r) => r.takenAt.getTime() !== min(45).getTime()) });
    expect(failing(gaps)).toEqual(["scheduled-readings"]);
    expect(detail(gaps, "scheduled-readings")).toBe(
      "Not recorded: 45 min. Record each reading, or skip it with a reason.",
    );
    expect(failing({ ...gaps, skippedMarkMinutes: [45] })).toEqual([]);
    const noBaseline = facts({ readings: everyMark.slice(1) });
    expect(detail(noBaseline, "scheduled-readings")).toMatch(/^Not recorded: baseline\./);
    expect(failing({ ...noBaseline, skippedMarkMinutes: [0] })).toEqual([]);
  });

  it("holds for a moderate or severe adverse event until a prescriber signs it off; a mild one does not", () => {
    const ae = (severity: "MILD" | "MODERATE" | "SEVERE", prescriberSignedOff: boolean) =>
      failing(facts({ adverseEvents: [{ severity, prescriberSignedOff }] }));
    expect(ae("MILD", false)).toEqual([]);
    expect(ae("MODERATE", false)).toEqual(["adverse-events"]);
    expect(ae("SEVERE", false)).toEqual(["adverse-events"]);
    expect(ae("MODERATE", true)).toEqual([]);
    expect(
      detail(
        facts({
          adverseEvents: [
            { severity: "SEVERE", prescriberSignedOff: false },
            { severity: "MODERATE", prescriberSignedOff: false },
          ],
        }),
        "adverse-events",
      ),
    ).toBe("2 moderate or severe adverse events await the prescriber's sign-off.");
  });

  it("fails each remaining item on its own", () => {
    expect(failing(facts({ baselineSpeechAndAwareness: false }))).toEqual(["speech-awareness"]);
    expect(failing(facts({ purposefulMovement: false }))).toEqual(["purposeful-movement"]);
    expect(failing(facts({ escortPresent: false }))).toEqual(["escort-present"]);
  });
});

describe("dischargeLimitProblems", () => {
  it("names the hold limit once for a pressure above both hold and alert", () => {
    expect(dischargeLimitProblems({ systolic: 190, diastolic: 100 }, s)).toEqual([
      "BP 190/100 is above the pre-dose hold limit of 140/90 (a clinic setting).",
    ]);
  });
});

describe("checkReadyToLeave", () => {
  it("lies between the last administration and the discharge, and may be before the minimum time", () => {
    expect(checkReadyToLeave(min(100), dose, min(125))).toEqual([]);
    expect(checkReadyToLeave(min(125), dose, min(125))).toEqual([]);
    expect(checkReadyToLeave(min(-1), dose, min(125)).map((p) => p.field)).toEqual(["readyToLeaveAt"]);
    expect(checkReadyToLeave(min(126), dose, min(125))[0]?.message).toBe(
      "Ready to leave must be at or before the discharge time.",
    );
  });
});

describe("monitoringElapsedMinutes", () => {
  it("counts whole minutes since the dose, never negative", () => {
    expect(monitoringElapsedMinutes(dose, min(119.99))).toBe(119);
    expect(monitoringElapsedMinutes(dose, min(120))).toBe(120);
    expect(monitoringElapsedMinutes(dose, min(-3))).toBe(0);
  });
});
