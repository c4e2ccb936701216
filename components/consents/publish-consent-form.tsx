"use client";

import { FormNotice } from "@/components/forms/form-notice";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Textarea } from "@/components/ui/input";
import { publishConsentAction } from "@/lib/actions/consents";
import { type PublishConsentInput, publishConsentSchema } from "@/lib/validation/consents";

/** Publishes a new version of a consent document; every client is then asked to sign it. */
export function PublishConsentForm({ kind, title, body }: PublishConsentInput) {
  const f = useActionForm(publishConsentAction, {
    schema: publishConsentSchema,
    defaultValues: { title, body },
    toInput: (v: { title: string; body: string }) => ({ ...v, kind }),
    confirm: "Publish this as a new version? Every client will be asked to read and sign it again.",
    successMessage: ({ version }) => `Version ${version} is published.`,
    reset: "submitted",
    refresh: true,
  });
  return (
    <form {...f.formProps} className="space-y-3">
      <FormNotice of={f} />
      <Field label="Title" id={`title-${kind}`} error={f.error("title")} required>
        <Input {...f.register("title")} />
      </Field>
      <Field
        label="Text"
        id={`body-${kind}`}
        error={f.error("body")}
        required
        hint="Shown to clients in full, exactly as written."
      >
        <Textarea rows={16} className="font-mono text-sm" {...f.register("body")} />
      </Field>
      <Button type="submit" disabled={!f.ready || f.pending || !f.form.formState.isDirty}>
        {f.pending ? "Publishing…" : "Publish as a new version"}
      </Button>
    </form>
  );
}
