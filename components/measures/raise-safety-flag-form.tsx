"use client";

import { FormNotice } from "@/components/forms/form-notice";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import { raiseSafetyFlagAction } from "@/lib/actions/measures";
import { raiseSafetyFlagSchema } from "@/lib/validation/measures";

/**
 * A therapist or prescriber on the care team raises a suicide-risk flag themselves, with a reason.
 * It tells the care team at once and holds every dose until a clinician records a review.
 */
export function RaiseSafetyFlagForm({ clientId }: { clientId: string }) {
  const f = useActionForm(raiseSafetyFlagAction, {
    schema: raiseSafetyFlagSchema,
    defaultValues: { reason: "" },
    toInput: (v: { reason: string }) => ({ ...v, clientId }),
    successMessage: () =>
      "Safety flag raised. The care team is told, and dosing is held until a review is recorded.",
    reset: () => ({ reason: "" }),
    refresh: true,
  });
  return (
    <details className="mt-3 text-sm" data-testid="raise-safety-flag">
      <summary className="cursor-pointer font-medium text-red-900">Raise a safety flag</summary>
      <form {...f.formProps} className="mt-2 space-y-2">
        <FormNotice of={f} />
        <Field
          label="Why you are raising it"
          id={`raise-flag-${clientId}`}
          hint="What you saw or heard. The flag holds every dose until a therapist or prescriber records a review."
          error={f.error("reason")}
          required
        >
          <Textarea rows={3} {...f.register("reason")} />
        </Field>
        <Button type="submit" size="sm" variant="danger" disabled={!f.ready || f.pending}>
          Raise the flag
        </Button>
      </form>
    </details>
  );
}
