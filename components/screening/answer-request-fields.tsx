"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { applyServerErrors } from "@/components/forms/server-errors";
import { useHydrated } from "@/components/forms/use-hydrated";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { answerInformationRequestAction } from "@/lib/actions/screening";
import {
  type AnswerInformationRequestInput,
  answerInformationRequestSchema,
} from "@/lib/validation/screening";

/** Answers the prescriber's question; the screening then goes back to the prescriber. */
export function AnswerRequestFields({
  requestId,
  question,
  label = "Your answer",
}: {
  requestId: string;
  question: string;
  label?: string;
}) {
  const router = useRouter();
  const ready = useHydrated();
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm<AnswerInformationRequestInput>({
    resolver: zodResolver(answerInformationRequestSchema),
    defaultValues: { requestId, answer: "" },
  });
  const onSubmit = form.handleSubmit(async (values) => {
    const r = await answerInformationRequestAction(values);
    if (!r.ok) {
      setMessage(applyServerErrors(form, r));
      return;
    }
    router.refresh();
  });
  return (
    <form
      onSubmit={onSubmit}
      method="post"
      noValidate
      data-ready={ready || undefined}
      className="space-y-3"
      data-testid="answer-request"
    >
      <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-950">
        <span className="font-medium">The prescriber asks:</span> {question}
      </p>
      {message ? (
        <Notice tone="danger" live="assertive">
          {message}
        </Notice>
      ) : null}
      <Field label={label} id={`answer-${requestId}`} error={form.formState.errors.answer?.message} required>
        <Textarea rows={4} {...form.register("answer")} />
      </Field>
      <Button type="submit" disabled={!ready || form.formState.isSubmitting}>
        Send answer to the prescriber
      </Button>
    </form>
  );
}
