"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { applyServerErrors } from "@/components/forms/server-errors";
import { useHydrated } from "@/components/forms/use-hydrated";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { Notice } from "@/components/ui/notice";
import { updatePracticeSettingsAction } from "@/lib/actions/admin";
import {
  PRACTICE_SETTING_FIELDS,
  PRACTICE_SETTINGS_DEFAULTS,
  type PracticeSettingKey,
  type PracticeSettingsInput,
  practiceSettingsInputSchema,
  withUnit,
} from "@/lib/validation/practice-settings";

type NumberKey = Exclude<PracticeSettingKey, "vitalsExtraAtMinutes">;

const GROUPS: { title: string; description: string; keys: PracticeSettingKey[] }[] = [
  {
    title: "Before the dose",
    description: "The go / no-go checklist holds the dose when an answer is outside these limits.",
    keys: ["bpHoldSystolic", "bpHoldDiastolic", "fastingFoodHours", "fastingClearLiquidHours"],
  },
  {
    title: "During monitoring",
    description: "Vitals are due on this schedule; a reading past a threshold raises an alert.",
    keys: [
      "alertSystolicAbove",
      "alertDiastolicAbove",
      "alertHeartRateAbove",
      "alertHeartRateBelow",
      "alertSpo2Below",
      "vitalsEveryMinutes",
      "vitalsExtraAtMinutes",
      "monitoringMinutes",
    ],
  },
  {
    title: "Series",
    description: "Limits the scheduler checks when doses and integration sessions are booked.",
    keys: ["maxDosesPer7Days", "integrationMinDays", "integrationMaxDays"],
  },
];

const CARD = "min-w-0 rounded-lg border border-slate-200 bg-white p-5 shadow-sm";

/** Hours may be halves (1.5 h); everything else is whole. */
const DECIMAL: ReadonlySet<PracticeSettingKey> = new Set(["fastingFoodHours", "fastingClearLiquidHours"]);

function defaultHint(key: PracticeSettingKey) {
  const { unit } = PRACTICE_SETTING_FIELDS[key];
  if (key === "vitalsExtraAtMinutes") {
    const value = PRACTICE_SETTINGS_DEFAULTS.vitalsExtraAtMinutes.join(", ") || "none";
    return `Minutes after the dose, separated by commas. Default ${value} (when the BP rise peaks) — a clinic setting.`;
  }
  return `Default ${withUnit(PRACTICE_SETTINGS_DEFAULTS[key], unit)} — a clinic setting.`;
}

/**
 * The practice's clinic settings in one form. Every value starts from a docs/clinical-rules.md default and
 * each field says which; the server checks the same schema and puts its errors on the fields.
 */
export function PracticeSettingsForm({
  values,
  timeZones,
}: {
  values: PracticeSettingsInput;
  timeZones: string[];
}) {
  const router = useRouter();
  const ready = useHydrated();
  const [message, setMessage] = useState<{ tone: "danger" | "success"; text: string } | null>(null);
  // `raw`: the form sends what was typed (the extra readings as text); the server parses it again.
  const form = useForm<PracticeSettingsInput>({
    resolver: zodResolver(practiceSettingsInputSchema, undefined, { raw: true }),
    defaultValues: values,
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(
    async (input) => {
      setMessage(null);
      const r = await updatePracticeSettingsAction(input);
      if (!r.ok) {
        setMessage({ tone: "danger", text: applyServerErrors(form, r) });
        return;
      }
      setMessage({
        tone: "success",
        text:
          r.data.changed === 0
            ? "Nothing had changed: the settings are as they were."
            : `Settings saved (${r.data.changed} changed). They apply to checks and schedules from now on.`,
      });
      form.reset(input);
      router.refresh();
    },
    () => setMessage({ tone: "danger", text: "Please correct the highlighted fields." }),
  );

  const numberField = (key: NumberKey) => {
    const meta = PRACTICE_SETTING_FIELDS[key];
    return (
      <Field
        key={key}
        label={`${meta.label} (${meta.unit})`}
        id={key}
        error={errors[key]?.message}
        hint={defaultHint(key)}
        required
      >
        <Input
          type="number"
          inputMode={DECIMAL.has(key) ? "decimal" : "numeric"}
          step={DECIMAL.has(key) ? "any" : 1}
          {...form.register(key, { valueAsNumber: true })}
        />
      </Field>
    );
  };

  return (
    <form
      onSubmit={onSubmit}
      method="post"
      noValidate
      data-ready={ready || undefined}
      className="space-y-6"
      aria-label="Practice settings"
    >
      {GROUPS.map((group) => (
        <fieldset key={group.title} className={CARD}>
          <legend className="float-left w-full text-lg font-semibold text-slate-900">{group.title}</legend>
          <p className="clear-both pt-1 text-sm text-slate-600">{group.description}</p>
          <div className="mt-4 grid gap-x-6 gap-y-5 sm:grid-cols-2">
            {group.keys.map((key) =>
              key === "vitalsExtraAtMinutes" ? (
                <Field
                  key={key}
                  label={`${PRACTICE_SETTING_FIELDS[key].label} (${PRACTICE_SETTING_FIELDS[key].unit})`}
                  id={key}
                  error={errors.vitalsExtraAtMinutes?.message}
                  hint={defaultHint(key)}
                >
                  <Input inputMode="numeric" placeholder="e.g. 40, 90" {...form.register(key)} />
                </Field>
              ) : (
                numberField(key)
              ),
            )}
          </div>
        </fieldset>
      ))}
      <fieldset className={CARD}>
        <legend className="float-left w-full text-lg font-semibold text-slate-900">Practice</legend>
        <div className="clear-both pt-4 sm:max-w-sm">
          <Field
            label="Time zone"
            id="timeZone"
            error={errors.timeZone?.message}
            hint="Every appointment is scheduled and shown in this zone."
            required
          >
            <Select {...form.register("timeZone")}>
              {timeZones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone.replaceAll("_", " ")}
                </option>
              ))}
            </Select>
          </Field>
        </div>
      </fieldset>
      {message ? (
        <Notice
          tone={message.tone}
          live={message.tone === "danger" ? "assertive" : "polite"}
          data-testid={message.tone === "danger" ? "form-error" : "form-success"}
        >
          {message.text}
        </Notice>
      ) : null}
      <Button type="submit" disabled={!ready || isSubmitting}>
        {isSubmitting ? "Saving…" : "Save settings"}
      </Button>
    </form>
  );
}
