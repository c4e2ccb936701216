"use client";

import { FormNotice } from "@/components/forms/form-notice";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import { reviewSafetyFlagAction } from "@/lib/actions/measures";
import { reviewSafetyFlagOnRecordSchema } from "@/lib/validation/measures";

/** A clinician records their review of a safety flag (what was done, the plan). */
export function SafetyFlagReviewForm({ clientId, flagId }: { clientId: string; flagId: string }) {
  const f = useActionForm(reviewSafetyFlagAction, {
    schema: reviewSafetyFlagOnRecordSchema,
    defaultValues: { note: "" },
    toInput: (v: { note: string }) => ({ ...v, flagId, clientId }),
    refresh: true,
  });
  return (
    <form {...f.formProps} className="mt-3 space-y-2">
      <FormNotice of={f} />
      <Field
        label="Your review"
        id={`note-${flagId}`}
        hint="Who you spoke with, the risk assessment and the safety plan. Recording a review releases the hold on dosing."
        error={f.error("note")}
        required
      >
        <Textarea rows={3} {...f.register("note")} />
      </Field>
      <Button type="submit" size="sm" disabled={!f.ready || f.pending}>
        Record review
      </Button>
    </form>
  );
}
