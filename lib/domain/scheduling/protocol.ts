import { z } from "zod";

/**
 * The KAP protocol template a practice schedules series from (stored as ProtocolTemplate.plan,
 * edited by the practice admin). Defaults follow docs/clinical-rules.md §1; every value is a default a clinic
 * can change, and the product says so wherever it shows one.
 */

/** Mirrors the Prisma enums so this module stays free of generated code (and of I/O). */
export const SESSION_KINDS = ["PREPARATION", "DOSING", "INTEGRATION", "FOLLOW_UP", "CLOSING"] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

export const SESSION_STATUSES = [
  "SCHEDULED",
  "CONFIRMED",
  "IN_PROGRESS",
  "COMPLETED",
  "CANCELLED",
  "NO_SHOW",
  /** A dosing session stopped after a dose was given (docs/clinical-rules.md §3a). */
  "ENDED_EARLY",
] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

const minutes = (fallback: number) => z.number().int().min(15).max(480).default(fallback);

/**
 * Session lengths in minutes. DOSING is 180 because docs/clinical-rules.md §1 gives 2 to 3 hours with the
 * therapist present (and §3 asks for at least 2 hours of monitoring after the dose). The other
 * lengths are not clinical facts, only scheduling defaults a clinic edits to match its own practice.
 */
export const sessionDurationsSchema = z.object({
  PREPARATION: minutes(60),
  DOSING: minutes(180),
  INTEGRATION: minutes(60),
  FOLLOW_UP: minutes(30),
  CLOSING: minutes(60),
});

const planFields = {
  /** docs/clinical-rules.md §1 says 1 to 3; two gives room for intention setting and the safety rules. */
  preparationSessions: z.number().int().min(1).max(3).default(2),
  /** "Usually 6 to 8 in a full series"; 12 is a generous ceiling for one planned series. */
  dosingSessions: z.number().int().min(1).max(12).default(6),
  /** Integration "ideally 24 to 72 hours" after every dose: 1 to 3 local days later. */
  integrationDaysAfterDose: z.number().int().min(1).max(3).default(2),
  /** Prescriber follow-up after this dose, before the next is given; null = no follow-up planned. */
  followUpAfterDose: z.number().int().min(1).max(12).nullable().default(2),
  /** A closing session with the therapist at the end of the series. */
  closingSession: z.boolean().default(true),
  // `prefault` runs the inner defaults when the whole object is missing (zod 4).
  durationsMinutes: sessionDurationsSchema.prefault({}),
};

export const protocolPlanSchema = z
  .object(planFields)
  .refine((plan) => plan.followUpAfterDose === null || plan.followUpAfterDose <= plan.dosingSessions, {
    path: ["followUpAfterDose"],
    message: "The follow-up must come after one of the planned doses.",
  });

export type ProtocolPlan = z.infer<typeof protocolPlanSchema>;
export type SessionDurations = z.infer<typeof sessionDurationsSchema>;

export const DEFAULT_PROTOCOL_PLAN: ProtocolPlan = protocolPlanSchema.parse({});

type PlanKey = keyof typeof planFields;

function isPlanKey(key: string): key is PlanKey {
  return Object.hasOwn(planFields, key);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Reads a stored plan (JSON from the database, possibly written by an older version). Valid keys
 * are kept, anything missing or invalid takes its default, so a bad key never breaks scheduling.
 */
export function readProtocolPlan(stored: unknown): ProtocolPlan {
  const input = isRecord(stored) ? stored : {};
  const parsed = protocolPlanSchema.safeParse(input);
  if (parsed.success) return parsed.data;

  const plan: ProtocolPlan = {
    ...DEFAULT_PROTOCOL_PLAN,
    durationsMinutes: { ...DEFAULT_PROTOCOL_PLAN.durationsMinutes },
  };
  for (const [key, value] of Object.entries(input)) {
    if (!isPlanKey(key) || key === "durationsMinutes") continue;
    const field = planFields[key].safeParse(value);
    if (field.success) Object.assign(plan, { [key]: field.data });
  }
  // Durations fall back one kind at a time, for the same reason.
  const durations = isRecord(input.durationsMinutes) ? input.durationsMinutes : {};
  for (const kind of SESSION_KINDS) {
    const field = sessionDurationsSchema.shape[kind].safeParse(durations[kind]);
    if (field.success) plan.durationsMinutes[kind] = field.data;
  }
  // A follow-up after a dose that is never given is no follow-up at all.
  if (plan.followUpAfterDose !== null && plan.followUpAfterDose > plan.dosingSessions) {
    plan.followUpAfterDose = null;
  }
  return plan;
}

/**
 * What each kind of session is for, in plain words for clients (docs/clinical-rules.md §1 and §3). Fasting
 * hours and substance lists are clinic settings, so the dosing text points to the clinic's own.
 */
export const SESSION_KIND_PURPOSE: Record<SessionKind, string> = {
  PREPARATION:
    "You meet your therapist to set your intentions, go over the safety rules and plan your dosing days.",
  DOSING:
    "Your medicine session lasts 2 to 3 hours with your therapist present: come fasting as your clinic " +
    "asks, avoid alcohol and the other substances your clinic lists for the day before, and bring someone " +
    "to take you home, because you may not drive until the next day.",
  INTEGRATION:
    "A day or a few after each dose, you and your therapist make sense of the experience and bring " +
    "what you learned into daily life.",
  FOLLOW_UP:
    "Your prescriber checks in on how the doses have gone and whether to continue before more are given.",
  CLOSING: "You and your therapist look back on the series and plan what comes next.",
};
