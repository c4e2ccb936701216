"use client";

import { useState } from "react";
import { FormNotice } from "@/components/forms/form-notice";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/actions/result";
import type { SignInInput } from "@/lib/validation/auth";

const MESSAGES: Record<string, string> = {
  CredentialsSignin: "That e-mail and password do not match an active account.",
  RATE_LIMITED: "Too many failed sign-ins. Please wait 15 minutes and try again.",
  MFA_INVALID: "That code is not right, or it has been used already. Enter the code your app shows now.",
  RECOVERY_INVALID: "That recovery code is not right, or it has been used already.",
  MFA_LOCKED: "Too many wrong codes. Please wait 15 minutes and try again.",
};
/** Not an error: the password was right and two-step sign-in is on. */
const CODE_PROMPT =
  "Two-step sign-in is on for this account. Enter the 6-digit code from your authenticator app.";
const RECOVERY_PROMPT = "Two-step sign-in is on for this account. Enter one of your recovery codes instead.";
const ENTER_CODE = "Enter the 6-digit code from your authenticator app.";
const ENTER_RECOVERY_CODE = "Enter one of your recovery codes.";
const messageFor = (code: string) =>
  (Object.hasOwn(MESSAGES, code) ? MESSAGES[code] : undefined) ??
  "We could not sign you in. Please try again in a moment.";

/**
 * The sign-in page is the first page everyone loads, so the schema (zod) and
 * next-auth's client are fetched once the person starts filling in the form
 * rather than with the page. Same schema as the server's.
 */
const signInSchema = () => import("@/lib/validation/auth").then((m) => m.signInSchema);
const nextAuth = () => import("next-auth/react");

/**
 * Signs in through next-auth (not a server action), answering as an action
 * does: a wrong or missing code is a refusal of the code field, anything else
 * a refusal of the e-mail and password.
 */
async function signInWith(
  { code, recoveryCode, ...values }: SignInInput,
  askCode: boolean,
  recovery: boolean,
): Promise<ActionResult<null>> {
  const { signIn } = await nextAuth();
  // Either the authenticator's code or, on the recovery path, a recovery code.
  const withCode = !askCode
    ? {}
    : recovery
      ? typeof recoveryCode === "string"
        ? { recoveryCode }
        : {}
      : typeof code === "string"
        ? { code }
        : {};
  const res = await signIn("credentials", { ...values, ...withCode, redirect: false });
  if (res && !res.error) return { ok: true, data: null };
  const reason = res?.error ?? "";
  if (reason === "MFA_REQUIRED") return { ok: false, code: "VALIDATION", message: "" };
  if (reason === "MFA_INVALID" || reason === "MFA_LOCKED") {
    const shown = reason === "MFA_INVALID" && recovery ? "RECOVERY_INVALID" : reason;
    return { ok: false, code: "VALIDATION", message: messageFor(shown) };
  }
  return {
    ok: false,
    code: reason === "RATE_LIMITED" ? "RATE_LIMITED" : "UNAUTHENTICATED",
    message: messageFor(reason),
  };
}

export function SignInForm({
  notice,
  initialError,
  callbackPath = "/",
}: {
  notice?: string;
  initialError?: string;
  /** A same-origin path, checked by the page (app/(auth)/signin/page.tsx). */
  callbackPath?: string;
}) {
  // Shown once the server says the password was right and a code is needed; e-mail and password stay.
  const [askCode, setAskCode] = useState(false);
  // The phone is not at hand: one of the recovery codes instead (docs/security.md S5).
  const [recovery, setRecovery] = useState(false);
  const [initial, setInitial] = useState(initialError ? messageFor(initialError) : null);
  const f = useActionForm((values: SignInInput) => signInWith(values, askCode, recovery), {
    schema: signInSchema,
    defaultValues: { email: "", password: "", code: "", recoveryCode: "" },
    check: ({ code, recoveryCode }) =>
      !askCode
        ? undefined
        : recovery
          ? recoveryCode
            ? undefined
            : { recoveryCode: ENTER_RECOVERY_CODE }
          : code
            ? undefined
            : { code: ENTER_CODE },
    onInvalid: () => setInitial(null),
    onError: (refusal) => {
      setInitial(null);
      if (refusal.code === "VALIDATION") {
        setAskCode(true);
        setTimeout(() => f.form.setFocus(recovery ? "recoveryCode" : "code"), 0);
        return;
      }
      setAskCode(false);
      setRecovery(false);
      f.form.setValue("code", "");
      f.form.setValue("recoveryCode", "");
      f.form.setValue("password", "");
      f.form.setFocus("password");
    },
    // A full navigation so every server component sees the new session.
    onSuccess: () => window.location.assign(callbackPath),
  });

  return (
    <form {...f.formProps} className="space-y-4">
      {notice && !askCode ? <Notice tone="info">{notice}</Notice> : null}
      <FormNotice of={{ message: f.message ?? initial }} testId="sign-in-error" />
      <Field label="E-mail" id="email" error={f.error("email")} required>
        <Input type="email" autoComplete="username" inputMode="email" {...f.register("email")} />
      </Field>
      <Field label="Password" id="password" error={f.error("password")} required>
        <Input type="password" autoComplete="current-password" {...f.register("password")} />
      </Field>
      {askCode ? (
        <>
          <Notice tone="info" live="polite" data-testid="sign-in-code-prompt">
            {recovery ? RECOVERY_PROMPT : CODE_PROMPT}
          </Notice>
          {recovery ? (
            <Field
              label="Recovery code"
              id="recoveryCode"
              hint="One of the codes you saved when you turned on two-step sign-in; each works once."
              error={f.error("recoveryCode")}
              required
            >
              <Input
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
                maxLength={20}
                className="font-mono tracking-wider"
                {...f.register("recoveryCode")}
              />
            </Field>
          ) : (
            <Field label="Code from your authenticator app" id="code" error={f.error("code")} required>
              <Input
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={7}
                className="font-mono tracking-widest"
                {...f.register("code")}
              />
            </Field>
          )}
          <Button
            type="button"
            variant="link"
            className="h-auto px-0"
            onClick={() => {
              setRecovery(!recovery);
              setTimeout(() => f.form.setFocus(recovery ? "code" : "recoveryCode"), 0);
            }}
          >
            {recovery ? "Use the code from my authenticator app" : "Use a recovery code instead"}
          </Button>
        </>
      ) : null}
      <Button type="submit" className="w-full" disabled={f.pending || !f.ready}>
        {f.pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
