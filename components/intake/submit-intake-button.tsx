"use client";

import { FormNotice } from "@/components/forms/form-notice";
import { useAction } from "@/components/forms/use-action";
import { Button } from "@/components/ui/button";
import { submitIntakeAction } from "@/lib/actions/intake";

export function SubmitIntakeButton() {
  const submit = useAction();
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700">
        Everything is ready. Once you send it, your answers go to a prescriber for review and can no longer be
        changed.
      </p>
      <FormNotice of={submit} />
      <Button size="lg" disabled={submit.pending} onClick={() => void submit.run(() => submitIntakeAction())}>
        {submit.pending ? "Sending…" : "Send my intake to the prescriber"}
      </Button>
    </div>
  );
}
