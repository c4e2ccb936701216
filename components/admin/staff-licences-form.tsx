"use client";

import { FormNotice } from "@/components/forms/form-notice";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { updateStaffLicencesAction } from "@/lib/actions/admin";
import { updateStaffLicencesSchema } from "@/lib/validation/users";
import { type LicenceRow, LicenceRows } from "./licence-rows";

/** The admin edits a clinician's licences (a renewal is a later date for the same state). */
export function StaffLicencesForm({
  userId,
  licences,
  today,
}: {
  userId: string;
  licences: LicenceRow[];
  today: string;
}) {
  const f = useActionForm(updateStaffLicencesAction, {
    schema: updateStaffLicencesSchema,
    defaultValues: { licences },
    toInput: (v: { licences: LicenceRow[] }) => ({ ...v, userId }),
    successMessage: () => "Licences saved.",
    reset: "submitted",
    refresh: true,
  });
  return (
    <form {...f.formProps} className="space-y-3" data-testid={`licences-form-${userId}`}>
      <FormNotice of={f} />
      <LicenceRows form={f.form} name="licences" error={f.error} idPrefix={`user-${userId}`} today={today} />
      <Button type="submit" size="sm" disabled={!f.ready || f.pending}>
        {f.pending ? "Saving…" : "Save licences"}
      </Button>
    </form>
  );
}
