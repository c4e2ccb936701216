"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useHydrated } from "@/components/forms/use-hydrated";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
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
 * One 6-digit code, checked by the server (lib/validation/two-step.ts). The page ships
 * no schema library: the shape check here only spares a round trip.
 */
export function MfaCodeForm({ mode }: { mode: "enable" | "disable" }) {
  const router = useRouter();
  const ready = useHydrated();
  const [code, setCode] = useState("");
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const copy = COPY[mode];

  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    setFieldError(undefined);
    if (!/^\d{6}$/.test(code.replace(/\s/g, ""))) {
      setFieldError("Enter the 6-digit code from your authenticator app.");
      return;
    }
    start(async () => {
      const action = mode === "enable" ? enableMfaAction : disableMfaAction;
      const r = await action({ code });
      if (r.ok) {
        setCode("");
        router.refresh();
        return;
      }
      const onField = r.fieldErrors?.code?.[0];
      if (onField) setFieldError(onField);
      else setError(r.message);
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" data-ready={ready || undefined}>
      {error ? (
        <Notice tone="danger" live="assertive" data-testid="mfa-error">
          {error}
        </Notice>
      ) : null}
      <Field label={copy.label} id={`mfa-code-${mode}`} error={fieldError} required>
        <Input
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={7}
          className="w-40 font-mono tracking-widest"
          value={code}
          onChange={(e) => setCode(e.target.value)}
        />
      </Field>
      <Button type="submit" variant={mode === "disable" ? "danger" : "primary"} disabled={pending || !ready}>
        {pending ? copy.busy : copy.submit}
      </Button>
    </form>
  );
}
