import type { z } from "zod";

export const SCALE_IDS = ["PHQ9", "GAD7", "PCL5", "CSSRS"] as const;
export type ScaleId = (typeof SCALE_IDS)[number];

/**
 * Which time frame a questionnaire asked about. STANDARD is the instrument's own (the PHQ-9's past
 * two weeks; the C-SSRS screener's past month and lifetime); SINCE_LAST_VISIT is the C-SSRS
 * "since last visit" screener asked before each dose (docs/clinical-rules.md §4).
 */
export const MEASURE_VARIANTS = ["STANDARD", "SINCE_LAST_VISIT"] as const;
export type MeasureVariant = (typeof MEASURE_VARIANTS)[number];

export type MeasureItem = { readonly id: string; readonly text: string };
export type MeasureOption<V extends number | boolean = number> = {
  readonly value: V;
  readonly label: string;
};
export type BandRange = { band: string; label: string; min: number; max: number };

export type MeasureFlag =
  | "phq9-item9"
  | "gad7-evaluate"
  | "pcl5-probable-ptsd"
  | "pcl5-dsm5-rule"
  | "cssrs-high-risk"
  | "cssrs-moderate-risk";

export type MeasureScore = { total: number | null; band: string; bandLabel: string; flags: MeasureFlag[] };

export type ScaleDefinition<A, V extends number | boolean = number> = {
  id: ScaleId;
  title: string;
  shortTitle: string;
  instructions: string;
  items: readonly MeasureItem[];
  options: readonly MeasureOption<V>[];
  maxTotal?: number;
  answersSchema: z.ZodType<A>;
  score: (answers: A) => MeasureScore;
};
