"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { submitIntakeAction } from "@/lib/actions/intake";

export function SubmitIntakeButton() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700">
        Everything is ready. Once you send it, your answers go to a prescriber for review and can no longer be
        changed.
      </p>
      {error ? (
        <Notice tone="danger" live="assertive">
          {error}
        </Notice>
      ) : null}
      <Button
        size="lg"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const r = await submitIntakeAction();
            if (!r.ok) setError(r.message);
            else router.refresh();
          })
        }
      >
        {pending ? "Sending…" : "Send my intake to the prescriber"}
      </Button>
    </div>
  );
}
