import { z } from "zod";
import { type PracticeSettings, practiceSettingsSchema } from "@/lib/domain/admin/practice-settings";
import { isValidTimeZone } from "@/lib/domain/core/zoned-time";

/**
 * The admin's practice settings form. Every field is required here (no silent defaults), the
 * bounds come from the domain schema (lib/domain/admin/practice-settings.ts) and become plain messages.
 * Number inputs send numbers (`valueAsNumber`); the extra-readings list is typed as text.
 */

/** The docs/clinical-rules.md defaults (§1, §3), as the domain schema holds them. */
export const PRACTICE_SETTINGS_DEFAULTS: PracticeSettings = practiceSettingsSchema.parse({});

export type PracticeSettingKey = keyof PracticeSettings;
type NumberSettingKey = Exclude<PracticeSettingKey, "vitalsExtraAtMinutes">;

/** Label and unit of each setting, for the form, its errors and the audit trail. */
export const PRACTICE_SETTING_FIELDS: Record<PracticeSettingKey, { label: string; unit: string }> = {
  bpHoldSystolic: { label: "Hold the dose if resting systolic is above", unit: "mmHg" },
  bpHoldDiastolic: { label: "Hold the dose if resting diastolic is above", unit: "mmHg" },
  fastingFoodHours: { label: "No food before the dose for", unit: "hours" },
  fastingClearLiquidHours: { label: "No clear liquids before the dose for", unit: "hours" },
  alertSystolicAbove: { label: "Alert when systolic is above", unit: "mmHg" },
  alertDiastolicAbove: { label: "Alert when diastolic is above", unit: "mmHg" },
  alertHeartRateAbove: { label: "Alert when heart rate is above", unit: "beats/min" },
  alertHeartRateBelow: { label: "Alert when heart rate is below", unit: "beats/min" },
  alertSpo2Below: { label: "Alert when SpO₂ is below", unit: "%" },
  alertSystolicBelow: { label: "Alert when systolic is below", unit: "mmHg" },
  alertDiastolicBelow: { label: "Alert when diastolic is below", unit: "mmHg" },
  alertRespiratoryRateAbove: { label: "Alert when respiratory rate is above", unit: "breaths/min" },
  alertRespiratoryRateBelow: { label: "Alert when respiratory rate is below", unit: "breaths/min" },
  vitalsEveryMinutes: { label: "Take vitals every", unit: "minutes" },
  vitalsExtraAtMinutes: { label: "Extra readings at", unit: "minutes after the dose" },
  monitoringMinutes: { label: "Monitor after the dose for at least", unit: "minutes" },
  maxDosesPer7Days: { label: "Most doses in any 7 days", unit: "doses" },
  integrationMinDays: { label: "Integration session no sooner than", unit: "days after a dose" },
  integrationMaxDays: { label: "Integration session no later than", unit: "days after a dose" },
  bpReadingMaxAgeMinutes: {
    label: "The go / no-go BP reading stays valid for the dose for",
    unit: "minutes",
  },
  ceilingSublingualMg: { label: "Sublingual order ceiling", unit: "mg per dose" },
  ceilingOralMg: { label: "Oral order ceiling", unit: "mg per dose" },
  ceilingIntranasalMg: { label: "Intranasal order ceiling", unit: "mg per dose" },
  ceilingIntramuscularMgPerKg: { label: "Intramuscular order ceiling", unit: "mg/kg" },
  ceilingIntravenousMgPerKg: { label: "Intravenous order ceiling", unit: "mg/kg" },
  eligibilityReviewMonths: { label: "A prescriber reviews eligibility again after", unit: "months" },
};

/** "140 mmHg", "92%", "1 day after a dose": a value with its unit, as the form and its errors show it. */
export function withUnit(value: number, unit: string): string {
  if (!unit) return String(value);
  if (unit === "%") return `${value}%`;
  // "1 day after a dose", "1 session": the unit's first word in the singular.
  const one = value === 1 ? unit.replace(/^(day|hour|minute|dose|session|month)s\b/, "$1") : unit;
  return `${value} ${one}`;
}

/**
 * A number field with plain messages; its bounds (and whether it is whole) are read from the
 * domain schema `source`, so the form and the rules cannot drift apart.
 */
export function boundedNumber(source: z.ZodNumber, unit = "") {
  const { minValue: min, maxValue: max, isInt } = source;
  const range =
    min !== null && max !== null
      ? `Enter ${isInt ? "a whole number" : "a number"} from ${min} to ${withUnit(max, unit)}.`
      : "Enter a number.";
  let schema = z.number({ error: "Enter a number." });
  if (isInt) schema = schema.int("Use a whole number.");
  if (min !== null) schema = schema.min(min, range);
  if (max !== null) schema = schema.max(max, range);
  return schema;
}

const settingNumber = (key: NumberSettingKey) =>
  boundedNumber(practiceSettingsSchema.shape[key].unwrap(), PRACTICE_SETTING_FIELDS[key].unit);

const extraReading = practiceSettingsSchema.shape.vitalsExtraAtMinutes.unwrap().element;
const EXTRA_MIN = extraReading.minValue ?? 1;
const EXTRA_MAX = extraReading.maxValue ?? 480;
const MAX_EXTRA_READINGS = 12;

/** "40" or "40, 90" → [40, 90]: sorted, without repeats; blank means no extra readings. */
export const minutesListSchema = z
  .string({ error: "Enter minutes separated by commas." })
  .max(200, "Keep the list shorter.")
  .transform((text, ctx) => {
    const parts = text
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean);
    const minutes: number[] = [];
    for (const part of parts) {
      const value = /^\d+$/.test(part) ? Number(part) : Number.NaN;
      if (!Number.isInteger(value) || value < EXTRA_MIN || value > EXTRA_MAX) {
        ctx.addIssue({
          code: "custom",
          message: `“${part}” is not a minute from ${EXTRA_MIN} to ${EXTRA_MAX}: list whole minutes after the dose, separated by commas (e.g. 40, 90).`,
        });
        return z.NEVER;
      }
      minutes.push(value);
    }
    const unique = [...new Set(minutes)].sort((a, b) => a - b);
    if (unique.length > MAX_EXTRA_READINGS) {
      ctx.addIssue({ code: "custom", message: `List at most ${MAX_EXTRA_READINGS} extra readings.` });
      return z.NEVER;
    }
    return unique;
  });

export const timeZoneSchema = z
  .string({ error: "Choose a time zone." })
  .trim()
  .refine(isValidTimeZone, "Choose a time zone from the list (e.g. America/Los_Angeles).");

export const practiceSettingsInputSchema = z
  .strictObject({
    bpHoldSystolic: settingNumber("bpHoldSystolic"),
    bpHoldDiastolic: settingNumber("bpHoldDiastolic"),
    fastingFoodHours: settingNumber("fastingFoodHours"),
    fastingClearLiquidHours: settingNumber("fastingClearLiquidHours"),
    alertSystolicAbove: settingNumber("alertSystolicAbove"),
    alertDiastolicAbove: settingNumber("alertDiastolicAbove"),
    alertHeartRateAbove: settingNumber("alertHeartRateAbove"),
    alertHeartRateBelow: settingNumber("alertHeartRateBelow"),
    alertSpo2Below: settingNumber("alertSpo2Below"),
    alertSystolicBelow: settingNumber("alertSystolicBelow"),
    alertDiastolicBelow: settingNumber("alertDiastolicBelow"),
    alertRespiratoryRateAbove: settingNumber("alertRespiratoryRateAbove"),
    alertRespiratoryRateBelow: settingNumber("alertRespiratoryRateBelow"),
    vitalsEveryMinutes: settingNumber("vitalsEveryMinutes"),
    vitalsExtraAtMinutes: minutesListSchema,
    monitoringMinutes: settingNumber("monitoringMinutes"),
    maxDosesPer7Days: settingNumber("maxDosesPer7Days"),
    integrationMinDays: settingNumber("integrationMinDays"),
    integrationMaxDays: settingNumber("integrationMaxDays"),
    bpReadingMaxAgeMinutes: settingNumber("bpReadingMaxAgeMinutes"),
    ceilingSublingualMg: settingNumber("ceilingSublingualMg"),
    ceilingOralMg: settingNumber("ceilingOralMg"),
    ceilingIntranasalMg: settingNumber("ceilingIntranasalMg"),
    ceilingIntramuscularMgPerKg: settingNumber("ceilingIntramuscularMgPerKg"),
    ceilingIntravenousMgPerKg: settingNumber("ceilingIntravenousMgPerKg"),
    eligibilityReviewMonths: settingNumber("eligibilityReviewMonths"),
    timeZone: timeZoneSchema,
  })
  .refine((s) => s.integrationMinDays <= s.integrationMaxDays, {
    path: ["integrationMaxDays"],
    message: "The latest day must be on or after the soonest day.",
  })
  .refine((s) => s.alertHeartRateBelow < s.alertHeartRateAbove, {
    path: ["alertHeartRateBelow"],
    message: "The low heart-rate alert must be below the high one.",
  })
  // Discharge asks for blood pressure back within the hold limits (docs/clinical-rules.md §3): a hold
  // limit above the urgent alert would let a client leave with a pressure that alerts.
  .refine((s) => s.bpHoldSystolic <= s.alertSystolicAbove, {
    path: ["bpHoldSystolic"],
    message: "The hold limit cannot be above the urgent systolic alert.",
  })
  .refine((s) => s.bpHoldDiastolic <= s.alertDiastolicAbove, {
    path: ["bpHoldDiastolic"],
    message: "The hold limit cannot be above the urgent diastolic alert.",
  })
  // A low-pressure alert at or above the hold limit would leave no pressure fit for discharge.
  .refine((s) => s.alertSystolicBelow < s.bpHoldSystolic, {
    path: ["alertSystolicBelow"],
    message: "The low systolic alert must be below the hold limit.",
  })
  .refine((s) => s.alertDiastolicBelow < s.bpHoldDiastolic, {
    path: ["alertDiastolicBelow"],
    message: "The low diastolic alert must be below the hold limit.",
  })
  .refine((s) => s.alertRespiratoryRateBelow < s.alertRespiratoryRateAbove, {
    path: ["alertRespiratoryRateBelow"],
    message: "The low respiratory-rate alert must be below the high one.",
  });

/** What the form holds and sends (numbers, and the extra readings as text). */
export type PracticeSettingsInput = z.input<typeof practiceSettingsInputSchema>;
export type PracticeSettingsParsed = z.output<typeof practiceSettingsInputSchema>;

/** The form's starting values from stored settings. */
export function practiceSettingsFormValues(
  settings: PracticeSettings,
  timeZone: string,
): PracticeSettingsInput {
  return { ...settings, vitalsExtraAtMinutes: settings.vitalsExtraAtMinutes.join(", "), timeZone };
}

/** The practice's sign-in rules (docs/security.md S5), saved apart from the clinic settings. */
export const practiceSecurityInputSchema = z.strictObject({
  requireTwoStep: z.boolean({ error: "Choose whether two-step sign-in is required." }),
});
export type PracticeSecurityInput = z.input<typeof practiceSecurityInputSchema>;
