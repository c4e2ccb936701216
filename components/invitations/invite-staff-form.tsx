"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { applyServerErrors } from "@/components/forms/server-errors";
import { useHydrated } from "@/components/forms/use-hydrated";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { inviteStaffAction } from "@/lib/actions/invitations";
import { US_STATES } from "@/lib/domain/core/us-states";
import { type StaffInvitationInput, staffInvitationSchema } from "@/lib/validation/invitations";

export function InviteStaffForm() {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm<StaffInvitationInput>({
    resolver: zodResolver(staffInvitationSchema),
    defaultValues: { name: "", email: "", role: "THERAPIST", credentials: "", npi: "", licenseStates: [] },
  });
  const { errors, isSubmitting } = form.formState;
  const ready = useHydrated();

  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    const result = await inviteStaffAction(values);
    if (!result.ok) {
      setMessage(applyServerErrors(form, result));
      return;
    }
    router.push("/admin/invitations");
  });

  return (
    <form onSubmit={onSubmit} method="post" noValidate data-ready={ready || undefined} className="space-y-4">
      {message ? (
        <Notice tone="danger" live="assertive" data-testid="form-error">
          {message}
        </Notice>
      ) : null}
      <Field label="Full name" id="name" error={errors.name?.message} required>
        <Input {...form.register("name")} />
      </Field>
      <Field label="E-mail" id="email" error={errors.email?.message} required>
        <Input type="email" {...form.register("email")} />
      </Field>
      <Field label="Role" id="role" error={errors.role?.message} required>
        <Select {...form.register("role")}>
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
          error={errors.credentials?.message}
        >
          <Input {...form.register("credentials")} />
        </Field>
        <Field label="NPI" id="npi" hint="10 digits" error={errors.npi?.message}>
          <Input inputMode="numeric" {...form.register("npi")} />
        </Field>
      </div>
      <Controller
        control={form.control}
        name="licenseStates"
        render={({ field }) => (
          <Field
            label="Licence states"
            id="licenseStates"
            hint="Hold Ctrl (or ⌘) to choose several. Prescribers can only screen clients who live in these states."
            error={errors.licenseStates?.message ?? errors.licenseStates?.[0]?.message}
          >
            <Select
              multiple
              className="h-40"
              value={field.value ?? []}
              onChange={(e) => field.onChange(Array.from(e.target.selectedOptions, (o) => o.value))}
              onBlur={field.onBlur}
            >
              {Object.entries(US_STATES).map(([code, name]) => (
                <option key={code} value={code}>
                  {name}
                </option>
              ))}
            </Select>
          </Field>
        )}
      />
      <Button type="submit" disabled={isSubmitting || !ready}>
        {isSubmitting ? "Sending…" : "Send invitation"}
      </Button>
    </form>
  );
}
