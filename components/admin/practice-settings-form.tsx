"use client";

import { FormNotice } from "@/components/forms/form-notice";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input, Select } from "@/components/ui/input";
import { updatePracticeSettingsAction } from "@/lib/actions/admin";
import { practiceSettingsWarnings } from "@/lib/domain/admin/practice-settings";
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
    description:
      "The go / no-go checklist holds the dose when an answer is outside these limits, and a dose needs a checklist whose blood pressure is recent enough.",
    keys: [
      "bpHoldSystolic",
      "bpHoldDiastolic",
      "fastingFoodHours",
      "fastingClearLiquidHours",
      "bpReadingMaxAgeMinutes",
    ],
  },
  {
    title: "During monitoring",
    description:
      "Vitals are due on this schedule; a reading past a threshold raises an alert. Discharge needs blood pressure back within the hold limits above and every other value within these.",
    keys: [
      "alertSystolicAbove",
      "alertDiastolicAbove",
      "alertSystolicBelow",
      "alertDiastolicBelow",
      "alertHeartRateAbove",
      "alertHeartRateBelow",
      "alertRespiratoryRateAbove",
      "alertRespiratoryRateBelow",
      "alertSpo2Below",
      "vitalsEveryMinutes",
      "vitalsExtraAtMinutes",
      "monitoringMinutes",
    ],
  },
  {
    title: "Dosing orders",
    description:
      "An order above its route's ceiling is refused. Intramuscular and intravenous ceilings are per kg of the weight the order carries.",
    keys: [
      "ceilingSublingualMg",
      "ceilingOralMg",
      "ceilingIntranasalMg",
      "ceilingIntramuscularMgPerKg",
      "ceilingIntravenousMgPerKg",
    ],
  },
  {
    title: "Series",
    description: "Limits the scheduler checks when doses and integration sessions are booked.",
    keys: ["maxDosesPer7Days", "integrationMinDays", "integrationMaxDays"],
  },
  {
    title: "Eligibility",
    description:
      "A prescriber's eligible decision holds doses from this long after it was signed, until a prescriber reviews the client again.",
    keys: ["eligibilityReviewMonths"],
  },
];

const CARD = "min-w-0 rounded-lg border border-slate-200 bg-white p-5 shadow-sm";

/** Hours may be halves (1.5 h) and per-kg ceilings decimals (0.5 mg/kg); everything else is whole. */
const DECIMAL: ReadonlySet<PracticeSettingKey> = new Set([
  "fastingFoodHours",
  "fastingClearLiquidHours",
  "ceilingIntramuscularMgPerKg",
  "ceilingIntravenousMgPerKg",
]);

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
  // The form sends what was typed (the extra readings as text); the server parses it again.
  const f = useActionForm(updatePracticeSettingsAction, {
    schema: practiceSettingsInputSchema,
    defaultValues: values,
    invalidMessage: "Please correct the highlighted fields.",
    successMessage: ({ changed }) =>
      changed === 0
        ? "Nothing had changed: the settings are as they were."
        : `Settings saved (${changed} changed). They apply to checks and schedules from now on.`,
    reset: "submitted",
    refresh: true,
  });

  // Allowed but unwise values (monitoring shorter than the REMS 2 hours): a warning, not an error.
  const monitoringMinutes = f.form.watch("monitoringMinutes");
  const warnings = Number.isFinite(monitoringMinutes) ? practiceSettingsWarnings({ monitoringMinutes }) : [];
  const warningFor = (key: PracticeSettingKey) => warnings.find((w) => w.field === key)?.message;

  const numberField = (key: NumberKey) => {
    const meta = PRACTICE_SETTING_FIELDS[key];
    const warning = warningFor(key);
    return (
      <Field
        key={key}
        label={`${meta.label} (${meta.unit})`}
        id={key}
        error={f.error(key)}
        hint={
          warning ? (
            <>
              {defaultHint(key)}
              <span
                className="mt-1 block rounded border border-amber-300 bg-amber-50 px-2 py-1 text-amber-950"
                role="status"
                data-testid={`warning-${key}`}
              >
                Warning: {warning}
              </span>
            </>
          ) : (
            defaultHint(key)
          )
        }
        required
      >
        <Input
          type="number"
          inputMode={DECIMAL.has(key) ? "decimal" : "numeric"}
          step={DECIMAL.has(key) ? "any" : 1}
          {...f.register(key, { valueAsNumber: true })}
        />
      </Field>
    );
  };

  return (
    <form {...f.formProps} className="space-y-6" aria-label="Practice settings">
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
                  error={f.error("vitalsExtraAtMinutes")}
                  hint={defaultHint(key)}
                >
                  <Input inputMode="numeric" placeholder="e.g. 40, 90" {...f.register(key)} />
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
            error={f.error("timeZone")}
            hint="Every appointment is scheduled and shown in this zone."
            required
          >
            <Select {...f.register("timeZone")}>
              {timeZones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone.replaceAll("_", " ")}
                </option>
              ))}
            </Select>
          </Field>
        </div>
      </fieldset>
      <FormNotice of={f} />
      <Button type="submit" disabled={!f.ready || f.pending}>
        {f.pending ? "Saving…" : "Save settings"}
      </Button>
    </form>
  );
}
