"use client";

import { FormNotice } from "@/components/forms/form-notice";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
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
  const f = useActionForm(signConsentAction, {
    schema: signConsentSchema,
    defaultValues: { typedName: "" },
    toInput: (v: { typedName: string }) => ({ ...v, kind, documentId }),
    refresh: true,
  });
  return (
    <form {...f.formProps} className="space-y-4">
      <FormNotice of={f} />
      <Field
        label="Type your full legal name to sign"
        id="typedName"
        hint={`As your clinic has it: ${legalName}`}
        error={f.error("typedName")}
        required
      >
        <Input autoComplete="name" {...f.register("typedName")} />
      </Field>
      <p className="text-sm text-slate-600">
        Signing records your name, the date and time, and your device&apos;s internet address with this
        version of the document.
      </p>
      <Button type="submit" disabled={f.pending || !f.ready}>
        {f.pending ? "Signing…" : "I have read this and I sign"}
      </Button>
    </form>
  );
}
