"use client";

import type { ActionForm } from "@/components/forms/use-action-form";
import { ChoiceGroup } from "@/components/ui/choice-group";
import type { MeasureQuestion } from "@/lib/domain/measures/form-answers";

/** The radios as a measure form holds them: a question not answered yet is null. */
export type MeasureAnswers = Record<string, string | null | undefined>;

export const chosenAnswers = (v: MeasureAnswers) =>
  Object.fromEntries(
    Object.entries(v).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""),
  );

/** The questions asked, numbered, one radio group each (`idPrefix` keeps two forms on a page apart). */
export function MeasureQuestions({
  f,
  questions,
  idPrefix = "",
}: {
  f: ActionForm<MeasureAnswers>;
  questions: MeasureQuestion[];
  idPrefix?: string;
}) {
  return (
    <ol className="space-y-6">
      {questions.map((q, i) => (
        <li key={q.id} className="rounded-lg border border-slate-200 bg-white p-4">
          <ChoiceGroup
            id={`${idPrefix}${q.id}`}
            legend={
              <>
                <span className="text-slate-500">{i + 1}. </span>
                {q.text}
                {q.optional ? <span className="text-slate-500"> (optional)</span> : null}
              </>
            }
            layout={q.options.length > 2 ? "column" : "row"}
            options={q.options}
            error={f.error(q.id)}
            inputProps={() => f.register(q.id)}
          />
        </li>
      ))}
    </ol>
  );
}
