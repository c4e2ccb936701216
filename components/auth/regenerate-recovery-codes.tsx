"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormNotice } from "@/components/forms/form-notice";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { regenerateRecoveryCodesAction } from "@/lib/actions/auth";
import { RecoveryCodesShown } from "./recovery-codes-shown";

/** New recovery codes in place of the old ones, after the password is entered again. */
export function RegenerateRecoveryCodes() {
  const router = useRouter();
  const [codes, setCodes] = useState<string[] | null>(null);
  const f = useActionForm(regenerateRecoveryCodesAction, {
    schema: () => import("@/lib/validation/two-step").then((m) => m.regenerateRecoveryCodesSchema),
    defaultValues: { password: "" },
    reset: () => ({ password: "" }),
    onSuccess: (data) => setCodes(data.recoveryCodes),
  });
  if (codes) return <RecoveryCodesShown codes={codes} onDone={() => router.refresh()} />;
  return (
    <form {...f.formProps} className="space-y-3">
      <FormNotice of={f} testId="recovery-codes-error" />
      <Field label="Your password" id="recovery-codes-password" error={f.error("password")} required>
        <Input
          type="password"
          autoComplete="current-password"
          className="max-w-sm"
          {...f.register("password")}
        />
      </Field>
      <Button type="submit" variant="secondary" disabled={f.pending || !f.ready}>
        {f.pending ? "Making codes…" : "Make new recovery codes"}
      </Button>
    </form>
  );
}
