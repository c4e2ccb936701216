"use client";

import { useState } from "react";
import { FormNotice } from "@/components/forms/form-notice";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import { revisitScreeningAction } from "@/lib/actions/screening";
import { revisitScreeningSchema } from "@/lib/validation/screening";

/** Reopens a signed decision as a new screening (the signed one stays as it is). */
export function RevisitForm({ screeningId }: { screeningId: string }) {
  const [open, setOpen] = useState(false);
  const f = useActionForm(revisitScreeningAction, {
    schema: revisitScreeningSchema,
    defaultValues: { reason: "" },
    toInput: (v: { reason: string }) => ({ ...v, screeningId }),
    redirectTo: (d) => `/screenings/${d.screeningId}`,
  });
  if (!open) {
    return (
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Revisit this decision
      </Button>
    );
  }
  return (
    <form {...f.formProps} className="space-y-2">
      <FormNotice of={f} />
      <Field
        label="What new information prompts a new review?"
        id="revisit-reason"
        error={f.error("reason")}
        required
      >
        <Textarea rows={3} {...f.register("reason")} />
      </Field>
      <Button type="submit" disabled={!f.ready || f.pending}>
        Open a new screening
      </Button>
    </form>
  );
}
