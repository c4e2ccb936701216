import { z } from "zod";
import type { BandRange, MeasureFlag, MeasureScore, ScaleDefinition } from "./measure-types";
import { FREQUENCY_OPTIONS } from "./phq9";

export const GAD7_ITEMS = [
  { id: "q1", text: "Feeling nervous, anxious, or on edge" },
  { id: "q2", text: "Not being able to stop or control worrying" },
  { id: "q3", text: "Worrying too much about different things" },
  { id: "q4", text: "Trouble relaxing" },
  { id: "q5", text: "Being so restless that it is hard to sit still" },
  { id: "q6", text: "Becoming easily annoyed or irritable" },
  { id: "q7", text: "Feeling afraid, as if something awful might happen" },
] as const;

export const GAD7_BANDS: readonly BandRange[] = [
  { band: "minimal", label: "Minimal", min: 0, max: 4 },
  { band: "mild", label: "Mild", min: 5, max: 9 },
  { band: "moderate", label: "Moderate", min: 10, max: 14 },
  { band: "severe", label: "Severe", min: 15, max: 21 },
];

/** docs/clinical-rules.md §4: a total of 10 or more warrants further evaluation. */
export const GAD7_EVALUATE_AT = 10;

const itemAnswer = z.int().min(0).max(3);

export const gad7AnswersSchema = z.strictObject({
  q1: itemAnswer,
  q2: itemAnswer,
  q3: itemAnswer,
  q4: itemAnswer,
  q5: itemAnswer,
  q6: itemAnswer,
  q7: itemAnswer,
});
export type Gad7Answers = z.infer<typeof gad7AnswersSchema>;

export function scoreGad7(answers: Gad7Answers): MeasureScore {
  const total = GAD7_ITEMS.reduce((sum, item) => sum + answers[item.id], 0);
  const band = GAD7_BANDS.find((b) => total >= b.min && total <= b.max);
  if (!band) throw new RangeError(`GAD-7 total ${total} is outside 0-21.`);
  const flags: MeasureFlag[] = total >= GAD7_EVALUATE_AT ? ["gad7-evaluate"] : [];
  return { total, band: band.band, bandLabel: band.label, flags };
}

export const GAD7 = {
  id: "GAD7",
  title: "Generalized Anxiety Disorder 7-item scale",
  shortTitle: "GAD-7",
  instructions: "Over the last 2 weeks, how often have you been bothered by the following problems?",
  items: GAD7_ITEMS,
  options: FREQUENCY_OPTIONS,
  maxTotal: 21,
  answersSchema: gad7AnswersSchema,
  score: scoreGad7,
} as const satisfies ScaleDefinition<Gad7Answers>;
