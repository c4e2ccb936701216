import { CSSRS_Q6_FOLLOW_UP, CSSRS_RISK_LABEL, CSSRS_SINCE_LAST_VISIT } from "./cssrs";
import type { MeasureFormSpec, MeasureQuestion } from "./form-answers";
import type { MeasureItem, MeasureVariant, ScaleId } from "./measure-types";
import { PHQ9 } from "./phq9";
import { bandRanges, isScaleId, measureTitle, SCALES, variantsOf } from "./scales";

export {
  answersToSubmit,
  type MeasureFormSpec,
  type MeasureQuestion,
  visibleQuestions,
} from "./form-answers";

const yesNo = [
  { value: "true", label: "Yes" },
  { value: "false", label: "No" },
];

export function measureFormSpec(scale: ScaleId, variant: MeasureVariant = "STANDARD"): MeasureFormSpec {
  if (!variantsOf(scale).includes(variant))
    throw new RangeError(`The ${scale} has no "${variant}" time frame.`);
  const def = SCALES[scale];
  const sinceLastVisit = scale === "CSSRS" && variant === "SINCE_LAST_VISIT";
  const options = def.options.map((o) => ({ value: String(o.value), label: o.label }));
  const items: readonly MeasureItem[] = sinceLastVisit ? CSSRS_SINCE_LAST_VISIT.items : def.items;
  const questions: MeasureQuestion[] = items.map((i) => ({
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
  // Since the last visit is recent by definition: no recency follow-up.
  if (scale === "CSSRS" && !sinceLastVisit)
    questions.push({ id: CSSRS_Q6_FOLLOW_UP.id, text: CSSRS_Q6_FOLLOW_UP.text, options: yesNo });
  return {
    scale,
    variant,
    ...measureTitle(scale, variant),
    instructions: sinceLastVisit ? CSSRS_SINCE_LAST_VISIT.instructions : def.instructions,
    questions,
    answerKind: scale === "CSSRS" ? "boolean" : "number",
  };
}

/** The words for a stored band code, e.g. "moderately-severe" → "Moderately severe". */
export function bandLabel(scale: string, band: string): string {
  if (scale === "CSSRS") return CSSRS_RISK_LABEL[band as keyof typeof CSSRS_RISK_LABEL] ?? band;
  const ranges = isScaleId(scale) ? bandRanges(scale) : [];
  return ranges.find((r) => r.band === band)?.label ?? band.replaceAll("-", " ");
}
