"use client";

import { useState } from "react";
import { FormNotice } from "@/components/forms/form-notice";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { submitMeasureAction } from "@/lib/actions/measures";
import { answersToSubmit, type MeasureFormSpec, visibleQuestions } from "@/lib/domain/measures/form-answers";
import { CrisisResources } from "./crisis-resources";
import {
  type MeasureAnswers as Answers,
  chosenAnswers as chosen,
  MeasureQuestions,
} from "./measure-questions";

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
      <MeasureQuestions f={f} questions={questions} />
      <Button type="submit" size="lg" className="w-full sm:w-auto" disabled={f.pending || !f.ready}>
        {f.pending ? "Sending…" : "Submit answers"}
      </Button>
    </form>
  );
}
