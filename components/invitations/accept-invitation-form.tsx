"use client";

import { signIn } from "next-auth/react";
import { FormNotice } from "@/components/forms/form-notice";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { acceptInvitationAction } from "@/lib/actions/invitations";
import { acceptInvitationSchema } from "@/lib/validation/auth";

type Passwords = { password: string; confirmPassword: string };

export function AcceptInvitationForm({ token, email }: { token: string; email: string }) {
  const f = useActionForm(acceptInvitationAction, {
    schema: acceptInvitationSchema,
    defaultValues: { password: "", confirmPassword: "" },
    toInput: (v: Passwords) => ({ ...v, token }),
    onSuccess: async (_data, { password }) => {
      // Sign straight in with the new password and land on the home page.
      const res = await signIn("credentials", { email, password, redirect: false });
      window.location.assign(res?.ok ? "/" : "/signin?reason=invited");
    },
  });

  return (
    <form {...f.formProps} className="space-y-4">
      <FormNotice of={f} />
      <input type="email" value={email} autoComplete="username" readOnly hidden />
      <Field
        label="New password"
        id="password"
        hint="8 to 128 characters. A passphrase of a few words works well."
        error={f.error("password")}
        required
      >
        <Input type="password" autoComplete="new-password" {...f.register("password")} />
      </Field>
      <Field label="Confirm password" id="confirmPassword" error={f.error("confirmPassword")} required>
        <Input type="password" autoComplete="new-password" {...f.register("confirmPassword")} />
      </Field>
      <Button type="submit" className="w-full" disabled={f.pending || !f.ready}>
        {f.pending ? "Setting up your account…" : "Create my account"}
      </Button>
    </form>
  );
}
