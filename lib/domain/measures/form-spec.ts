import { CSSRS_Q6_FOLLOW_UP, CSSRS_RISK_LABEL } from "./cssrs";
import type { ScaleId } from "./measure-types";
import { PHQ9 } from "./phq9";
import { bandRanges, isScaleId, SCALES } from "./scales";

/** What a measure form needs, as plain data a client component can receive. */
export type MeasureQuestion = {
  id: string;
  text: string;
  options: { value: string; label: string }[];
  optional?: boolean;
};
export type MeasureFormSpec = {
  scale: ScaleId;
  title: string;
  shortTitle: string;
  instructions: string;
  questions: MeasureQuestion[];
  /** Yes/no scales send booleans; the others send numbers. */
  answerKind: "number" | "boolean";
};

const yesNo = [
  { value: "true", label: "Yes" },
  { value: "false", label: "No" },
];

export function measureFormSpec(scale: ScaleId): MeasureFormSpec {
  const def = SCALES[scale];
  const options = def.options.map((o) => ({ value: String(o.value), label: o.label }));
  const questions: MeasureQuestion[] = def.items.map((i) => ({
    id: i.id,
    text: i.text,
    options: scale === "CSSRS" ? yesNo : options,
  }));
  if (scale === "PHQ9") {
    questions.push({
      id: PHQ9.difficultyItem.id,
      text: PHQ9.difficultyItem.text,
      options: PHQ9.difficultyOptions.map((o) => ({ value: String(o.value), label: o.label })),
      optional: true,
    });
  }
  if (scale === "CSSRS")
    questions.push({ id: CSSRS_Q6_FOLLOW_UP.id, text: CSSRS_Q6_FOLLOW_UP.text, options: yesNo });
  return {
    scale,
    title: def.title,
    shortTitle: def.shortTitle,
    instructions: def.instructions,
    questions,
    answerKind: scale === "CSSRS" ? "boolean" : "number",
  };
}

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

/** The words for a stored band code, e.g. "moderately-severe" → "Moderately severe". */
export function bandLabel(scale: string, band: string): string {
  if (scale === "CSSRS") return CSSRS_RISK_LABEL[band as keyof typeof CSSRS_RISK_LABEL] ?? band;
  const ranges = isScaleId(scale) ? bandRanges(scale) : [];
  return ranges.find((r) => r.band === band)?.label ?? band.replaceAll("-", " ");
}
