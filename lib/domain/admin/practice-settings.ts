import { z } from "zod";

/**
 * Clinic settings with the defaults of docs/clinical-rules.md (§1, §3). Every value is a
 * default a clinic can change; the product says so wherever it shows one.
 */
export const practiceSettingsSchema = z.object({
  /** Hold the dose when resting BP is above this (mmHg). */
  bpHoldSystolic: z.number().int().min(90).max(220).default(140),
  bpHoldDiastolic: z.number().int().min(50).max(140).default(90),
  /** Out-of-range alerts during monitoring. */
  alertSystolicAbove: z.number().int().min(100).max(260).default(180),
  alertDiastolicAbove: z.number().int().min(60).max(160).default(110),
  alertHeartRateAbove: z.number().int().min(60).max(220).default(120),
  alertHeartRateBelow: z.number().int().min(20).max(100).default(50),
  alertSpo2Below: z.number().int().min(70).max(100).default(92),
  /** Low blood pressure (the ketamine label lists hypotension). */
  alertSystolicBelow: z.number().int().min(60).max(120).default(90),
  alertDiastolicBelow: z.number().int().min(30).max(80).default(50),
  /** Respiratory rate, breaths a minute (the label lists respiratory depression). */
  alertRespiratoryRateAbove: z.number().int().min(12).max(60).default(24),
  alertRespiratoryRateBelow: z.number().int().min(4).max(20).default(10),
  fastingFoodHours: z.number().min(0).max(24).default(4),
  fastingClearLiquidHours: z.number().min(0).max(24).default(2),
  maxDosesPer7Days: z.number().int().min(1).max(7).default(2),
  /**
   * Minimum monitoring after the last administration before discharge. Never below an hour;
   * below 2 hours (the Spravato REMS minimum) the settings page warns.
   */
  monitoringMinutes: z.number().int().min(60).max(480).default(120),
  vitalsEveryMinutes: z.number().int().min(5).max(60).default(15),
  /** Extra readings at these minutes after the dose (BP peaks around 40 min). */
  vitalsExtraAtMinutes: z.array(z.number().int().min(1).max(480)).default([40]),
  /** Integration session this many days after a dose (min and max). */
  integrationMinDays: z.number().int().min(0).max(14).default(1),
  integrationMaxDays: z.number().int().min(1).max(21).default(3),
  /** The go / no-go blood-pressure reading is too old for the dose after this many minutes. */
  bpReadingMaxAgeMinutes: z.number().int().min(5).max(240).default(60),
  /**
   * Per-route ceilings of a dosing order (docs/clinical-rules.md §3 "Dosing orders"): an order
   * above its route's ceiling is refused. Intramuscular and intravenous are per kg of the weight
   * the order carries; the others are mg per dose. They catch typos; they propose no dose.
   */
  ceilingIntramuscularMgPerKg: z.number().min(0.1).max(10).default(2),
  ceilingIntravenousMgPerKg: z.number().min(0.1).max(10).default(2),
  ceilingSublingualMg: z.number().int().min(1).max(5000).default(1000),
  ceilingOralMg: z.number().int().min(1).max(5000).default(1000),
  ceilingIntranasalMg: z.number().int().min(1).max(1000).default(150),
  /**
   * An eligibility decision holds for this many months after the prescriber signed it; then a
   * prescriber reviews it again (docs/clinical-rules.md §2 "Eligibility in time").
   */
  eligibilityReviewMonths: z.number().int().min(1).max(36).default(12),
});

export type PracticeSettings = z.infer<typeof practiceSettingsSchema>;

/** Reads stored settings; anything missing or invalid falls back to its default. */
export function readPracticeSettings(stored: unknown): PracticeSettings {
  const input = stored && typeof stored === "object" ? stored : {};
  const parsed = practiceSettingsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  // Keep the valid keys, default the rest.
  const defaults = practiceSettingsSchema.parse({});
  const out: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(input)) {
    const field = practiceSettingsSchema.shape[key as keyof PracticeSettings];
    if (field?.safeParse(value).success) out[key] = value;
  }
  return out as PracticeSettings;
}

/** The Spravato REMS minimum monitoring time after the dose (docs/clinical-rules.md §3). */
export const REMS_MONITORING_MINUTES = 120;

export type PracticeSettingsWarning = { field: keyof PracticeSettings; message: string };

/**
 * Settings a clinic may choose but should think twice about: shown as warnings on the settings
 * page, never refused (the refusals are the schema's bounds and the form's cross-checks).
 */
export function practiceSettingsWarnings(
  s: Pick<PracticeSettings, "monitoringMinutes">,
): PracticeSettingsWarning[] {
  const warnings: PracticeSettingsWarning[] = [];
  if (s.monitoringMinutes < REMS_MONITORING_MINUTES) {
    warnings.push({
      field: "monitoringMinutes",
      message: `Monitoring for ${s.monitoringMinutes} minutes after the dose is allowed, but short: the Spravato REMS minimum is 2 hours.`,
    });
  }
  return warnings;
}

/**
 * The practice's sign-in rules, kept in the same settings JSON as the clinic settings but saved by
 * a form of their own (lib/server/admin/practice-security.ts): requiring two-step sign-in for all
 * staff (docs/security.md S5). Off unless an admin turned it on.
 */
export type PracticeSecurity = { requireTwoStep: boolean };

/** Reads the sign-in rules from stored settings; anything missing or not `true` reads as off. */
export function readPracticeSecurity(stored: unknown): PracticeSecurity {
  const input = stored && typeof stored === "object" ? (stored as Record<string, unknown>) : {};
  return { requireTwoStep: input.requireTwoStep === true };
}
