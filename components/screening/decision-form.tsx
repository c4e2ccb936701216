"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { applyServerErrors } from "@/components/forms/server-errors";
import { useHydrated } from "@/components/forms/use-hydrated";
import { Button } from "@/components/ui/button";
import { ChoiceGroup } from "@/components/ui/choice-group";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { decideScreeningAction } from "@/lib/actions/screening";
import {
  DECISION_LABEL,
  type DecideScreeningInput,
  decideScreeningSchema,
  SCREENING_DECISIONS,
} from "@/lib/validation/screening";
import { Icd10Picker } from "./icd10-picker";

/** The prescriber's decision, rationale and signature. Eligible over an absolute flag needs a reason. */
export function DecisionForm({
  screeningId,
  version,
  absoluteFlags,
}: {
  screeningId: string;
  version: number;
  absoluteFlags: number;
}) {
  const router = useRouter();
  const ready = useHydrated();
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm<DecideScreeningInput>({
    resolver: zodResolver(decideScreeningSchema),
    defaultValues: {
      screeningId,
      version,
      rationale: "",
      conditions: "",
      diagnosisCode: "",
      overrideReason: "",
      question: "",
    },
  });
  const { errors, isSubmitting } = form.formState;
  const decision = form.watch("decision");
  const needsOverride = decision === "ELIGIBLE" && absoluteFlags > 0;

  // The schema cannot know the flags; the override reason is checked here (and on the server).
  const overrideMissing = () => {
    if (!needsOverride || form.getValues("overrideReason")) return false;
    form.setError("overrideReason", {
      message: "Explain why the client is eligible despite the absolute flags.",
    });
    return true;
  };
  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    if (overrideMissing()) {
      form.setFocus("overrideReason");
      return;
    }
    if (
      !window.confirm(
        `Sign this decision (${DECISION_LABEL[values.decision]})? A signed screening cannot be changed.`,
      )
    )
      return;
    const r = await decideScreeningAction(values);
    if (!r.ok) {
      setMessage(applyServerErrors(form, r));
      return;
    }
    router.refresh();
  }, overrideMissing);

  return (
    <form
      onSubmit={onSubmit}
      method="post"
      noValidate
      data-ready={ready || undefined}
      className="space-y-4"
      data-testid="decision-form"
    >
      {message ? (
        <Notice tone="danger" live="assertive" data-testid="form-error">
          {message}
        </Notice>
      ) : null}
      <ChoiceGroup
        id="decision"
        legend="Decision"
        required
        layout="column"
        options={SCREENING_DECISIONS.map((d) => ({ value: d, label: DECISION_LABEL[d] }))}
        error={errors.decision?.message}
        inputProps={() => form.register("decision")}
      />
      {needsOverride ? (
        <Field
          label="Override reason"
          id="overrideReason"
          hint={`The rules raised ${absoluteFlags} absolute flag${absoluteFlags > 1 ? "s" : ""}. Say why KAP is appropriate anyway (e.g. clearance obtained).`}
          error={errors.overrideReason?.message}
          required
        >
          <Textarea rows={3} {...form.register("overrideReason")} />
        </Field>
      ) : null}
      {decision === "NEEDS_INFORMATION" ? (
        <Field
          label="What you need"
          id="question"
          hint="Sent to the client (and seen by the therapist). E.g. 'Please have an EKG done and upload the report' or a question."
          error={errors.question?.message}
          required
        >
          <Textarea rows={3} {...form.register("question")} />
        </Field>
      ) : null}
      <Field
        label="Rationale"
        id="rationale"
        hint="For the care team; the client does not see it."
        error={errors.rationale?.message}
        required
      >
        <Textarea rows={4} {...form.register("rationale")} />
      </Field>
      {decision === "ELIGIBLE" ? (
        <Field
          label="Working diagnosis (ICD-10)"
          id="diagnosisCode"
          error={errors.diagnosisCode?.message}
          required
        >
          <Controller
            control={form.control}
            name="diagnosisCode"
            render={({ field }) => (
              <Icd10Picker
                id="diagnosisCode"
                value={field.value ?? ""}
                onChange={field.onChange}
                invalid={Boolean(errors.diagnosisCode)}
                describedBy={errors.diagnosisCode ? "diagnosisCode-error" : undefined}
              />
            )}
          />
        </Field>
      ) : null}
      <Field
        label="Conditions"
        id="conditions"
        hint="Optional, e.g. 'follow-up after dose 2', 'BP check before each dose'."
        error={errors.conditions?.message}
      >
        <Textarea rows={2} {...form.register("conditions")} />
      </Field>
      <Button type="submit" disabled={!ready || isSubmitting}>
        {isSubmitting ? "Signing…" : "Sign decision"}
      </Button>
    </form>
  );
}
