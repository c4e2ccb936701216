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
    { band: "probable-ptsd", label: "Provisional PTSD", min: cutoff, max: PCL5_MAX_TOTAL },
  ];
}

/**
 * The DSM-5 symptom clusters of the PCL-5 (docs/clinical-rules.md §4): an item rated 2
 * ("Moderately") or more counts as an endorsed symptom, and the rule needs at least 1 of B1-B5,
 * 1 of C6-C7, 2 of D8-D14 and 2 of E15-E20.
 */
export const PCL5_CLUSTERS = [
  { id: "B", label: "Intrusion (B1-B5)", items: ["q1", "q2", "q3", "q4", "q5"], needed: 1 },
  { id: "C", label: "Avoidance (C6-C7)", items: ["q6", "q7"], needed: 1 },
  {
    id: "D",
    label: "Negative thoughts and mood (D8-D14)",
    items: ["q8", "q9", "q10", "q11", "q12", "q13", "q14"],
    needed: 2,
  },
  {
    id: "E",
    label: "Arousal and reactivity (E15-E20)",
    items: ["q15", "q16", "q17", "q18", "q19", "q20"],
    needed: 2,
  },
] as const satisfies readonly { id: string; label: string; items: readonly Pcl5ItemId[]; needed: number }[];

type Pcl5ItemId = (typeof PCL5_ITEMS)[number]["id"];

/** An item rated this or more counts as an endorsed symptom for the DSM-5 rule. */
export const PCL5_ENDORSED_FROM = 2;

export type Pcl5Cluster = {
  id: (typeof PCL5_CLUSTERS)[number]["id"];
  label: string;
  /** The sum of the cluster's item ratings. */
  subtotal: number;
  /** How many of its items are rated 2 or more. */
  endorsed: number;
  needed: number;
  met: boolean;
};

export type Pcl5Result = {
  total: number;
  clusters: Pcl5Cluster[];
  /** The DSM-5 symptom rule: every cluster has its endorsed items. */
  dsm5RuleMet: boolean;
  cutoffMet: boolean;
  /** Provisional PTSD: the cut-off or the DSM-5 rule is met, and which of them. */
  provisional: { byCutoff: boolean; byDsm5Rule: boolean } | null;
};

/** The total, the clusters and the provisional-PTSD reading of one PCL-5. */
export function pcl5Result(answers: Pcl5Answers, cutoff: number = PCL5_CUTOFF): Pcl5Result {
  assertPcl5Cutoff(cutoff);
  const total = PCL5_ITEMS.reduce((sum, item) => sum + answers[item.id], 0);
  if (!Number.isInteger(total) || total < 0 || total > PCL5_MAX_TOTAL) {
    throw new RangeError(`PCL-5 total ${total} is outside 0-${PCL5_MAX_TOTAL}.`);
  }
  const clusters = PCL5_CLUSTERS.map((c) => {
    const ratings = c.items.map((id) => answers[id]);
    const endorsed = ratings.filter((r) => r >= PCL5_ENDORSED_FROM).length;
    return {
      id: c.id,
      label: c.label,
      subtotal: ratings.reduce((a, b) => a + b, 0),
      endorsed,
      needed: c.needed,
      met: endorsed >= c.needed,
    };
  });
  const dsm5RuleMet = clusters.every((c) => c.met);
  const cutoffMet = total >= cutoff;
  return {
    total,
    clusters,
    dsm5RuleMet,
    cutoffMet,
    provisional: cutoffMet || dsm5RuleMet ? { byCutoff: cutoffMet, byDsm5Rule: dsm5RuleMet } : null,
  };
}

/** How a provisional PTSD reading says what it rests on. */
export function provisionalLabel(p: Pcl5Result["provisional"]): string | null {
  if (!p) return null;
  if (p.byCutoff && p.byDsm5Rule) return "Provisional PTSD (cut-off and DSM-5 symptom rule)";
  return p.byCutoff ? "Provisional PTSD (cut-off)" : "Provisional PTSD (DSM-5 symptom rule)";
}

export function scorePcl5(answers: Pcl5Answers, cutoff: number = PCL5_CUTOFF): MeasureScore {
  const r = pcl5Result(answers, cutoff);
  const flags: MeasureFlag[] = [];
  if (r.cutoffMet) flags.push("pcl5-probable-ptsd");
  if (r.dsm5RuleMet) flags.push("pcl5-dsm5-rule");
  const label = provisionalLabel(r.provisional);
  return label
    ? { total: r.total, band: "probable-ptsd", bandLabel: label, flags }
    : { total: r.total, band: "below-cutoff", bandLabel: "Below cut-off", flags };
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
