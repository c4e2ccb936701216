import { z } from "zod";
import type { BandRange, MeasureFlag, MeasureScore, ScaleDefinition } from "./measure-types";

/** docs/clinical-rules.md §4: 31-33 or more suggests probable PTSD; 33 is the default and a clinic may change it. */
export const PCL5_CUTOFF = 33;
export const PCL5_MAX_TOTAL = 80;

export const PCL5_OPTIONS = [
  { value: 0, label: "Not at all" },
  { value: 1, label: "A little bit" },
  { value: 2, label: "Moderately" },
  { value: 3, label: "Quite a bit" },
  { value: 4, label: "Extremely" },
] as const;

const EXPERIENCE = "the stressful experience";

export const PCL5_ITEMS = [
  { id: "q1", text: `Repeated, disturbing, and unwanted memories of ${EXPERIENCE}?` },
  { id: "q2", text: `Repeated, disturbing dreams of ${EXPERIENCE}?` },
  {
    id: "q3",
    text:
      `Suddenly feeling or acting as if ${EXPERIENCE} were actually happening again ` +
      "(as if you were actually back there reliving it)?",
  },
  { id: "q4", text: `Feeling very upset when something reminded you of ${EXPERIENCE}?` },
  {
    id: "q5",
    text:
      `Having strong physical reactions when something reminded you of ${EXPERIENCE} ` +
      "(for example, heart pounding, trouble breathing, sweating)?",
  },
  { id: "q6", text: `Avoiding memories, thoughts, or feelings related to ${EXPERIENCE}?` },
  {
    id: "q7",
    text:
      `Avoiding external reminders of ${EXPERIENCE} ` +
      "(for example, people, places, conversations, activities, objects, or situations)?",
  },
  { id: "q8", text: `Trouble remembering important parts of ${EXPERIENCE}?` },
  {
    id: "q9",
    text:
      "Having strong negative beliefs about yourself, other people, or the world (for example, having " +
      "thoughts such as: I am bad, there is something seriously wrong with me, no one can be trusted, " +
      "the world is completely dangerous)?",
  },
  { id: "q10", text: `Blaming yourself or someone else for ${EXPERIENCE} or what happened after it?` },
  { id: "q11", text: "Having strong negative feelings such as fear, horror, anger, guilt, or shame?" },
  { id: "q12", text: "Loss of interest in activities that you used to enjoy?" },
  { id: "q13", text: "Feeling distant or cut off from other people?" },
  {
    id: "q14",
    text:
      "Trouble experiencing positive feelings (for example, being unable to feel happiness or have " +
      "loving feelings for people close to you)?",
  },
  { id: "q15", text: "Irritable behavior, angry outbursts, or acting aggressively?" },
  { id: "q16", text: "Taking too many risks or doing things that could cause you harm?" },
  { id: "q17", text: "Being “superalert” or watchful or on guard?" },
  { id: "q18", text: "Feeling jumpy or easily startled?" },
  { id: "q19", text: "Having difficulty concentrating?" },
  { id: "q20", text: "Trouble falling or staying asleep?" },
] as const;

const itemAnswer = z.int().min(0).max(4);

export const pcl5AnswersSchema = z.strictObject({
  q1: itemAnswer,
  q2: itemAnswer,
  q3: itemAnswer,
  q4: itemAnswer,
  q5: itemAnswer,
  q6: itemAnswer,
  q7: itemAnswer,
  q8: itemAnswer,
  q9: itemAnswer,
  q10: itemAnswer,
  q11: itemAnswer,
  q12: itemAnswer,
  q13: itemAnswer,
  q14: itemAnswer,
  q15: itemAnswer,
  q16: itemAnswer,
  q17: itemAnswer,
  q18: itemAnswer,
  q19: itemAnswer,
  q20: itemAnswer,
});
export type Pcl5Answers = z.infer<typeof pcl5AnswersSchema>;

/** A cut-off of 0 would call everyone "probable PTSD": refuse it rather than store a meaningless band. */
export function assertPcl5Cutoff(cutoff: number): void {
  if (!Number.isInteger(cutoff) || cutoff < 1 || cutoff > PCL5_MAX_TOTAL) {
    throw new RangeError(`PCL-5 cut-off must be a whole number from 1 to ${PCL5_MAX_TOTAL}, got ${cutoff}.`);
  }
}

/** PCL-5 has no official severity bands, only a screening cut-off around which we draw two ranges. */
export function pcl5Bands(cutoff: number = PCL5_CUTOFF): BandRange[] {
  assertPcl5Cutoff(cutoff);
  return [
    { band: "below-cutoff", label: "Below cut-off", min: 0, max: cutoff - 1 },
    { band: "probable-ptsd", label: "Probable PTSD", min: cutoff, max: PCL5_MAX_TOTAL },
  ];
}

export function scorePcl5(answers: Pcl5Answers, cutoff: number = PCL5_CUTOFF): MeasureScore {
  assertPcl5Cutoff(cutoff);
  const total = PCL5_ITEMS.reduce((sum, item) => sum + answers[item.id], 0);
  if (!Number.isInteger(total) || total < 0 || total > PCL5_MAX_TOTAL) {
    throw new RangeError(`PCL-5 total ${total} is outside 0-${PCL5_MAX_TOTAL}.`);
  }
  const probable = total >= cutoff;
  const flags: MeasureFlag[] = probable ? ["pcl5-probable-ptsd"] : [];
  return probable
    ? { total, band: "probable-ptsd", bandLabel: "Probable PTSD", flags }
    : { total, band: "below-cutoff", bandLabel: "Below cut-off", flags };
}

export const PCL5 = {
  id: "PCL5",
  title: "PTSD Checklist for DSM-5",
  shortTitle: "PCL-5",
  instructions: "In the past month, how much were you bothered by:",
  items: PCL5_ITEMS,
  options: PCL5_OPTIONS,
  maxTotal: PCL5_MAX_TOTAL,
  answersSchema: pcl5AnswersSchema,
  score: scorePcl5,
} as const satisfies ScaleDefinition<Pcl5Answers>;
