import type { MeasureVariant, ScaleId } from "./measure-types";

/*
 * What the measure form needs in the browser, apart from the scales' scoring
 * schemas (zod), which stay on the server: the questions shown and the answers sent.
 */

/** What a measure form needs, as plain data a client component can receive. */
export type MeasureQuestion = {
  id: string;
  text: string;
  options: { value: string; label: string }[];
  optional?: boolean;
};
export type MeasureFormSpec = {
  scale: ScaleId;
  /** The time frame asked (the C-SSRS "since last visit" before a dose); the server decides which. */
  variant: MeasureVariant;
  title: string;
  shortTitle: string;
  instructions: string;
  questions: MeasureQuestion[];
  /** Yes/no scales send booleans; the others send numbers. */
  answerKind: "number" | "boolean";
};

/** Asked only after a yes to question 6; recency is what separates high from moderate risk. */
export const CSSRS_Q6_FOLLOW_UP = { id: "q6Recent", text: "Was this within the past 3 months?" } as const;

/**
 * Which questions are asked given the answers so far. The C-SSRS screener asks
 * questions 3-5 only after a "yes" to question 2, and the recency follow-up only
 * after a "yes" to question 6; skipped questions are answered "no".
 */
export function visibleQuestions(spec: MeasureFormSpec, answers: Record<string, string>): MeasureQuestion[] {
  if (spec.scale !== "CSSRS") return spec.questions;
  return spec.questions.filter((q) => {
    if (["q3", "q4", "q5"].includes(q.id)) return answers.q2 === "true";
    if (q.id === CSSRS_Q6_FOLLOW_UP.id) return answers.q6 === "true";
    return true;
  });
}

/** The answers to send: visible questions as typed values, skipped C-SSRS questions as "no". */
export function answersToSubmit(
  spec: MeasureFormSpec,
  answers: Record<string, string>,
): Record<string, number | boolean> {
  const visible = new Set(visibleQuestions(spec, answers).map((q) => q.id));
  const out: Record<string, number | boolean> = {};
  for (const q of spec.questions) {
    const v = answers[q.id];
    if (spec.answerKind === "boolean") {
      if (q.id === CSSRS_Q6_FOLLOW_UP.id) {
        if (visible.has(q.id) && v) out[q.id] = v === "true";
      } else out[q.id] = visible.has(q.id) ? v === "true" : false;
    } else if (v !== undefined && v !== "") out[q.id] = Number(v);
  }
  return out;
}
