"use client";

import { FormNotice } from "@/components/forms/form-notice";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import { withdrawConsentAction } from "@/lib/actions/consents";
import { withdrawConsentSchema } from "@/lib/validation/consents";

/**
 * Withdrawing a signed consent, at any time, with an optional reason. The server records it, tells
 * the care team and holds every further dose until the client signs the current version again.
 */
export function ConsentWithdrawForm({ signatureId, title }: { signatureId: string; title: string }) {
  const f = useActionForm(withdrawConsentAction, {
    schema: withdrawConsentSchema,
    defaultValues: { reason: "" },
    toInput: (v: { reason: string }) => ({ ...v, signatureId }),
    confirm: `Withdraw your consent to “${title}”? Your care team is told at once, and no dose is given until you sign it again.`,
    refresh: true,
  });
  return (
    <form {...f.formProps} className="space-y-4" data-testid="consent-withdraw-form">
      <FormNotice of={f} />
      <h2 className="text-lg font-semibold">Withdraw your consent</h2>
      <p className="text-sm text-slate-700">
        You may withdraw this consent at any time. Your care team is told at once, and no further dose is
        given until you sign the current version again. You can sign again here whenever you choose.
      </p>
      <Field label="Reason (optional)" id="reason" error={f.error("reason")}>
        <Textarea rows={3} {...f.register("reason")} />
      </Field>
      <Button type="submit" variant="danger" disabled={f.pending || !f.ready}>
        {f.pending ? "Withdrawing…" : "Withdraw my consent"}
      </Button>
    </form>
  );
}
