"use client";

import { useState } from "react";
import { FormNotice } from "@/components/forms/form-notice";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { ChoiceGroup } from "@/components/ui/choice-group";
import { Notice } from "@/components/ui/notice";
import { submitMeasureAction } from "@/lib/actions/measures";
import { answersToSubmit, type MeasureFormSpec, visibleQuestions } from "@/lib/domain/measures/form-answers";
import { CrisisResources } from "./crisis-resources";

/** The radios as the form holds them: a question not answered yet is null. */
type Answers = Record<string, string | null | undefined>;
const chosen = (v: Answers) =>
  Object.fromEntries(
    Object.entries(v).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""),
  );

/** A questionnaire on one page; scored on the server. A risk answer shows crisis resources at once. */
export function MeasureForm({ spec, requestId }: { spec: MeasureFormSpec; requestId?: string }) {
  const [result, setResult] = useState<{ safetyFlag: boolean } | null>(null);
  const f = useActionForm(submitMeasureAction, {
    // The portal's questionnaire page ships no zod: the check is fetched when the form is first used.
    schema: () => import("@/lib/validation/measures").then((m) => m.submitMeasureSchema),
    toInput: (v: Answers) => ({ scale: spec.scale, answers: answersToSubmit(spec, chosen(v)), requestId }),
    check: (v) => {
      const answers = chosen(v);
      return Object.fromEntries(
        visibleQuestions(spec, answers)
          .filter((q) => !q.optional && !answers[q.id])
          .map((q) => [q.id, "Choose an answer."]),
      );
    },
    invalidMessage: (left) => `Please answer every question (${left} left).`,
    onSuccess: ({ safetyFlag }) => setResult({ safetyFlag }),
  });
  const questions = visibleQuestions(spec, chosen(f.form.watch()));

  if (result) {
    return (
      <div className="space-y-4" data-testid="measure-done">
        {result.safetyFlag ? <CrisisResources /> : null}
        <Notice tone="success" live="polite">
          Thank you. Your answers to the {spec.shortTitle} are with your care team.
        </Notice>
        <Button asChild>
          <a href="/portal">Back to your checklist</a>
        </Button>
      </div>
    );
  }

  return (
    <form {...f.formProps} className="space-y-6">
      <p className="font-medium text-slate-800">{spec.instructions}</p>
      <FormNotice of={f} />
      <ol className="space-y-6">
        {questions.map((q, i) => (
          <li key={q.id} className="rounded-lg border border-slate-200 bg-white p-4">
            <ChoiceGroup
              id={q.id}
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
      <Button type="submit" size="lg" className="w-full sm:w-auto" disabled={f.pending || !f.ready}>
        {f.pending ? "Sending…" : "Submit answers"}
      </Button>
    </form>
  );
}
