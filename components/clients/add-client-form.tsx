"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { applyServerErrors } from "@/components/forms/server-errors";
import { useHydrated } from "@/components/forms/use-hydrated";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/actions/result";
import { US_STATES } from "@/lib/domain/core/us-states";
import { type ClientInvitationInput, clientInvitationSchema } from "@/lib/validation/invitations";

type Props = {
  therapists: { id: string; name: string }[] | null;
  action: (input: ClientInvitationInput) => Promise<ActionResult<{ clientId: string }>>;
};

export function AddClientForm({ therapists, action }: Props) {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm<ClientInvitationInput>({
    resolver: zodResolver(clientInvitationSchema),
    defaultValues: {
      legalFirstName: "",
      legalLastName: "",
      preferredName: "",
      email: "",
      dateOfBirth: "",
      state: "",
      therapistId: therapists ? "" : undefined,
    },
  });
  const { errors, isSubmitting } = form.formState;
  const ready = useHydrated();

  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    const result = await action(values);
    if (!result.ok) {
      setMessage(applyServerErrors(form, result));
      return;
    }
    router.push(`/clients/${result.data.clientId}?invited=1`);
  });

  return (
    <form onSubmit={onSubmit} method="post" noValidate data-ready={ready || undefined} className="space-y-4">
      {message ? (
        <Notice tone="danger" live="assertive" data-testid="form-error">
          {message}
        </Notice>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Legal first name" id="legalFirstName" error={errors.legalFirstName?.message} required>
          <Input autoComplete="off" {...form.register("legalFirstName")} />
        </Field>
        <Field label="Legal last name" id="legalLastName" error={errors.legalLastName?.message} required>
          <Input autoComplete="off" {...form.register("legalLastName")} />
        </Field>
      </div>
      <Field label="Preferred name" id="preferredName" error={errors.preferredName?.message}>
        <Input autoComplete="off" {...form.register("preferredName")} />
      </Field>
      <Field
        label="E-mail"
        id="email"
        error={errors.email?.message}
        required
        hint="The invitation is sent here."
      >
        <Input type="email" autoComplete="off" {...form.register("email")} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Date of birth" id="dateOfBirth" error={errors.dateOfBirth?.message} required>
          <Input type="date" {...form.register("dateOfBirth")} />
        </Field>
        <Field label="State of residence" id="state" error={errors.state?.message} required>
          <Select {...form.register("state")}>
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
        <Field label="Therapist" id="therapistId" error={errors.therapistId?.message} required>
          <Select {...form.register("therapistId")}>
            <option value="">Choose a therapist</option>
            {therapists.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      <Button type="submit" disabled={isSubmitting || !ready}>
        {isSubmitting ? "Sending invitation…" : "Add client and send invitation"}
      </Button>
    </form>
  );
}
