"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useHydrated } from "@/components/forms/use-hydrated";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { type SignInInput, signInSchema } from "@/lib/validation/auth";

const MESSAGES: Record<string, string> = {
  CredentialsSignin: "That e-mail and password do not match an active account.",
  RATE_LIMITED: "Too many failed sign-ins. Please wait 15 minutes and try again.",
};
const messageFor = (code: string) =>
  MESSAGES[code] ?? "We could not sign you in. Please try again in a moment.";

export function SignInForm({ notice, initialError }: { notice?: string; initialError?: string }) {
  const [error, setError] = useState<string | null>(initialError ? messageFor(initialError) : null);
  const form = useForm<SignInInput>({
    resolver: zodResolver(signInSchema),
    defaultValues: { email: "", password: "" },
  });
  const { errors, isSubmitting } = form.formState;
  const ready = useHydrated();

  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    const res = await signIn("credentials", { ...values, redirect: false });
    if (!res || res.error) {
      setError(messageFor(res?.error ?? ""));
      form.setValue("password", "");
      form.setFocus("password");
      return;
    }
    // A full navigation so every server component sees the new session.
    window.location.assign("/");
  });

  return (
    <form onSubmit={onSubmit} method="post" noValidate data-ready={ready || undefined} className="space-y-4">
      {notice ? <Notice tone="info">{notice}</Notice> : null}
      {error ? (
        <Notice tone="danger" live="assertive" data-testid="sign-in-error">
          {error}
        </Notice>
      ) : null}
      <Field label="E-mail" id="email" error={errors.email?.message} required>
        <Input type="email" autoComplete="username" inputMode="email" {...form.register("email")} />
      </Field>
      <Field label="Password" id="password" error={errors.password?.message} required>
        <Input type="password" autoComplete="current-password" {...form.register("password")} />
      </Field>
      <Button type="submit" className="w-full" disabled={isSubmitting || !ready}>
        {isSubmitting ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
