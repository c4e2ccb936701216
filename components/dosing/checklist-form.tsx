"use client";

import { FormNotice } from "@/components/forms/form-notice";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { ChoiceGroup } from "@/components/ui/choice-group";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { submitChecklistAction } from "@/lib/actions/dosing";
import type { PracticeSettings } from "@/lib/domain/admin/practice-settings";
import { US_STATES } from "@/lib/domain/core/us-states";
import { type GoNoGoInput, SUBSTANCES } from "@/lib/domain/dosing/checklist";
import { submitChecklistSchema } from "@/lib/validation/dosing";

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
  const f = useActionForm(submitChecklistAction, {
    schema: submitChecklistSchema,
    defaultValues: { checklist: { escort: { setting: "in-person" }, pregnancy: "not-applicable" } },
    toInput: (v: { checklist: GoNoGoInput }) => ({ ...v, recordId, version }),
    refresh: true,
  });
  const setting = f.form.watch("checklist.escort.setting");
  const number = (
    name: "systolic" | "diastolic" | "heartRate" | "spo2" | "hoursSinceFood" | "hoursSinceClearLiquids",
    label: string,
    hint?: string,
  ) => (
    <Field label={label} id={`${recordId}-${name}`} hint={hint} error={f.error(`checklist.${name}`)} required>
      <Input
        type="number"
        inputMode="decimal"
        step="any"
        className="w-28"
        {...f.register(`checklist.${name}`, { valueAsNumber: true })}
      />
    </Field>
  );
  return (
    <form {...f.formProps} className="space-y-4" data-testid="checklist-form">
      <FormNotice of={f} />
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
              error={f.error(`checklist.substances24h.${s}`)}
              inputProps={() => f.register(`checklist.substances24h.${s}`)}
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
        error={f.error("checklist.escort.setting")}
        inputProps={() => f.register("checklist.escort.setting")}
      />
      {setting === "remote" ? (
        <div className="flex flex-wrap gap-3">
          <Field
            label="Chaperone's name"
            id={`${recordId}-chaperoneName`}
            error={f.error("checklist.escort.chaperoneName")}
          >
            <Input {...f.register("checklist.escort.chaperoneName")} />
          </Field>
          <Field
            label="Chaperone's phone"
            id={`${recordId}-chaperonePhone`}
            error={f.error("checklist.escort.chaperonePhone")}
          >
            <Input type="tel" {...f.register("checklist.escort.chaperonePhone")} />
          </Field>
          <Field
            label="State the client is in today"
            id={`${recordId}-clientLocationState`}
            hint="The prescriber must be licensed there too."
            error={f.error("checklist.escort.clientLocationState")}
            required
          >
            <Select className="w-56" {...f.register("checklist.escort.clientLocationState")}>
              <option value="">Choose a state</option>
              {Object.entries(US_STATES).map(([code, name]) => (
                <option key={code} value={code}>
                  {name}
                </option>
              ))}
            </Select>
          </Field>
        </div>
      ) : (
        <ChoiceGroup
          id={`${recordId}-escort.escortConfirmed`}
          legend="Escort home confirmed?"
          options={yesNo}
          error={f.error("checklist.escort.escortConfirmed")}
          inputProps={() => f.register("checklist.escort.escortConfirmed")}
        />
      )}
      <Field label="Pregnancy status" id={`${recordId}-pregnancy`} error={f.error("checklist.pregnancy")}>
        <Select className="w-56" {...f.register("checklist.pregnancy")}>
          <option value="not-applicable">Does not apply</option>
          <option value="not-pregnant">Not pregnant</option>
          <option value="pregnant">Pregnant</option>
          <option value="unknown">Unknown</option>
        </Select>
      </Field>
      <Button type="submit" disabled={!f.ready || f.pending}>
        {f.pending ? "Checking…" : "Check go / no-go"}
      </Button>
    </form>
  );
}
