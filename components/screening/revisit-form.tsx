"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { revisitScreeningAction } from "@/lib/actions/screening";

/** Reopens a signed decision as a new screening (the signed one stays as it is). */
export function RevisitForm({ screeningId }: { screeningId: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  if (!open) {
    return (
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Revisit this decision
      </Button>
    );
  }
  return (
    <form
      method="post"
      className="space-y-2"
      onSubmit={async (e) => {
        e.preventDefault();
        setPending(true);
        const r = await revisitScreeningAction({ screeningId, reason });
        setPending(false);
        if (!r.ok) {
          setError(r.fieldErrors?.reason?.[0] ?? r.message);
          return;
        }
        router.push(`/screenings/${r.data.screeningId}`);
      }}
    >
      {error ? (
        <Notice tone="danger" live="assertive">
          {error}
        </Notice>
      ) : null}
      <Field
        label="What new information prompts a new review?"
        id="revisit-reason"
        error={error ?? undefined}
        required
      >
        <Textarea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <Button type="submit" disabled={pending}>
        Open a new screening
      </Button>
    </form>
  );
}
