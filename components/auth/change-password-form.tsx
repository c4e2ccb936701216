"use client";

import { FormNotice } from "@/components/forms/form-notice";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { changePasswordAction } from "@/lib/actions/auth";

const PASSWORD_HINT = "8 to 128 characters. A passphrase of a few words works well.";

/**
 * Changes the signed-in person's password, on the staff security page and in the
 * portal. The browser checks the length and the match (the schema is fetched
 * when the form is first focused); the server also refuses common passwords and
 * the person's own e-mail or name, and says so on the field.
 */
export function ChangePasswordForm({ email }: { email: string }) {
  const f = useActionForm(changePasswordAction, {
    schema: () => import("@/lib/validation/auth").then((m) => m.changePasswordSchema),
    defaultValues: { currentPassword: "", password: "", confirmPassword: "" },
    successMessage: () =>
      "Your password is changed. Every other device where you were signed in is signed out.",
    reset: () => ({ currentPassword: "", password: "", confirmPassword: "" }),
  });
  return (
    <form {...f.formProps} className="space-y-4" data-testid="change-password-form">
      <FormNotice of={f} testId="change-password-error" successTestId="change-password-done" />
      <input type="email" value={email} autoComplete="username" readOnly hidden />
      <Field label="Current password" id="currentPassword" error={f.error("currentPassword")} required>
        <Input type="password" autoComplete="current-password" {...f.register("currentPassword")} />
      </Field>
      <Field label="New password" id="password" hint={PASSWORD_HINT} error={f.error("password")} required>
        <Input type="password" autoComplete="new-password" {...f.register("password")} />
      </Field>
      <Field label="Confirm new password" id="confirmPassword" error={f.error("confirmPassword")} required>
        <Input type="password" autoComplete="new-password" {...f.register("confirmPassword")} />
      </Field>
      <Button type="submit" className="w-full sm:w-auto" disabled={f.pending || !f.ready}>
        {f.pending ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}
