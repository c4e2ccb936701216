"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { applyServerErrors } from "@/components/forms/server-errors";
import { useHydrated } from "@/components/forms/use-hydrated";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { signConsentAction } from "@/lib/actions/consents";
import { type SignConsentInput, signConsentSchema } from "@/lib/validation/consents";

/** Signing by typing the full legal name; the server checks it and stores time and IP. */
export function ConsentSignForm({
  kind,
  documentId,
  legalName,
}: {
  kind: SignConsentInput["kind"];
  documentId: string;
  legalName: string;
}) {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm<SignConsentInput>({
    resolver: zodResolver(signConsentSchema),
    defaultValues: { kind, documentId, typedName: "" },
  });
  const { errors, isSubmitting } = form.formState;
  const ready = useHydrated();
  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    const r = await signConsentAction(values);
    if (!r.ok) {
      setMessage(applyServerErrors(form, r));
      return;
    }
    router.refresh();
  });
  return (
    <form onSubmit={onSubmit} method="post" noValidate data-ready={ready || undefined} className="space-y-4">
      {message ? (
        <Notice tone="danger" live="assertive" data-testid="form-error">
          {message}
        </Notice>
      ) : null}
      <Field
        label="Type your full legal name to sign"
        id="typedName"
        hint={`As your clinic has it: ${legalName}`}
        error={errors.typedName?.message}
        required
      >
        <Input autoComplete="name" {...form.register("typedName")} />
      </Field>
      <p className="text-sm text-slate-600">
        Signing records your name, the date and time, and your device&apos;s internet address with this
        version of the document.
      </p>
      <Button type="submit" disabled={isSubmitting || !ready}>
        {isSubmitting ? "Signing…" : "I have read this and I sign"}
      </Button>
    </form>
  );
}
