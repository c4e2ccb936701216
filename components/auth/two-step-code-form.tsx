"use client";

import { FormNotice } from "@/components/forms/form-notice";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { disableMfaAction, enableMfaAction } from "@/lib/actions/auth";
import type { ActionResult } from "@/lib/actions/result";
import type { MfaChangeInput } from "@/lib/validation/two-step";

const COPY = {
  enable: {
    label: "Code from your authenticator app",
    submit: "Turn on two-step sign-in",
    busy: "Checking…",
  },
  disable: {
    label: "Current code, to turn it off",
    submit: "Turn off two-step sign-in",
    busy: "Turning off…",
  },
} as const;

type Changed = { recoveryCodes: string[] } | undefined;

const send = (mode: "enable" | "disable") => (input: MfaChangeInput) =>
  (mode === "enable" ? enableMfaAction(input) : disableMfaAction(input)) as Promise<ActionResult<Changed>>;

/**
 * The password again and one 6-digit code, checked by the server with lib/validation/two-step.ts.
 * The page ships no schema library: the same check is fetched when the form is first focused,
 * and only spares a round trip. Turned on, it hands the recovery codes to `onCodes`, which
 * shows them once.
 */
export function MfaCodeForm({
  mode,
  onCodes,
}: {
  mode: "enable" | "disable";
  onCodes?: (codes: string[]) => void;
}) {
  const copy = COPY[mode];
  const f = useActionForm(send(mode), {
    schema: () => import("@/lib/validation/two-step").then((m) => m.mfaChangeSchema),
    defaultValues: { code: "", password: "" },
    reset: () => ({ code: "", password: "" }),
    onSuccess: (data) => {
      if (data?.recoveryCodes) onCodes?.(data.recoveryCodes);
    },
    refresh: mode === "disable",
  });
  return (
    <form {...f.formProps} className="space-y-3">
      <FormNotice of={f} testId="mfa-error" />
      <Field label="Your password" id={`mfa-password-${mode}`} error={f.error("password")} required>
        <Input
          type="password"
          autoComplete="current-password"
          className="max-w-sm"
          {...f.register("password")}
        />
      </Field>
      <Field label={copy.label} id={`mfa-code-${mode}`} error={f.error("code")} required>
        <Input
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={7}
          className="w-40 font-mono tracking-widest"
          {...f.register("code")}
        />
      </Field>
      <Button
        type="submit"
        variant={mode === "disable" ? "danger" : "primary"}
        disabled={f.pending || !f.ready}
      >
        {f.pending ? copy.busy : copy.submit}
      </Button>
    </form>
  );
}
