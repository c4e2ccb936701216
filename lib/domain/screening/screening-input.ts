import type { StoredIntake } from "@/lib/domain/intake/intake-answers";
import { type EligibilityFlag, evaluateEligibility } from "./eligibility";

/** A stored measure, as the screening rules read it. */
export type StoredMeasure = { scale: string; answers: unknown; band: string; takenAt: Date };

const latest = (measures: StoredMeasure[], scale: string) =>
  measures.filter((m) => m.scale === scale).sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime())[0];

const RISKS = ["low", "moderate", "high"] as const;

/** PHQ-9 item 9 and the C-SSRS risk level from the client's most recent measures. */
export function safetyInputs(measures: StoredMeasure[]) {
  const phq9 = latest(measures, "PHQ9");
  const cssrs = latest(measures, "CSSRS");
  const item9 = (phq9?.answers as Record<string, unknown> | undefined)?.q9;
  const risk = RISKS.find((r) => r === cssrs?.band) ?? null;
  return { phq9Item9: typeof item9 === "number" ? item9 : null, cssrsRisk: risk };
}

/**
 * The screening flags for a client's intake and measures. Without a prescriber
 * (at hand-off) the licence rule is skipped; the review recomputes it with the
 * reviewing prescriber's licence states.
 */
export function screeningFlags(args: {
  intake: Partial<StoredIntake>;
  /** The working diagnosis being signed, when there is one. */
  diagnosisCode?: string | null;
  dateOfBirth: Date;
  residenceState: string;
  measures: StoredMeasure[];
  prescriberLicenseStates: string[] | null;
  now: Date;
  timeZone: string;
}): EligibilityFlag[] {
  return evaluateEligibility({
    intake: args.intake,
    diagnosisCode: args.diagnosisCode ?? null,
    dateOfBirth: args.dateOfBirth,
    residenceState: args.residenceState,
    prescriberLicenseStates: args.prescriberLicenseStates,
    measures: safetyInputs(args.measures),
    now: args.now,
    timeZone: args.timeZone,
  });
}
