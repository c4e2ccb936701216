"use client";

import { FormNotice } from "@/components/forms/form-notice";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import { answerInformationRequestAction } from "@/lib/actions/screening";
import { answerInformationRequestSchema } from "@/lib/validation/screening";

/** Answers the prescriber's question; the screening then goes back to the prescriber. */
export function AnswerRequestFields({
  requestId,
  question,
  label = "Your answer",
}: {
  requestId: string;
  question: string;
  label?: string;
}) {
  const f = useActionForm(answerInformationRequestAction, {
    schema: answerInformationRequestSchema,
    defaultValues: { answer: "" },
    toInput: (v: { answer: string }) => ({ ...v, requestId }),
    refresh: true,
  });
  return (
    <form {...f.formProps} className="space-y-3" data-testid="answer-request">
      <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-950">
        <span className="font-medium">The prescriber asks:</span> {question}
      </p>
      <FormNotice of={f} />
      <Field label={label} id={`answer-${requestId}`} error={f.error("answer")} required>
        <Textarea rows={4} {...f.register("answer")} />
      </Field>
      <Button type="submit" disabled={!f.ready || f.pending}>
        Send answer to the prescriber
      </Button>
    </form>
  );
}
