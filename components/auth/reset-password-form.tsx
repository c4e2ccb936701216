"use client";

import { FormNotice } from "@/components/forms/form-notice";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { resetPasswordAction } from "@/lib/actions/auth";

type Passwords = { password: string; confirmPassword: string };

/**
 * The new password, twice, from a reset link. Every session of the account ends,
 * so the person then signs in afresh (with their two-step code, if it is on).
 */
export function ResetPasswordForm({ token, email }: { token: string; email: string }) {
  const f = useActionForm(resetPasswordAction, {
    schema: () => import("@/lib/validation/auth").then((m) => m.resetPasswordSchema),
    defaultValues: { password: "", confirmPassword: "" },
    toInput: (v: Passwords) => ({ ...v, token }),
    // A full page load: nothing of the old sessions stays in this tab.
    onSuccess: () => window.location.assign("/signin?reason=password-reset"),
  });
  return (
    <form {...f.formProps} className="space-y-4">
      <FormNotice of={f} testId="reset-password-error" />
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
      <Field label="Confirm new password" id="confirmPassword" error={f.error("confirmPassword")} required>
        <Input type="password" autoComplete="new-password" {...f.register("confirmPassword")} />
      </Field>
      <Button type="submit" className="w-full" disabled={f.pending || !f.ready}>
        {f.pending ? "Saving…" : "Set new password"}
      </Button>
    </form>
  );
}
