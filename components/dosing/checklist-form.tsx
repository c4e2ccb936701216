"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { fieldError } from "@/components/forms/form-errors";
import { applyServerErrors } from "@/components/forms/server-errors";
import { Button } from "@/components/ui/button";
import { ChoiceGroup } from "@/components/ui/choice-group";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { submitChecklistAction } from "@/lib/actions/dosing";
import type { PracticeSettings } from "@/lib/domain/admin/practice-settings";
import { type GoNoGoInput, goNoGoInputSchema, SUBSTANCES } from "@/lib/domain/dosing/checklist";
import { useRecordAction } from "./use-record-action";

const yesNo = [
  { value: "no", label: "No" },
  { value: "yes", label: "Yes" },
];

/** Go / no-go before the dose: staff enter what they measured and asked; the server decides. */
export function ChecklistForm({
  recordId,
  version,
  settings,
}: {
  recordId: string;
  version: number;
  settings: PracticeSettings;
}) {
  const { run, pending, error, setError } = useRecordAction();
  const form = useForm<GoNoGoInput>({
    resolver: zodResolver(goNoGoInputSchema) as never,
    defaultValues: { escort: { setting: "in-person" }, pregnancy: "not-applicable" } as Partial<GoNoGoInput>,
  });
  const errors = form.formState.errors;
  const setting = form.watch("escort.setting");
  const number = (
    name: "systolic" | "diastolic" | "heartRate" | "spo2" | "hoursSinceFood" | "hoursSinceClearLiquids",
    label: string,
    hint?: string,
  ) => (
    <Field label={label} id={`${recordId}-${name}`} hint={hint} error={fieldError(errors, name)} required>
      <Input
        type="number"
        inputMode="decimal"
        step="any"
        className="w-28"
        {...form.register(name, { valueAsNumber: true })}
      />
    </Field>
  );
  const onSubmit = form.handleSubmit(async (values) => {
    const r = await run(() => submitChecklistAction({ recordId, version, checklist: values }));
    if (!r.ok && r.fieldErrors) setError(applyServerErrors(form, r));
  });
  return (
    <form onSubmit={onSubmit} method="post" noValidate className="space-y-4" data-testid="checklist-form">
      {error ? (
        <Notice tone="danger" live="assertive">
          {error}
        </Notice>
      ) : null}
      <p className="text-sm text-slate-600">
        Resting BP is held above {settings.bpHoldSystolic}/{settings.bpHoldDiastolic}; fasting{" "}
        {settings.fastingFoodHours} h food, {settings.fastingClearLiquidHours} h clear liquids (clinic
        settings).
      </p>
      <div className="flex flex-wrap gap-3">
        {number("systolic", "Systolic", "mmHg")}
        {number("diastolic", "Diastolic", "mmHg")}
        {number("heartRate", "Heart rate", "bpm")}
        {number("spo2", "SpO2", "%")}
        {number("hoursSinceFood", "Hours since food")}
        {number("hoursSinceClearLiquids", "Hours since clear liquids")}
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">In the last 24 hours, has the client taken…</legend>
        <div className="grid gap-3 sm:grid-cols-2">
          {(Object.keys(SUBSTANCES) as (keyof typeof SUBSTANCES)[]).map((s) => (
            <ChoiceGroup
              key={s}
              id={`${recordId}-substances24h.${s}`}
              legend={SUBSTANCES[s]}
              options={yesNo}
              error={fieldError(errors, `substances24h.${s}`)}
              inputProps={() => form.register(`substances24h.${s}`)}
            />
          ))}
        </div>
      </fieldset>
      <ChoiceGroup
        id={`${recordId}-escort.setting`}
        legend="Setting"
        options={[
          { value: "in-person", label: "In person" },
          { value: "remote", label: "Remote, with a chaperone" },
        ]}
        inputProps={() => form.register("escort.setting")}
      />
      {setting === "remote" ? (
        <div className="flex flex-wrap gap-3">
          <Field
            label="Chaperone's name"
            id={`${recordId}-chaperoneName`}
            error={fieldError(errors, "escort.chaperoneName")}
          >
            <Input {...form.register("escort.chaperoneName")} />
          </Field>
          <Field
            label="Chaperone's phone"
            id={`${recordId}-chaperonePhone`}
            error={fieldError(errors, "escort.chaperonePhone")}
          >
            <Input type="tel" {...form.register("escort.chaperonePhone")} />
          </Field>
        </div>
      ) : (
        <ChoiceGroup
          id={`${recordId}-escort.escortConfirmed`}
          legend="Escort home confirmed?"
          options={yesNo}
          error={fieldError(errors, "escort.escortConfirmed")}
          inputProps={() => form.register("escort.escortConfirmed")}
        />
      )}
      <Field label="Pregnancy status" id={`${recordId}-pregnancy`} error={fieldError(errors, "pregnancy")}>
        <Select className="w-56" {...form.register("pregnancy")}>
          <option value="not-applicable">Does not apply</option>
          <option value="not-pregnant">Not pregnant</option>
          <option value="pregnant">Pregnant</option>
          <option value="unknown">Unknown</option>
        </Select>
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "Checking…" : "Check go / no-go"}
      </Button>
    </form>
  );
}
