"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { applyServerErrors } from "@/components/forms/server-errors";
import { useHydrated } from "@/components/forms/use-hydrated";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { acceptInvitationAction } from "@/lib/actions/invitations";
import { type AcceptInvitationInput, acceptInvitationSchema } from "@/lib/validation/auth";

export function AcceptInvitationForm({ token, email }: { token: string; email: string }) {
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm<AcceptInvitationInput>({
    resolver: zodResolver(acceptInvitationSchema),
    defaultValues: { token, password: "", confirmPassword: "" },
  });
  const { errors, isSubmitting } = form.formState;
  const ready = useHydrated();

  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    const result = await acceptInvitationAction(values);
    if (!result.ok) {
      setMessage(applyServerErrors(form, result));
      return;
    }
    // Sign straight in with the new password and land on the home page.
    const res = await signIn("credentials", { email, password: values.password, redirect: false });
    window.location.assign(res?.ok ? "/" : "/signin?reason=invited");
  });

  return (
    <form onSubmit={onSubmit} method="post" noValidate data-ready={ready || undefined} className="space-y-4">
      {message ? (
        <Notice tone="danger" live="assertive" data-testid="form-error">
          {message}
        </Notice>
      ) : null}
      <input type="hidden" {...form.register("token")} />
      <input type="email" value={email} autoComplete="username" readOnly hidden />
      <Field
        label="New password"
        id="password"
        hint="8 to 128 characters. A passphrase of a few words works well."
        error={errors.password?.message}
        required
      >
        <Input type="password" autoComplete="new-password" {...form.register("password")} />
      </Field>
      <Field label="Confirm password" id="confirmPassword" error={errors.confirmPassword?.message} required>
        <Input type="password" autoComplete="new-password" {...form.register("confirmPassword")} />
      </Field>
      <Button type="submit" className="w-full" disabled={isSubmitting || !ready}>
        {isSubmitting ? "Setting up your account…" : "Create my account"}
      </Button>
    </form>
  );
}
