"use client";

import { FormNotice } from "@/components/forms/form-notice";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { requestPasswordResetAction } from "@/lib/actions/auth";

/** Asks for a reset link by e-mail. The answer never says whether the address has an account. */
export function RequestPasswordResetForm() {
  const f = useActionForm(requestPasswordResetAction, {
    schema: () => import("@/lib/validation/auth").then((m) => m.requestPasswordResetSchema),
    defaultValues: { email: "" },
    successMessage: (data) => data.message,
  });
  return (
    <form {...f.formProps} className="space-y-4">
      <FormNotice of={f} testId="reset-request-error" successTestId="reset-request-sent" />
      <Field label="E-mail" id="email" error={f.error("email")} required>
        <Input type="email" autoComplete="username" inputMode="email" {...f.register("email")} />
      </Field>
      <Button type="submit" className="w-full" disabled={f.pending || !f.ready}>
        {f.pending ? "Sending…" : "Send me a link"}
      </Button>
    </form>
  );
}
