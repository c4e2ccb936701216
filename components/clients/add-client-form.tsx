"use client";

import { FormNotice } from "@/components/forms/form-notice";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { addClientAction } from "@/lib/actions/clients";
import { US_STATES } from "@/lib/domain/core/us-states";
import { clientInvitationSchema } from "@/lib/validation/invitations";

export function AddClientForm({ therapists }: { therapists: { id: string; name: string }[] | null }) {
  const f = useActionForm(addClientAction, {
    schema: clientInvitationSchema,
    defaultValues: {
      legalFirstName: "",
      legalLastName: "",
      preferredName: "",
      email: "",
      dateOfBirth: "",
      state: "",
      therapistId: therapists ? "" : undefined,
    },
    redirectTo: ({ clientId }) => `/clients/${clientId}?invited=1`,
  });

  return (
    <form {...f.formProps} className="space-y-4">
      <FormNotice of={f} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Legal first name" id="legalFirstName" error={f.error("legalFirstName")} required>
          <Input autoComplete="off" {...f.register("legalFirstName")} />
        </Field>
        <Field label="Legal last name" id="legalLastName" error={f.error("legalLastName")} required>
          <Input autoComplete="off" {...f.register("legalLastName")} />
        </Field>
      </div>
      <Field label="Preferred name" id="preferredName" error={f.error("preferredName")}>
        <Input autoComplete="off" {...f.register("preferredName")} />
      </Field>
      <Field label="E-mail" id="email" error={f.error("email")} required hint="The invitation is sent here.">
        <Input type="email" autoComplete="off" {...f.register("email")} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Date of birth" id="dateOfBirth" error={f.error("dateOfBirth")} required>
          <Input type="date" {...f.register("dateOfBirth")} />
        </Field>
        <Field label="State of residence" id="state" error={f.error("state")} required>
          <Select {...f.register("state")}>
            <option value="">Choose a state</option>
            {Object.entries(US_STATES).map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {therapists ? (
        <Field label="Therapist" id="therapistId" error={f.error("therapistId")} required>
          <Select {...f.register("therapistId")}>
            <option value="">Choose a therapist</option>
            {therapists.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      <Button type="submit" disabled={f.pending || !f.ready}>
        {f.pending ? "Sending invitation…" : "Add client and send invitation"}
      </Button>
    </form>
  );
}
