"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { applyServerErrors } from "@/components/forms/server-errors";
import { useHydrated } from "@/components/forms/use-hydrated";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { publishConsentAction } from "@/lib/actions/consents";
import { type PublishConsentInput, publishConsentSchema } from "@/lib/validation/consents";

/** Publishes a new version of a consent document; every client is then asked to sign it. */
export function PublishConsentForm({ kind, title, body }: PublishConsentInput) {
  const router = useRouter();
  const ready = useHydrated();
  const [message, setMessage] = useState<{ tone: "danger" | "success"; text: string } | null>(null);
  const form = useForm<PublishConsentInput>({
    resolver: zodResolver(publishConsentSchema),
    defaultValues: { kind, title, body },
  });
  const { errors, isSubmitting, isDirty } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    if (
      !window.confirm("Publish this as a new version? Every client will be asked to read and sign it again.")
    )
      return;
    const r = await publishConsentAction(values);
    if (!r.ok) {
      setMessage({ tone: "danger", text: applyServerErrors(form, r) });
      return;
    }
    setMessage({ tone: "success", text: `Version ${r.data.version} is published.` });
    form.reset(values);
    router.refresh();
  });
  return (
    <form onSubmit={onSubmit} method="post" noValidate data-ready={ready || undefined} className="space-y-3">
      {message ? (
        <Notice tone={message.tone} live="polite">
          {message.text}
        </Notice>
      ) : null}
      <Field label="Title" id={`title-${kind}`} error={errors.title?.message} required>
        <Input {...form.register("title")} />
      </Field>
      <Field
        label="Text"
        id={`body-${kind}`}
        error={errors.body?.message}
        required
        hint="Shown to clients in full, exactly as written."
      >
        <Textarea rows={16} className="font-mono text-sm" {...form.register("body")} />
      </Field>
      <Button type="submit" disabled={!ready || isSubmitting || !isDirty}>
        {isSubmitting ? "Publishing…" : "Publish as a new version"}
      </Button>
    </form>
  );
}
