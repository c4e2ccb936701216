"use client";

import { LicenceRows } from "@/components/admin/licence-rows";
import { FormNotice } from "@/components/forms/form-notice";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { inviteStaffAction } from "@/lib/actions/invitations";
import { staffInvitationSchema } from "@/lib/validation/invitations";

/** A staff invitation; a prescriber's licences (state and expiry date each) come with it. */
export function InviteStaffForm({ today }: { today: string }) {
  const f = useActionForm(inviteStaffAction, {
    schema: staffInvitationSchema,
    defaultValues: { name: "", email: "", role: "THERAPIST", credentials: "", npi: "", licences: [] },
    redirectTo: "/admin/invitations",
  });

  return (
    <form {...f.formProps} className="space-y-4">
      <FormNotice of={f} />
      <Field label="Full name" id="name" error={f.error("name")} required>
        <Input {...f.register("name")} />
      </Field>
      <Field label="E-mail" id="email" error={f.error("email")} required>
        <Input type="email" {...f.register("email")} />
      </Field>
      <Field label="Role" id="role" error={f.error("role")} required>
        <Select {...f.register("role")}>
          <option value="THERAPIST">Therapist</option>
          <option value="PRESCRIBER">Prescriber</option>
          <option value="ADMIN">Admin</option>
        </Select>
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Credentials"
          id="credentials"
          hint="e.g. LMFT, PMHNP-BC, MD"
          error={f.error("credentials")}
        >
          <Input {...f.register("credentials")} />
        </Field>
        <Field label="NPI" id="npi" hint="10 digits" error={f.error("npi")}>
          <Input inputMode="numeric" {...f.register("npi")} />
        </Field>
      </div>
      <LicenceRows form={f.form} name="licences" error={f.error} idPrefix="invite" today={today} />
      <Button type="submit" disabled={f.pending || !f.ready}>
        {f.pending ? "Sending…" : "Send invitation"}
      </Button>
    </form>
  );
}
