"use client";

import { FormNotice } from "@/components/forms/form-notice";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { disableMfaAction, enableMfaAction } from "@/lib/actions/auth";

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

/**
 * One 6-digit code, checked by the server with lib/validation/two-step.ts. The
 * page ships no schema library: the same check is fetched when the code box is
 * first focused, and only spares a round trip.
 */
export function MfaCodeForm({ mode }: { mode: "enable" | "disable" }) {
  const copy = COPY[mode];
  const f = useActionForm(mode === "enable" ? enableMfaAction : disableMfaAction, {
    schema: () => import("@/lib/validation/two-step").then((m) => m.mfaCodeSchema),
    defaultValues: { code: "" },
    reset: () => ({ code: "" }),
    refresh: true,
  });
  return (
    <form {...f.formProps} className="space-y-3">
      <FormNotice of={f} testId="mfa-error" />
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
