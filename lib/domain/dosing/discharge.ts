import type { PracticeSettings } from "@/lib/domain/admin/practice-settings";
import type { CheckItem } from "./checklist";
import { type VitalReading, vitalAlerts } from "./vitals";

/**
 * Discharge readiness (docs/clinical-rules.md §3): not before the monitoring time after the dose
 * (default 120 min, the Spravato REMS minimum; a clinic setting), vitals back in
 * range, baseline speech and awareness, purposeful movement, escort present.
 */

export type DischargeFacts = {
  doseGivenAt: Date;
  now: Date;
  /** The most recent reading; `takenAt`, when given, must be after the dose. */
  latestReading: (VitalReading & { takenAt?: Date }) | null;
  baselineSpeechAndAwareness: boolean;
  purposefulMovement: boolean;
  escortPresent: boolean;
};

export type DischargeResult = { ready: boolean; items: CheckItem[]; earliestAt: Date };

/** Whole minutes since the dose (never negative). */
export const monitoringElapsedMinutes = (doseGivenAt: Date, now: Date) =>
  Math.max(0, Math.floor((now.getTime() - doseGivenAt.getTime()) / 60_000));

const check = (code: string, label: string, ok: boolean, detail: string): CheckItem => ({
  code,
  label,
  status: ok ? "pass" : "fail",
  detail,
});

export function evaluateDischarge(f: DischargeFacts, s: PracticeSettings): DischargeResult {
  const earliestAt = new Date(f.doseGivenAt.getTime() + s.monitoringMinutes * 60_000);
  const elapsed = monitoringElapsedMinutes(f.doseGivenAt, f.now);
  const timeOk = f.now.getTime() >= earliestAt.getTime();
  const items: CheckItem[] = [
    check(
      "monitoring-time",
      "Monitoring time",
      timeOk,
      `${elapsed} of at least ${s.monitoringMinutes} minutes monitored since the dose (a clinic setting).`,
    ),
    vitalsItem(f, s),
    check(
      "speech-awareness",
      "Baseline speech and awareness",
      f.baselineSpeechAndAwareness,
      f.baselineSpeechAndAwareness
        ? "Speech and awareness are back to baseline."
        : "Speech and awareness are not back to baseline yet.",
    ),
    check(
      "purposeful-movement",
      "Purposeful movement",
      f.purposefulMovement,
      f.purposefulMovement ? "Moves purposefully." : "Not yet moving purposefully.",
    ),
    check(
      "escort-present",
      "Escort present",
      f.escortPresent,
      f.escortPresent
        ? "The escort is here to take the client home."
        : "The escort is not here yet; the client must not drive until the next day.",
    ),
  ];
  return { ready: items.every((i) => i.status === "pass"), items, earliestAt };
}

// A reading without all four vitals cannot show they are back in range, and a
// pre-dose (baseline) reading says nothing about recovery.
function vitalsItem(f: DischargeFacts, s: PracticeSettings): CheckItem {
  const label = "Vitals back in range";
  const r = f.latestReading;
  if (!r) return check("vitals", label, false, "No reading recorded since the dose.");
  if (r.takenAt && r.takenAt.getTime() < f.doseGivenAt.getTime()) {
    return check("vitals", label, false, "The latest reading was taken before the dose; take a new one.");
  }
  const missing = (
    [
      ["systolic", r.systolic],
      ["diastolic", r.diastolic],
      ["heart rate", r.heartRate],
      ["SpO2", r.spo2],
    ] as const
  )
    .filter(([, v]) => v == null)
    .map(([name]) => name);
  if (missing.length > 0) {
    return check(
      "vitals",
      label,
      false,
      `The latest reading has no ${missing.join(", ")}; take a full reading.`,
    );
  }
  const alerts = vitalAlerts(r, s);
  if (alerts.length > 0) return check("vitals", label, false, alerts.map((a) => a.label).join(" "));
  return check("vitals", label, true, "The latest reading is within the clinic's alert limits.");
}
