"use client";

import { Controller } from "react-hook-form";
import { FormNotice } from "@/components/forms/form-notice";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { ChoiceGroup } from "@/components/ui/choice-group";
import { Field } from "@/components/ui/field";
import { Textarea } from "@/components/ui/input";
import { decideScreeningAction } from "@/lib/actions/screening";
import {
  DECISION_LABEL,
  type DecideScreeningInput,
  decideScreeningSchema,
  SCREENING_DECISIONS,
} from "@/lib/validation/screening";
import { Icd10Picker } from "./icd10-picker";

type Decision = Omit<DecideScreeningInput, "screeningId" | "version">;

/** The prescriber's decision, rationale and signature. Eligible over an absolute flag needs a reason. */
export function DecisionForm({
  screeningId,
  version,
  absoluteFlags,
  unlicensedStates = [],
}: {
  screeningId: string;
  version: number;
  absoluteFlags: number;
  /** The client's states this prescriber holds no current licence in: "eligible" is refused. */
  unlicensedStates?: string[];
}) {
  const f = useActionForm(decideScreeningAction, {
    schema: decideScreeningSchema,
    defaultValues: { rationale: "", conditions: "", diagnosisCode: "", overrideReason: "", question: "" },
    toInput: (v: Decision) => ({ ...v, screeningId, version }),
    // The schema cannot know the flags; the override reason is checked here (and on the server).
    check: (v) =>
      v.decision === "ELIGIBLE" && unlicensedStates.length > 0
        ? {
            decision: `You hold no current licence in ${unlicensedStates.join(" or ")}: a prescriber licensed there must find the client eligible.`,
          }
        : v.decision === "ELIGIBLE" && absoluteFlags > 0 && !v.overrideReason
          ? { overrideReason: "Explain why the client is eligible despite the absolute flags." }
          : undefined,
    confirm: (v) =>
      `Sign this decision (${DECISION_LABEL[v.decision]})? A signed screening cannot be changed.`,
    refresh: true,
  });
  const decision = f.form.watch("decision");
  const needsOverride = decision === "ELIGIBLE" && absoluteFlags > 0;

  return (
    <form {...f.formProps} className="space-y-4" data-testid="decision-form">
      <FormNotice of={f} />
      <ChoiceGroup
        id="decision"
        legend="Decision"
        required
        layout="column"
        options={SCREENING_DECISIONS.map((d) => ({ value: d, label: DECISION_LABEL[d] }))}
        error={f.error("decision")}
        inputProps={() => f.register("decision")}
      />
      {needsOverride ? (
        <Field
          label="Override reason"
          id="overrideReason"
          hint={`The rules raised ${absoluteFlags} absolute flag${absoluteFlags > 1 ? "s" : ""}. Say why KAP is appropriate anyway (e.g. clearance obtained).`}
          error={f.error("overrideReason")}
          required
        >
          <Textarea rows={3} {...f.register("overrideReason")} />
        </Field>
      ) : null}
      {decision === "NEEDS_INFORMATION" ? (
        <Field
          label="What you need"
          id="question"
          hint="Sent to the client (and seen by the therapist). E.g. 'Please have an EKG done and upload the report' or a question."
          error={f.error("question")}
          required
        >
          <Textarea rows={3} {...f.register("question")} />
        </Field>
      ) : null}
      <Field
        label="Rationale"
        id="rationale"
        hint="For the care team; the client does not see it."
        error={f.error("rationale")}
        required
      >
        <Textarea rows={4} {...f.register("rationale")} />
      </Field>
      {decision === "ELIGIBLE" ? (
        <Field
          label="Working diagnosis (ICD-10)"
          id="diagnosisCode"
          error={f.error("diagnosisCode")}
          required
        >
          <Controller
            control={f.form.control}
            name="diagnosisCode"
            render={({ field }) => (
              <Icd10Picker
                id="diagnosisCode"
                value={field.value ?? ""}
                onChange={field.onChange}
                invalid={Boolean(f.error("diagnosisCode"))}
                describedBy={f.error("diagnosisCode") ? "diagnosisCode-error" : undefined}
              />
            )}
          />
        </Field>
      ) : null}
      <Field
        label="Conditions"
        id="conditions"
        hint="Optional, e.g. 'follow-up after dose 2', 'BP check before each dose'."
        error={f.error("conditions")}
      >
        <Textarea rows={2} {...f.register("conditions")} />
      </Field>
      <Button type="submit" disabled={!f.ready || f.pending}>
        {f.pending ? "Signing…" : "Sign decision"}
      </Button>
    </form>
  );
}
