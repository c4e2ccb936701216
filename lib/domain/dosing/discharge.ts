import type { PracticeSettings } from "@/lib/domain/admin/practice-settings";
import type { CheckItem } from "./checklist";
import { missingReadings, type ScheduleMark, type VitalReading, vitalAlerts, vitalsSchedule } from "./vitals";

/**
 * Discharge readiness (docs/clinical-rules.md §3, "Discharge"). The client may leave when, at the
 * discharge time, every one of these holds:
 * - at least the monitoring time (default 120 min, the Spravato REMS minimum; a clinic setting)
 *   has passed since the LAST administration;
 * - a full set of vitals was taken in the 15 minutes before;
 * - every value of the latest full set, and of any reading taken after it, is within the pre-dose
 *   hold limits for blood pressure and within the alert limits for the rest, not merely below the
 *   urgent alerts (an out-of-range reading holds until a new full set is back within them);
 * - every scheduled reading due by then was taken, or skipped with a reason;
 * - no moderate or severe adverse event awaits the prescriber's sign-off;
 * - baseline speech and awareness, purposeful movement, escort present.
 */

/** A full set of vitals must be this recent at discharge. Fixed in code. */
export const FRESH_READING_MINUTES = 15;
/** Adverse events of these severities hold discharge until a prescriber signs them off. */
export const SIGN_OFF_SEVERITIES: readonly string[] = ["MODERATE", "SEVERE"];

export type DischargeReading = VitalReading & { takenAt: Date };
export type DischargeAdverseEvent = {
  severity: "MILD" | "MODERATE" | "SEVERE";
  /** Reviewed by a prescriber (AdverseEvent.reviewedAt, by a user whose role is PRESCRIBER). */
  prescriberSignedOff: boolean;
};

export type DischargeFacts = {
  /** The dose the vitals schedule is counted from. */
  doseGivenAt: Date;
  /** The last administration (the dose, or a later booster): the monitoring clock starts here. */
  lastAdministrationAt: Date;
  /** The time the client leaves (at most 2 minutes ahead of the server's clock). */
  dischargeAt: Date;
  /** The server's clock: a reading timed after it never counts for the discharge. */
  now: Date;
  /** Every reading of the record. */
  readings: DischargeReading[];
  /** Schedule marks skipped with a reason (minutes after the dose, 0 for the baseline). */
  skippedMarkMinutes: number[];
  adverseEvents: DischargeAdverseEvent[];
  baselineSpeechAndAwareness: boolean;
  purposefulMovement: boolean;
  escortPresent: boolean;
};

export type DischargeResult = { ready: boolean; items: CheckItem[]; earliestAt: Date };

const MINUTE = 60_000;

/** Whole minutes since `from` (never negative). */
export const monitoringElapsedMinutes = (from: Date, now: Date) =>
  Math.max(0, Math.floor((now.getTime() - from.getTime()) / MINUTE));

const check = (code: string, label: string, ok: boolean, detail: string): CheckItem => ({
  code,
  label,
  status: ok ? "pass" : "fail",
  detail,
});

const FULL_SET = [
  ["systolic", "systolic"],
  ["diastolic", "diastolic"],
  ["heartRate", "heart rate"],
  ["respiratoryRate", "respiratory rate"],
  ["spo2", "SpO2"],
] as const;

/** The values a reading lacks for a full set. */
export const missingValues = (r: VitalReading) =>
  FULL_SET.filter(([key]) => r[key] == null).map(([, name]) => name);

/**
 * Why a reading is outside the discharge limits: blood pressure above the pre-dose hold limit,
 * and any alert (low blood pressure, heart rate, respiratory rate, SpO2, and high blood pressure
 * should the hold limit ever exceed the alert limit).
 */
export function dischargeLimitProblems(r: VitalReading, s: PracticeSettings): string[] {
  const problems: string[] = [];
  const aboveHold =
    (r.systolic != null && r.systolic > s.bpHoldSystolic) ||
    (r.diastolic != null && r.diastolic > s.bpHoldDiastolic);
  if (aboveHold) {
    problems.push(
      `BP ${r.systolic ?? "?"}/${r.diastolic ?? "?"} is above the pre-dose hold limit of ${s.bpHoldSystolic}/${s.bpHoldDiastolic} (a clinic setting).`,
    );
  }
  for (const alert of vitalAlerts(r, s)) {
    if (alert.code === "bp-high" && aboveHold) continue;
    problems.push(alert.label);
  }
  return problems;
}

export function evaluateDischarge(
  f: DischargeFacts,
  s: PracticeSettings,
  schedule: ScheduleMark[] = vitalsSchedule(s),
): DischargeResult {
  const earliestAt = new Date(f.lastAdministrationAt.getTime() + s.monitoringMinutes * MINUTE);
  const elapsed = monitoringElapsedMinutes(f.lastAdministrationAt, f.dischargeAt);
  const timeOk = f.dischargeAt.getTime() >= earliestAt.getTime();
  const items: CheckItem[] = [
    check(
      "monitoring-time",
      "Monitoring time",
      timeOk,
      `${elapsed} of at least ${s.monitoringMinutes} minutes monitored since the last administration (a clinic setting).`,
    ),
    ...vitalsItems(f, s),
    scheduleItem(f, schedule),
    adverseEventsItem(f),
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

/**
 * The recent readings: taken after the last administration, in the 15 minutes up to the
 * discharge time, and not after the server's clock. Readings timed later count against the
 * discharge (the client was still being watched), never for it.
 */
function vitalsItems(f: DischargeFacts, s: PracticeSettings): CheckItem[] {
  const at = Math.min(f.dischargeAt.getTime(), f.now.getTime());
  const from = Math.max(
    f.dischargeAt.getTime() - FRESH_READING_MINUTES * MINUTE,
    f.lastAdministrationAt.getTime(),
  );
  const recent = f.readings
    .filter((r) => r.takenAt.getTime() >= from && r.takenAt.getTime() <= at)
    .sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime());
  const since = f.readings.filter((r) => r.takenAt.getTime() > at);

  const freshLabel = `Full set of vitals in the last ${FRESH_READING_MINUTES} minutes`;
  let fresh: CheckItem;
  if (recent.length === 0) {
    fresh = check(
      "vitals-fresh",
      freshLabel,
      false,
      `No reading in the ${FRESH_READING_MINUTES} minutes before the discharge time: take a full set (BP, heart rate, respiratory rate, SpO2).`,
    );
  } else if (recent.some((r) => missingValues(r).length === 0)) {
    fresh = check("vitals-fresh", freshLabel, true, "A full set of vitals was taken in time.");
  } else {
    const latest = recent[0] as DischargeReading;
    fresh = check(
      "vitals-fresh",
      freshLabel,
      false,
      `The recent readings are not a full set (the latest has no ${missingValues(latest).join(", ")}): take a full set.`,
    );
  }

  // Judged: the latest full set in the window and every reading after it. An out-of-range reading
  // holds discharge until a new full set comes back within the limits (a reading after that set,
  // even a partial one, holds again).
  const limitsLabel = "Vitals within the pre-dose limits";
  const latestFull = recent.find((r) => missingValues(r).length === 0);
  const judged = [
    ...(latestFull ? recent.filter((r) => r.takenAt.getTime() >= latestFull.takenAt.getTime()) : recent),
    ...since,
  ];
  let limits: CheckItem;
  if (recent.length === 0) {
    limits = check("vitals-limits", limitsLabel, false, "No recent reading to judge.");
  } else {
    const problems = [...new Set(judged.flatMap((r) => dischargeLimitProblems(r, s)))];
    limits =
      problems.length > 0
        ? check("vitals-limits", limitsLabel, false, problems.join(" "))
        : check(
            "vitals-limits",
            limitsLabel,
            true,
            "Every recent value is within the pre-dose hold limits and the alert limits (clinic settings).",
          );
  }
  return [fresh, limits];
}

function scheduleItem(f: DischargeFacts, schedule: ScheduleMark[]): CheckItem {
  const missing = missingReadings(
    schedule,
    f.doseGivenAt,
    f.readings.map((r) => r.takenAt).filter((t) => t.getTime() <= f.now.getTime()),
    f.skippedMarkMinutes,
    f.dischargeAt,
  );
  const label = "Every scheduled reading";
  if (missing.length === 0)
    return check(
      "scheduled-readings",
      label,
      true,
      "Every scheduled reading was taken or skipped with a reason.",
    );
  return check(
    "scheduled-readings",
    label,
    false,
    `Not recorded: ${missing.map((m) => m.label.toLowerCase()).join(", ")}. Record each reading, or skip it with a reason.`,
  );
}

function adverseEventsItem(f: DischargeFacts): CheckItem {
  const waiting = f.adverseEvents.filter(
    (e) => SIGN_OFF_SEVERITIES.includes(e.severity) && !e.prescriberSignedOff,
  ).length;
  const label = "Adverse events signed off";
  if (waiting === 0)
    return check(
      "adverse-events",
      label,
      true,
      "No moderate or severe adverse event awaits the prescriber's sign-off.",
    );
  return check(
    "adverse-events",
    label,
    false,
    waiting === 1
      ? "1 moderate or severe adverse event awaits the prescriber's sign-off."
      : `${waiting} moderate or severe adverse events await the prescriber's sign-off.`,
  );
}

export type ReadyToLeaveProblem = { field: "readyToLeaveAt"; message: string };

/**
 * The time the client would have been ready to leave is a judgement recorded with the
 * discharge: after the last administration, and not after the discharge itself. It may be
 * earlier than the minimum monitoring time (the REMS form asks exactly that).
 */
export function checkReadyToLeave(
  readyToLeaveAt: Date,
  lastAdministrationAt: Date,
  dischargeAt: Date,
): ReadyToLeaveProblem[] {
  const problems: ReadyToLeaveProblem[] = [];
  if (readyToLeaveAt.getTime() < lastAdministrationAt.getTime())
    problems.push({
      field: "readyToLeaveAt",
      message: "The client cannot have been ready to leave before the last administration.",
    });
  if (readyToLeaveAt.getTime() > dischargeAt.getTime())
    problems.push({
      field: "readyToLeaveAt",
      message: "Ready to leave must be at or before the discharge time.",
    });
  return problems;
}
