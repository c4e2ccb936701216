"use client";

import { useState } from "react";
import { type Resolver, useForm } from "react-hook-form";
import { useHydrated } from "@/components/forms/use-hydrated";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import type { SignInInput } from "@/lib/validation/auth";

const MESSAGES: Record<string, string> = {
  CredentialsSignin: "That e-mail and password do not match an active account.",
  RATE_LIMITED: "Too many failed sign-ins. Please wait 15 minutes and try again.",
  MFA_INVALID: "That code is not right, or it has been used already. Enter the code your app shows now.",
  MFA_LOCKED: "Too many wrong codes. Please wait 15 minutes and try again.",
};
/** Not an error: the password was right and two-step sign-in is on. */
const CODE_PROMPT =
  "Two-step sign-in is on for this account. Enter the 6-digit code from your authenticator app.";
const messageFor = (code: string) =>
  MESSAGES[code] ?? "We could not sign you in. Please try again in a moment.";

/**
 * The sign-in page is the first page everyone loads, so the schema check (zod)
 * and next-auth's client are fetched once the person starts filling in the form
 * rather than with the page. Same schema as the server's, through zodResolver.
 */
const loadSignInTools = () =>
  Promise.all([
    import("@hookform/resolvers/zod"),
    import("@/lib/validation/auth"),
    import("next-auth/react"),
  ]).then(([{ zodResolver }, { signInSchema }, { signIn }]) => ({
    resolver: zodResolver(signInSchema),
    signIn,
  }));
let tools: ReturnType<typeof loadSignInTools> | undefined;
const signInTools = () => {
  tools ??= loadSignInTools().catch((e) => {
    tools = undefined;
    throw e;
  });
  return tools;
};
const resolver: Resolver<SignInInput> = async (values, context, options) => {
  try {
    return await (await signInTools()).resolver(values, context, options);
  } catch {
    const message = "The page could not reach Kapstone. Check your connection and try again.";
    return { values: {}, errors: { root: { type: "network", message } } };
  }
};

export function SignInForm({ notice, initialError }: { notice?: string; initialError?: string }) {
  const [error, setError] = useState<string | null>(initialError ? messageFor(initialError) : null);
  // Shown once the server says the password was right and a code is needed; e-mail and password stay.
  const [askCode, setAskCode] = useState(false);
  const form = useForm<SignInInput>({ resolver, defaultValues: { email: "", password: "", code: "" } });
  const { errors, isSubmitting } = form.formState;
  const ready = useHydrated();

  const onSubmit = form.handleSubmit(async ({ code, ...values }) => {
    setError(null);
    if (askCode && !code) {
      form.setError("code", { message: "Enter the 6-digit code from your authenticator app." });
      return;
    }
    const { signIn } = await signInTools();
    const withCode = askCode && typeof code === "string" ? { code } : {};
    const res = await signIn("credentials", { ...values, ...withCode, redirect: false });
    if (!res || res.error) {
      const reason = res?.error ?? "";
      if (reason === "MFA_REQUIRED" || reason === "MFA_INVALID" || reason === "MFA_LOCKED") {
        setAskCode(true);
        if (reason !== "MFA_REQUIRED") setError(messageFor(reason));
        setTimeout(() => form.setFocus("code"), 0);
        return;
      }
      setError(messageFor(reason));
      setAskCode(false);
      form.setValue("code", "");
      form.setValue("password", "");
      form.setFocus("password");
      return;
    }
    // A full navigation so every server component sees the new session.
    window.location.assign("/");
  });

  return (
    <form
      onSubmit={onSubmit}
      onFocus={() => void signInTools().catch(() => {})}
      method="post"
      noValidate
      data-ready={ready || undefined}
      className="space-y-4"
    >
      {notice && !askCode ? <Notice tone="info">{notice}</Notice> : null}
      {error || errors.root ? (
        <Notice tone="danger" live="assertive" data-testid="sign-in-error">
          {error ?? errors.root?.message}
        </Notice>
      ) : null}
      <Field label="E-mail" id="email" error={errors.email?.message} required>
        <Input type="email" autoComplete="username" inputMode="email" {...form.register("email")} />
      </Field>
      <Field label="Password" id="password" error={errors.password?.message} required>
        <Input type="password" autoComplete="current-password" {...form.register("password")} />
      </Field>
      {askCode ? (
        <>
          <Notice tone="info" live="polite" data-testid="sign-in-code-prompt">
            {CODE_PROMPT}
          </Notice>
          <Field label="Code from your authenticator app" id="code" error={errors.code?.message} required>
            <Input
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={7}
              className="font-mono tracking-widest"
              {...form.register("code")}
            />
          </Field>
        </>
      ) : null}
      <Button type="submit" className="w-full" disabled={isSubmitting || !ready}>
        {isSubmitting ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
