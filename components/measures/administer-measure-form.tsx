"use client";

import { FormNotice } from "@/components/forms/form-notice";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { administerPreDoseMeasureAction } from "@/lib/actions/measures";
import { answersToSubmit, type MeasureFormSpec, visibleQuestions } from "@/lib/domain/measures/form-answers";
import { administerPreDoseMeasureSchema } from "@/lib/validation/measures";
import { chosenAnswers, type MeasureAnswers, MeasureQuestions } from "./measure-questions";

/**
 * A clinician asks the client a pre-dose questionnaire on the dosing day and enters the answers
 * (scored on the server). A suicide-risk answer raises a safety flag at once, which holds the dose;
 * the page then shows the result and the hold (PreDoseMeasures).
 */
export function AdministerMeasureForm({
  recordId,
  spec,
}: {
  recordId: string;
  spec: MeasureFormSpec & { scale: "CSSRS" | "PHQ9" };
}) {
  const f = useActionForm(administerPreDoseMeasureAction, {
    schema: administerPreDoseMeasureSchema,
    toInput: (v: MeasureAnswers) => ({
      recordId,
      scale: spec.scale,
      answers: answersToSubmit(spec, chosenAnswers(v)),
    }),
    check: (v) => {
      const answers = chosenAnswers(v);
      return Object.fromEntries(
        visibleQuestions(spec, answers)
          .filter((q) => !q.optional && !answers[q.id])
          .map((q) => [q.id, "Choose an answer."]),
      );
    },
    invalidMessage: (left) => `Answer every question (${left} left).`,
    refresh: true,
  });
  const questions = visibleQuestions(spec, chosenAnswers(f.form.watch()));
  return (
    <form
      {...f.formProps}
      className="space-y-4"
      aria-label={`${spec.shortTitle}, asked by a clinician`}
      data-testid={`administer-${spec.scale}`}
    >
      <p className="text-sm text-slate-700">
        Read each question to the client and enter their answer. {spec.instructions}
      </p>
      <FormNotice of={f} />
      <MeasureQuestions f={f} questions={questions} idPrefix={`${recordId}-${spec.scale}-`} />
      <Button type="submit" disabled={f.pending || !f.ready}>
        {f.pending ? "Saving…" : `Save the ${spec.shortTitle}`}
      </Button>
    </form>
  );
}
