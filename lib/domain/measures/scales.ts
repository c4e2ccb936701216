import { CSSRS, CSSRS_SINCE_LAST_VISIT, type CssrsAnswers, parseCssrsAnswers } from "./cssrs";
import { GAD7, GAD7_BANDS, type Gad7Answers } from "./gad7";
import {
  type BandRange,
  type MeasureScore,
  type MeasureVariant,
  SCALE_IDS,
  type ScaleId,
} from "./measure-types";
import { PCL5, PCL5_CUTOFF, type Pcl5Answers, pcl5Bands } from "./pcl5";
import { PHQ9, PHQ9_BANDS, type Phq9Answers } from "./phq9";

export type MeasureAnswers = {
  PHQ9: Phq9Answers;
  GAD7: Gad7Answers;
  PCL5: Pcl5Answers;
  CSSRS: CssrsAnswers;
};

export const SCALES = { PHQ9, GAD7, PCL5, CSSRS } as const;

export function isScaleId(value: string): value is ScaleId {
  return (SCALE_IDS as readonly string[]).includes(value);
}

/**
 * Clinic settings that change scoring, and the time frame asked (only the C-SSRS has another:
 * "since last visit"); everything else is fixed by the published instruments.
 */
export type ScoringOptions = { pcl5Cutoff?: number; variant?: MeasureVariant };

/** The time frames each scale can be asked in. */
export function variantsOf(scale: ScaleId): readonly MeasureVariant[] {
  return scale === "CSSRS" ? ["STANDARD", "SINCE_LAST_VISIT"] : ["STANDARD"];
}

/** The questionnaire's name as the client and staff see it, with its time frame when not the standard one. */
export function measureTitle(scale: ScaleId, variant: MeasureVariant = "STANDARD") {
  if (scale === "CSSRS" && variant === "SINCE_LAST_VISIT") {
    return { title: CSSRS_SINCE_LAST_VISIT.title, shortTitle: CSSRS_SINCE_LAST_VISIT.shortTitle };
  }
  return { title: SCALES[scale].title, shortTitle: SCALES[scale].shortTitle };
}

/** Parses with the scale's schema (throws ZodError on bad input), then scores. */
export function scoreMeasure(scale: ScaleId, answers: unknown, options: ScoringOptions = {}): MeasureScore {
  const variant = options.variant ?? "STANDARD";
  if (!variantsOf(scale).includes(variant)) {
    throw new RangeError(`The ${scale} has no "${variant}" time frame.`);
  }
  switch (scale) {
    case "PHQ9":
      return PHQ9.score(PHQ9.answersSchema.parse(answers));
    case "GAD7":
      return GAD7.score(GAD7.answersSchema.parse(answers));
    case "PCL5":
      return PCL5.score(PCL5.answersSchema.parse(answers), options.pcl5Cutoff ?? PCL5_CUTOFF);
    case "CSSRS":
      return CSSRS.score(parseCssrsAnswers(answers, variant));
    default:
      throw new RangeError(`Unknown scale ${String(scale satisfies never)}.`);
  }
}

/** Severity bands for shading a chart; the C-SSRS has no total, so it has none. */
export function bandRanges(scale: ScaleId, options: ScoringOptions = {}): BandRange[] {
  switch (scale) {
    case "PHQ9":
      return PHQ9_BANDS.map((b) => ({ ...b }));
    case "GAD7":
      return GAD7_BANDS.map((b) => ({ ...b }));
    case "PCL5":
      return pcl5Bands(options.pcl5Cutoff ?? PCL5_CUTOFF);
    case "CSSRS":
      return [];
    default:
      throw new RangeError(`Unknown scale ${String(scale satisfies never)}.`);
  }
}

/** Flags that must reach the therapist and prescriber at once and hold the next dose (docs/clinical-rules.md §4). */
export const SAFETY_FLAGS = ["phq9-item9", "cssrs-high-risk"] as const;
export type SafetyFlag = (typeof SAFETY_FLAGS)[number];

export function isSafetyFlag(flag: string): flag is SafetyFlag {
  return (SAFETY_FLAGS as readonly string[]).includes(flag);
}

/** From docs/clinical-rules.md; check against the current LOINC table before any export. */
export const LOINC = {
  PHQ9: { panel: "44249-1", total: "44261-6" },
  GAD7: { panel: "69737-5", total: "70274-6" },
} as const;

function assertTotal(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a score of 0 or more, got ${value}.`);
  }
}

/** Signed change relative to baseline (-50 means halved); null when the baseline is 0. */
export function percentChange(baseline: number, current: number): number | null {
  assertTotal("baseline", baseline);
  assertTotal("current", current);
  if (baseline === 0) return null;
  return ((current - baseline) / baseline) * 100;
}

/** At least a 50 % drop from baseline. Compared without division so exactly half is never lost to rounding. */
export function isResponse(baseline: number, current: number): boolean {
  assertTotal("baseline", baseline);
  assertTotal("current", current);
  return baseline > 0 && current * 2 <= baseline;
}

/** PHQ-9 or GAD-7 remission: a total below 5 (read only from a baseline of 10 or more: trendSummary). */
export function isRemission(total: number): boolean {
  assertTotal("total", total);
  return total < 5;
}

export type Pcl5Change = "clinically-meaningful" | "reliable" | "none";

/** Improvement only: a drop of 10 or more is clinically meaningful, 5 or more is reliable change. */
export function pcl5Change(baseline: number, current: number): Pcl5Change {
  assertTotal("baseline", baseline);
  assertTotal("current", current);
  const drop = baseline - current;
  if (drop >= 10) return "clinically-meaningful";
  if (drop >= 5) return "reliable";
  return "none";
}
