import { z } from "zod";
import type { PracticeSettings } from "@/lib/domain/admin/practice-settings";

/**
 * Vitals during a dosing session (docs/clinical-rules.md §3). Alert thresholds are practice
 * settings (docs/clinical-rules.md defaults); every label says so.
 *
 * Sedation: observer-rated responsiveness, 1 to 5, with the levels of the
 * responsiveness column of the OAA/S (Observer's Assessment of Alertness/Sedation,
 * Chernik 1990), 5 = fully alert. The MOAA/S (the sedation scale of the Spravato
 * prescribing information) runs 0 to 5 and grades its bottom levels by the response
 * to a painful trapezius squeeze; a KAP room applies no painful stimulus, so this
 * grid stops at 1. docs/clinical-rules.md sets no threshold: ratings are recorded, never alerted on.
 */
export const SEDATION_SCALE = {
  name: "Sedation (observer, OAA/S responsiveness)",
  min: 1,
  max: 5,
  levels: [
    { value: 5, label: "Responds readily to name spoken in a normal tone" },
    { value: 4, label: "Lethargic response to name spoken in a normal tone" },
    { value: 3, label: "Responds only after name is called loudly and/or repeatedly" },
    { value: 2, label: "Responds only after mild prodding or shaking" },
    { value: 1, label: "Does not respond to mild prodding or shaking" },
  ],
} as const;

/**
 * Dissociation: one 0-10 rating (client-reported, or observer-rated when the client
 * cannot answer). It is a single intensity rating, not a validated instrument score
 * such as the 23-item CADSS. No threshold in docs/clinical-rules.md: recorded only.
 */
export const DISSOCIATION_SCALE = {
  name: "Dissociation (0-10 rating)",
  min: 0,
  max: 10,
  anchors: [
    { value: 0, label: "None" },
    { value: 10, label: "The most intense imaginable" },
  ],
} as const;

const intIn = (label: string, min: number, max: number) =>
  z
    .number({ message: `Enter ${label} as a number.` })
    .int(`Enter ${label} as a whole number.`)
    .min(min, `Check ${label}: ${min} is the lowest accepted.`)
    .max(max, `Check ${label}: ${max} is the highest accepted.`);

// These bounds are not clinical thresholds: they only catch typing mistakes (a systolic of 1400).
export const systolicSchema = intIn("the systolic pressure", 50, 300);
export const diastolicSchema = intIn("the diastolic pressure", 20, 200);
export const heartRateSchema = intIn("the heart rate", 20, 250);
export const spo2Schema = intIn("the SpO2", 50, 100);
export const respiratoryRateSchema = intIn("the respiratory rate", 4, 60);

/** One row of the vitals grid; any value may be missing (a reading can be partial). */
export const vitalReadingSchema = z.object({
  systolic: systolicSchema.nullish(),
  diastolic: diastolicSchema.nullish(),
  heartRate: heartRateSchema.nullish(),
  spo2: spo2Schema.nullish(),
  respiratoryRate: respiratoryRateSchema.nullish(),
  sedation: intIn("the sedation rating", SEDATION_SCALE.min, SEDATION_SCALE.max).nullish(),
  dissociation: intIn("the dissociation rating", DISSOCIATION_SCALE.min, DISSOCIATION_SCALE.max).nullish(),
});
export type VitalReading = z.input<typeof vitalReadingSchema>;

export type VitalAlertCode =
  | "bp-high"
  | "bp-low"
  | "heart-rate-high"
  | "heart-rate-low"
  | "respiratory-rate-high"
  | "respiratory-rate-low"
  | "spo2-low";
export type VitalAlert = { code: VitalAlertCode; level: "urgent" | "warning"; label: string };

/**
 * Out-of-range alerts (docs/clinical-rules.md §3, "Vitals during the session"). High blood
 * pressure and low SpO2 are urgent; low blood pressure, heart rate and respiratory rate out of
 * range are warnings. Low values alert as well as high ones: the ketamine label lists
 * hypotension, bradycardia and respiratory depression. Values equal to a threshold do not
 * alert ("above" / "below"). Every threshold is a clinic setting.
 */
export function vitalAlerts(reading: VitalReading, s: PracticeSettings): VitalAlert[] {
  const alerts: VitalAlert[] = [];
  const { systolic, diastolic, heartRate, spo2, respiratoryRate } = reading;
  const bp = `${systolic ?? "?"}/${diastolic ?? "?"}`;
  const sysHigh = systolic != null && systolic > s.alertSystolicAbove;
  const diaHigh = diastolic != null && diastolic > s.alertDiastolicAbove;
  if (sysHigh || diaHigh) {
    alerts.push({
      code: "bp-high",
      level: "urgent",
      label: `BP ${bp} is above the urgent limit of ${s.alertSystolicAbove}/${s.alertDiastolicAbove} (a clinic setting).`,
    });
  }
  const sysLow = systolic != null && systolic < s.alertSystolicBelow;
  const diaLow = diastolic != null && diastolic < s.alertDiastolicBelow;
  if (sysLow || diaLow) {
    alerts.push({
      code: "bp-low",
      level: "warning",
      label: `BP ${bp} is below ${s.alertSystolicBelow}/${s.alertDiastolicBelow} (a clinic setting).`,
    });
  }
  if (heartRate != null && heartRate > s.alertHeartRateAbove) {
    alerts.push({
      code: "heart-rate-high",
      level: "warning",
      label: `Heart rate ${heartRate} bpm is above ${s.alertHeartRateAbove} (a clinic setting).`,
    });
  }
  if (heartRate != null && heartRate < s.alertHeartRateBelow) {
    alerts.push({
      code: "heart-rate-low",
      level: "warning",
      label: `Heart rate ${heartRate} bpm is below ${s.alertHeartRateBelow} (a clinic setting).`,
    });
  }
  if (respiratoryRate != null && respiratoryRate > s.alertRespiratoryRateAbove) {
    alerts.push({
      code: "respiratory-rate-high",
      level: "warning",
      label: `Respiratory rate ${respiratoryRate}/min is above ${s.alertRespiratoryRateAbove} (a clinic setting).`,
    });
  }
  if (respiratoryRate != null && respiratoryRate < s.alertRespiratoryRateBelow) {
    alerts.push({
      code: "respiratory-rate-low",
      level: "warning",
      label: `Respiratory rate ${respiratoryRate}/min is below ${s.alertRespiratoryRateBelow} (a clinic setting).`,
    });
  }
  if (spo2 != null && spo2 < s.alertSpo2Below) {
    alerts.push({
      code: "spo2-low",
      level: "urgent",
      label: `SpO2 ${spo2} % is below the urgent limit of ${s.alertSpo2Below} % (a clinic setting).`,
    });
  }
  return alerts;
}

/** True when no recorded value alerts. Missing values are not judged (see discharge for completeness). */
export const isInRange = (reading: VitalReading, s: PracticeSettings) => vitalAlerts(reading, s).length === 0;

/**
 * The latest reading: the one with the greatest time that is not after `now`. A reading
 * charted a minute or two ahead of the server's clock is not "the latest" until its time comes.
 */
export function latestReading<R extends { takenAt: Date }>(readings: R[], now: Date): R | null {
  let latest: R | null = null;
  for (const r of readings) {
    if (r.takenAt.getTime() > now.getTime()) continue;
    if (!latest || r.takenAt.getTime() > latest.takenAt.getTime()) latest = r;
  }
  return latest;
}

export type ScheduleMark = { label: string; minute: number | null };

/**
 * Planned readings: baseline, then every `vitalsEveryMinutes` up to the monitoring
 * time, the end of the monitoring time itself (so discharge has a fresh reading even
 * when the interval does not divide it), and the clinic's extra marks (40 min by
 * default, the BP peak). Extra marks are kept even past the monitoring time: the
 * clinic asked for them.
 */
export function vitalsSchedule(s: PracticeSettings, monitoringMinutes = s.monitoringMinutes): ScheduleMark[] {
  const minutes = new Set<number>(s.vitalsExtraAtMinutes);
  for (let m = s.vitalsEveryMinutes; m <= monitoringMinutes; m += s.vitalsEveryMinutes) minutes.add(m);
  if (monitoringMinutes > 0) minutes.add(monitoringMinutes);
  const sorted = [...minutes].filter((m) => m > 0).sort((a, b) => a - b);
  return [{ label: "Baseline", minute: null }, ...sorted.map((m) => ({ label: `${m} min`, minute: m }))];
}

/** How a skipped reading names its mark: minutes after the dose, 0 for the baseline. */
export const markMinuteOf = (mark: ScheduleMark) => mark.minute ?? 0;

/** The schedule without the marks that were skipped (with a reason): no reading is owed for them. */
export const withoutSkipped = (schedule: ScheduleMark[], skippedMarkMinutes: Iterable<number>) => {
  const skipped = new Set(skippedMarkMinutes);
  return schedule.filter((m) => !skipped.has(markMinuteOf(m)));
};

/** A reading covers a mark when taken within this many minutes either side of it. */
export const COVER_TOLERANCE_MINUTES = 5;
const TOL_MS = COVER_TOLERANCE_MINUTES * 60_000;

export type MarkCoverage = ScheduleMark & { dueAt: Date; takenAt: Date | null; late: boolean };

/**
 * Matches readings to marks. Baseline is covered by a reading at or before the dose.
 * A reading covers at most one mark (so 40 and 45 min each need their own), the
 * closest mark within ±5 min first. A reading outside every window counts, late, for
 * the latest uncovered mark before it: otherwise a missed reading could never be
 * made up and would stay "next" for the rest of the session.
 */
export function scheduleCoverage(
  schedule: ScheduleMark[],
  doseGivenAt: Date,
  takenAt: Date[],
): MarkCoverage[] {
  const dose = doseGivenAt.getTime();
  const times = [...takenAt].map((d) => d.getTime()).sort((a, b) => a - b);
  const used = new Set<number>();
  const marks: MarkCoverage[] = schedule.map((m) => ({
    ...m,
    dueAt: new Date(dose + (m.minute ?? 0) * 60_000),
    takenAt: null,
    late: false,
  }));
  const take = (mark: MarkCoverage, i: number, late: boolean) => {
    used.add(i);
    mark.takenAt = new Date(times[i] ?? 0);
    mark.late = late;
  };
  for (const mark of marks) {
    const due = mark.dueAt.getTime();
    let best = -1;
    times.forEach((t, i) => {
      if (used.has(i)) return;
      const fits = mark.minute === null ? t <= dose : Math.abs(t - due) <= TOL_MS;
      if (fits && (best < 0 || Math.abs(t - due) < Math.abs((times[best] ?? 0) - due))) best = i;
    });
    if (best >= 0) take(mark, best, false);
  }
  times.forEach((t, i) => {
    if (used.has(i)) return;
    const open = marks.filter(
      (m) => m.minute !== null && m.takenAt === null && m.dueAt.getTime() + TOL_MS < t,
    );
    const latest = open[open.length - 1];
    if (latest) take(latest, i, true);
  });
  return marks;
}

export type NextReading = { minuteMark: number | null; dueAt: Date; overdue: boolean; secondsUntil: number };

/**
 * The next reading to take: the first uncovered mark after the last covered one
 * (uncovered marks before a covered one are missed and stay visible in the record,
 * not here). Overdue once its ±5 min window has closed; baseline is overdue as soon
 * as the dose is given. Null when no mark is left.
 */
export function nextReadingDue(
  schedule: ScheduleMark[],
  doseGivenAt: Date,
  readingsTakenAt: Date[],
  now: Date,
): NextReading | null {
  const marks = scheduleCoverage(schedule, doseGivenAt, readingsTakenAt);
  let lastCovered = -1;
  marks.forEach((m, i) => {
    if (m.takenAt) lastCovered = i;
  });
  const next = marks.slice(lastCovered + 1).find((m) => m.takenAt === null);
  if (!next) return null;
  const due = next.dueAt.getTime();
  const overdue = now.getTime() > (next.minute === null ? due : due + TOL_MS);
  return {
    minuteMark: next.minute,
    dueAt: next.dueAt,
    overdue,
    secondsUntil: Math.round((due - now.getTime()) / 1000),
  };
}

/**
 * Scheduled readings still owed at `at`: marks due by then that no reading taken by then
 * covers and that were not skipped with a reason. Baseline is owed from the dose on.
 */
export function missingReadings(
  schedule: ScheduleMark[],
  doseGivenAt: Date,
  readingsTakenAt: Date[],
  skippedMarkMinutes: Iterable<number>,
  at: Date,
): MarkCoverage[] {
  const taken = readingsTakenAt.filter((t) => t.getTime() <= at.getTime());
  return scheduleCoverage(withoutSkipped(schedule, skippedMarkMinutes), doseGivenAt, taken).filter(
    (m) => m.takenAt === null && m.dueAt.getTime() <= at.getTime(),
  );
}
