"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { applyServerErrors } from "@/components/forms/server-errors";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { reviewSafetyFlagAction } from "@/lib/actions/measures";
import { type ReviewSafetyFlagInput, reviewSafetyFlagSchema } from "@/lib/validation/measures";

/** A clinician records their review of a safety flag (what was done, the plan). */
export function SafetyFlagReviewForm({ clientId, flagId }: { clientId: string; flagId: string }) {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm<ReviewSafetyFlagInput>({
    resolver: zodResolver(reviewSafetyFlagSchema),
    defaultValues: { flagId, note: "" },
  });
  const onSubmit = form.handleSubmit(async (values) => {
    const r = await reviewSafetyFlagAction({ ...values, clientId });
    if (!r.ok) setMessage(applyServerErrors(form, r));
    else router.refresh();
  });
  return (
    <form onSubmit={onSubmit} method="post" noValidate className="mt-3 space-y-2">
      {message ? (
        <Notice tone="danger" live="assertive">
          {message}
        </Notice>
      ) : null}
      <Field
        label="Your review"
        id={`note-${flagId}`}
        hint="Who you spoke with, the risk assessment and the safety plan. Recording a review releases the hold on dosing."
        error={form.formState.errors.note?.message}
        required
      >
        <Textarea rows={3} {...form.register("note")} />
      </Field>
      <Button type="submit" size="sm" disabled={form.formState.isSubmitting}>
        Record review
      </Button>
    </form>
  );
}
