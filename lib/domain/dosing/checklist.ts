import { z } from "zod";
import type { PracticeSettings } from "@/lib/domain/admin/practice-settings";
import { storableString } from "@/lib/domain/core/fields";
import { isUsState } from "@/lib/domain/core/us-states";
import { diastolicSchema, heartRateSchema, spo2Schema, systolicSchema } from "./vitals";

/**
 * The go / no-go checklist before a dose (docs/clinical-rules.md §3). Every threshold is a
 * practice setting (docs/clinical-rules.md default) and each detail names it as such.
 */

const yesNo = z.enum(["yes", "no"], { message: "Choose yes or no." });
// Caps only catch typos (a week without food is not a real answer); no clinical meaning.
const hours = (label: string) =>
  z
    .number({ message: `Enter the hours since ${label}.` })
    .min(0, `Hours since ${label} cannot be negative.`)
    .max(168, `Check the hours since ${label}.`);

export const SUBSTANCES = {
  alcohol: "Alcohol",
  benzodiazepines: "Benzodiazepines",
  cannabis: "Cannabis",
  opioids: "Opioids",
  stimulants: "Stimulants",
} as const;
export type Substance = keyof typeof SUBSTANCES;

export const PREGNANCY_STATUSES = ["not-pregnant", "pregnant", "not-applicable", "unknown"] as const;

/** What staff enter. Consent, eligibility and series gates come from the server (GoNoGoContext), never the form. */
export const goNoGoInputSchema = z.object({
  systolic: systolicSchema,
  diastolic: diastolicSchema,
  heartRate: heartRateSchema,
  spo2: spo2Schema,
  hoursSinceFood: hours("last food"),
  hoursSinceClearLiquids: hours("last clear liquids"),
  substances24h: z.object({
    alcohol: yesNo,
    benzodiazepines: yesNo,
    cannabis: yesNo,
    opioids: yesNo,
    stimulants: yesNo,
  }),
  // A missing chaperone is a failed item, not a form error, so the record shows why the dose was held.
  escort: z.discriminatedUnion("setting", [
    z.object({ setting: z.literal("in-person"), escortConfirmed: yesNo }),
    z.object({
      setting: z.literal("remote"),
      chaperoneName: storableString().trim().max(120).default(""),
      chaperonePhone: z
        .string()
        .trim()
        .max(30)
        .refine((v) => v === "" || /^[+()\d\s.-]{7,30}$/.test(v), "Enter a phone number.")
        .default(""),
      // Where the client is today: the prescriber must hold a licence there too (docs/clinical-rules.md
      // §3 "The dose given"). Not a checklist item, because no override may lift a licence.
      clientLocationState: z
        .string({ message: "Choose the US state the client is in today." })
        .trim()
        .toUpperCase()
        .refine(isUsState, "Choose the US state the client is in today."),
    }),
  ]),
  pregnancy: z.enum(PREGNANCY_STATUSES, { message: "Choose a pregnancy status." }),
});
export type GoNoGoInput = z.output<typeof goNoGoInputSchema>;

/** Facts the server works out from the record; a form cannot assert them. */
export type GoNoGoContext = {
  consentCurrent: boolean;
  eligibilityCurrent: boolean;
  /** Why an eligible decision no longer holds ("eligibility expired on …"), when it expired. */
  eligibilityDetail?: string;
  /** The client withdrew their KAP informed consent (and has not signed again since). */
  consentWithdrawn?: boolean;
  /** The client has a suicide-risk safety flag that no clinician has reviewed yet. */
  openSafetyFlag: boolean;
  seriesGates: { passed: boolean; reasons: string[] };
};

export type CheckItem = { code: string; label: string; status: "pass" | "fail"; detail: string };
/** A go / no-go item, with whether an override may release it. */
export type GoNoGoItem = CheckItem & {
  /** Whether a prescriber's override may release the dose when this item fails (docs/clinical-rules.md §3a). */
  overridable: boolean;
  /** For an item no override lifts: what does lift it, and who does it. */
  whyNot?: string;
};
/** Items stored before `overridable` existed lack it; rules judge every item by its code. */
export type GoNoGoResult = { passed: boolean; items: (CheckItem & Partial<GoNoGoItem>)[] };

/**
 * What no override lifts (docs/clinical-rules.md §3a), and what does. Only the vitals, fasting,
 * substance and escort items may be overridden; any other code, including one this list does not
 * know, is held (a new item is never overridable by accident).
 */
const NOT_OVERRIDABLE: Record<string, string> = {
  pregnancy:
    "No override releases a dose in pregnancy or while the status is unknown: the prescriber confirms the status, then the checklist is entered again.",
  consent: "No override lifts this: the client signs the current version of the KAP informed consent.",
  eligibility: "No override lifts this: a prescriber signs a current eligible screening.",
  "safety-flag":
    "No override lifts this: only a therapist's or prescriber's recorded review of the flag (on the client's page) releases the hold.",
  "series-gates": "No override lifts the series rules (the dosing gate); they lift as the series goes on.",
};
const OVERRIDABLE_CODE = /^(bp|heart-rate|spo2|fasting-food|fasting-liquids|substance-[a-z]+|escort)$/;

/** True when a prescriber's override may release a dose despite this item failing. */
export function isOverridable(code: string): boolean {
  return OVERRIDABLE_CODE.test(code);
}

/** Why an item cannot be overridden (and what lifts it); empty for one that can. */
export function whyNotOverridable(code: string): string {
  if (isOverridable(code)) return "";
  return NOT_OVERRIDABLE[code] ?? "No override lifts this item.";
}

const item = (code: string, label: string, ok: boolean, pass: string, fail: string): GoNoGoItem => {
  const overridable = isOverridable(code);
  return {
    code,
    label,
    status: ok ? "pass" : "fail",
    detail: ok ? pass : fail,
    overridable,
    ...(overridable ? {} : { whyNot: whyNotOverridable(code) }),
  };
};

export function evaluateGoNoGo(input: GoNoGoInput, s: PracticeSettings, ctx: GoNoGoContext): GoNoGoResult {
  const bp = `${input.systolic}/${input.diastolic}`;
  const hold = `${s.bpHoldSystolic}/${s.bpHoldDiastolic}`;
  const hr = input.heartRate;
  const items: GoNoGoItem[] = [
    // "Hold if above 140/90": a value equal to the threshold passes.
    item(
      "bp",
      "Resting blood pressure",
      input.systolic <= s.bpHoldSystolic && input.diastolic <= s.bpHoldDiastolic,
      `BP ${bp} is at or below the practice's hold threshold of ${hold} (a clinic setting; only a value above it holds the dose).`,
      `BP ${bp} is above the practice's hold threshold of ${hold} (a clinic setting).`,
    ),
    item(
      "heart-rate",
      "Heart rate",
      hr <= s.alertHeartRateAbove && hr >= s.alertHeartRateBelow,
      `Heart rate ${hr} bpm is within ${s.alertHeartRateBelow} to ${s.alertHeartRateAbove} (a clinic setting).`,
      `Heart rate ${hr} bpm is outside ${s.alertHeartRateBelow} to ${s.alertHeartRateAbove} (a clinic setting).`,
    ),
    item(
      "spo2",
      "Oxygen saturation (SpO2)",
      input.spo2 >= s.alertSpo2Below,
      `SpO2 ${input.spo2} % is at or above ${s.alertSpo2Below} % (a clinic setting).`,
      `SpO2 ${input.spo2} % is below ${s.alertSpo2Below} % (a clinic setting).`,
    ),
    item(
      "fasting-food",
      "Fasting: food",
      input.hoursSinceFood >= s.fastingFoodHours,
      `Last food ${input.hoursSinceFood} h ago; the practice asks for at least ${s.fastingFoodHours} h (a clinic setting).`,
      `Last food only ${input.hoursSinceFood} h ago; the practice asks for at least ${s.fastingFoodHours} h (a clinic setting).`,
    ),
    item(
      "fasting-liquids",
      "Fasting: clear liquids",
      input.hoursSinceClearLiquids >= s.fastingClearLiquidHours,
      `Last clear liquids ${input.hoursSinceClearLiquids} h ago; the practice asks for at least ${s.fastingClearLiquidHours} h (a clinic setting).`,
      `Last clear liquids only ${input.hoursSinceClearLiquids} h ago; the practice asks for at least ${s.fastingClearLiquidHours} h (a clinic setting).`,
    ),
    ...(Object.keys(SUBSTANCES) as Substance[]).map((key) =>
      item(
        `substance-${key}`,
        `No ${SUBSTANCES[key].toLowerCase()} in the last 24 hours`,
        input.substances24h[key] === "no",
        `No ${SUBSTANCES[key].toLowerCase()} in the last 24 hours.`,
        `${SUBSTANCES[key]} taken in the last 24 hours.`,
      ),
    ),
    escortItem(input.escort),
    pregnancyItem(input.pregnancy),
    item(
      "consent",
      "Informed consent current",
      ctx.consentCurrent,
      "The client has signed the current consent.",
      ctx.consentWithdrawn
        ? "The client withdrew the informed consent; no dose until they sign the current version again."
        : "The client has not signed the current version of the informed consent.",
    ),
    item(
      "eligibility",
      "Eligibility current",
      ctx.eligibilityCurrent,
      "A prescriber's eligible decision is on file and current.",
      ctx.eligibilityDetail
        ? `No current eligible decision: ${ctx.eligibilityDetail}.`
        : "No current eligible decision from a prescriber is on file.",
    ),
    item(
      "safety-flag",
      "No open suicide-risk flag",
      !ctx.openSafetyFlag,
      "No suicide-risk safety flag is waiting for a clinician's review.",
      "A suicide-risk safety flag is open: dosing is held until a therapist or prescriber records a review of it.",
    ),
    item(
      "series-gates",
      "Series rules",
      ctx.seriesGates.passed,
      ctx.seriesGates.reasons.join(" ") || "The series rules allow this dose.",
      ctx.seriesGates.reasons.join(" ") || "The series rules do not allow this dose yet.",
    ),
  ];
  return { passed: items.every((i) => i.status === "pass"), items };
}

function escortItem(escort: GoNoGoInput["escort"]): GoNoGoItem {
  if (escort.setting === "in-person") {
    return item(
      "escort",
      "Escort home confirmed",
      escort.escortConfirmed === "yes",
      "An escort or driver home is confirmed (no driving until the next day).",
      "No escort or driver home is confirmed; the client must not drive until the next day.",
    );
  }
  const missing = [!escort.chaperoneName && "name", !escort.chaperonePhone && "phone"].filter(Boolean);
  return item(
    "escort",
    "Chaperone on file (remote session)",
    missing.length === 0,
    `Chaperone ${escort.chaperoneName} (${escort.chaperonePhone}) is on file; the client is in ${escort.clientLocationState} today.`,
    `A remote session needs the chaperone's ${missing.join(" and ")} on file.`,
  );
}

function pregnancyItem(status: GoNoGoInput["pregnancy"]): GoNoGoItem {
  const detail = {
    "not-pregnant": "Not pregnant.",
    "not-applicable": "Pregnancy status not applicable.",
    pregnant: "The client is pregnant; pregnancy is a contraindication.",
    unknown: "Pregnancy status is unknown; confirm it before dosing.",
  }[status];
  const ok = status === "not-pregnant" || status === "not-applicable";
  return item("pregnancy", "Pregnancy status", ok, detail, detail);
}

export const OVERRIDE_MIN_REASON_LENGTH = 10;
/** A prescriber's override; `items` are the codes of the failed items it was given for. */
export type DoseOverride = { reason: string; byRole: string; items: readonly string[] };

export const failedItems = (result: GoNoGoResult) => result.items.filter((i) => i.status === "fail");

/**
 * The failed items no override can release. Judged by each item's code, not by the stored flag,
 * so a checklist stored before the flag existed is held the same way.
 */
export const notOverridableFailures = (result: GoNoGoResult) =>
  failedItems(result).filter((i) => !isOverridable(i.code));

/** True when a prescriber may override this result: some item failed and every failed item is overridable. */
export function mayOverride(result: GoNoGoResult): boolean {
  return !result.passed && failedItems(result).length > 0 && notOverridableFailures(result).length === 0;
}

/**
 * A failed checklist blocks the dose unless a prescriber records an override with a real reason,
 * and only when every failed item may be overridden. An override given for named items covers
 * only those: an item that fails later and was not among them holds the dose again.
 */
export function canDose(result: GoNoGoResult, override: DoseOverride | null): boolean {
  if (result.passed) return true;
  if (!mayOverride(result)) return false;
  if (override?.byRole !== "PRESCRIBER" || override.reason.trim().length < OVERRIDE_MIN_REASON_LENGTH)
    return false;
  const covered = new Set(override.items);
  return failedItems(result).every((i) => covered.has(i.code));
}

/**
 * Where a stored checklist (`{ input, result }` on the dosing record) says the client is: a
 * remote session names the state the client is in that day; in person, null. A remote
 * checklist without a valid state (one stored before the state was asked) gives `state: null`,
 * which the licence check refuses.
 */
export function clientLocationOf(stored: unknown): { remote: boolean; state: string | null } {
  const escort = (stored as { input?: { escort?: Record<string, unknown> } } | null)?.input?.escort;
  if (escort?.setting !== "remote") return { remote: false, state: null };
  const state = escort.clientLocationState;
  return { remote: true, state: typeof state === "string" && isUsState(state) ? state : null };
}
