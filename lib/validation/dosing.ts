import { z } from "zod";
import { idSchema, instantSchema, storableString, versionSchema } from "@/lib/domain/core/fields";
import { isLocalDate, zonedDateTime } from "@/lib/domain/core/zoned-time";
import { goNoGoInputSchema } from "@/lib/domain/dosing/checklist";
import { LATE_REASON_MIN_LENGTH } from "@/lib/domain/dosing/entry-time";
import { DOSING_ROUTES, dosingOrderInputSchema } from "@/lib/domain/dosing/order";
import { vitalReadingSchema } from "@/lib/domain/dosing/vitals";

const record = { recordId: idSchema, version: versionSchema };
const instant = instantSchema("Enter a time.");

/**
 * Why an entry is charted late (more than 15 minutes after it happened). Optional here: only
 * the server knows whether the entry is late (its clock, the session's start), and it asks for
 * the reason then (lib/domain/dosing/entry-time.ts). Blank means none.
 */
const lateReason = storableString()
  .trim()
  .max(500, "Keep the reason under 500 characters.")
  .refine((v) => v === "" || v.length >= LATE_REASON_MIN_LENGTH, "Say why it is charted late (a few words).")
  .optional();

export const createDosingOrderSchema = z.object({ clientId: idSchema, order: dosingOrderInputSchema });
export type CreateDosingOrderInput = z.input<typeof createDosingOrderSchema>;

/** "Valid until" given as a date alone means the end of that day where the practice is, not midnight UTC. */
function validUntilEndOfLocalDay(order: unknown, timeZone: string): unknown {
  if (!order || typeof order !== "object" || Array.isArray(order)) return order;
  const validUntil = (order as { validUntil?: unknown }).validUntil;
  if (typeof validUntil !== "string" || !isLocalDate(validUntil)) return order;
  return { ...order, validUntil: zonedDateTime(validUntil, "23:59", timeZone) };
}

/** The order as the server reads it, in the practice's time zone (the form sends the same fields). */
export const createDosingOrderSchemaIn = (timeZone: string) =>
  z.object({
    clientId: idSchema,
    order: z.preprocess((o) => validUntilEndOfLocalDay(o, timeZone), dosingOrderInputSchema),
  });

export const revokeDosingOrderSchema = z.object({
  orderId: idSchema,
  reason: storableString().trim().min(5, "Say why the order is revoked.").max(500),
});
export type RevokeDosingOrderInput = z.input<typeof revokeDosingOrderSchema>;

/** One client's orders. */
export const clientOrdersSchema = z.object({ clientId: idSchema });

/** One dosing session (the dosing day). */
export const dosingSessionSchema = z.object({ sessionId: idSchema });

/** One adverse event, for the prescriber's review. */
export const reviewAdverseEventSchema = z.object({ adverseEventId: idSchema });

export const submitChecklistSchema = z.object({ ...record, checklist: goNoGoInputSchema });
export type SubmitChecklistInput = z.input<typeof submitChecklistSchema>;

export const overrideChecklistSchema = z.object({
  ...record,
  reason: storableString().trim().min(10, "Explain the override (at least a sentence).").max(2000),
});
export type OverrideChecklistInput = z.input<typeof overrideChecklistSchema>;

export const recordDoseSchema = z.object({
  ...record,
  orderId: idSchema,
  mg: z.number({ message: "Enter the dose given in mg." }).positive("The dose must be more than 0 mg."),
  route: z.enum(DOSING_ROUTES, { message: "Choose the route." }),
  lotNumber: storableString().trim().min(1, "Enter the lot number.").max(60),
  givenAt: instant,
  lateReason,
});
export type RecordDoseInput = z.input<typeof recordDoseSchema>;

/** A booster given against the order's booster, after the first administration (checkBooster decides). */
export const recordBoosterSchema = z.object({
  ...record,
  mg: z
    .number({ message: "Enter the booster given in mg." })
    .positive("The booster must be more than 0 mg.")
    .max(99_999.99, "Check the booster (mg)."),
  lotNumber: storableString().trim().min(1, "Enter the lot number.").max(60),
  givenAt: instant,
  lateReason,
});
export type RecordBoosterInput = z.input<typeof recordBoosterSchema>;

export const addVitalsSchema = z
  .object({ recordId: idSchema, takenAt: instant, reading: vitalReadingSchema, lateReason })
  .refine((v) => Object.values(v.reading).some((x) => x !== null && x !== undefined), {
    path: ["reading", "systolic"],
    message: "Enter at least one value.",
  });
export type AddVitalsInput = z.input<typeof addVitalsSchema>;

/**
 * Scheduled readings that were not taken, and why (one reason for the marks chosen together).
 * A mark is named by its minutes after the dose; 0 is the baseline.
 */
export const skipReadingsSchema = z.object({
  recordId: idSchema,
  markMinutes: z
    .array(z.number().int().min(0).max(480), { message: "Choose the readings to skip." })
    .min(1, "Choose the readings to skip.")
    .max(40),
  reason: storableString()
    .trim()
    .min(5, "Say why the reading was not taken.")
    .max(500, "Keep the reason under 500 characters."),
});
export type SkipReadingsInput = z.input<typeof skipReadingsSchema>;

export const ADVERSE_EVENT_KINDS = [
  "NAUSEA_VOMITING",
  "HYPERTENSION",
  "AGITATION",
  "RESPIRATORY_DEPRESSION",
  "OTHER",
] as const;
export const ADVERSE_EVENT_LABEL: Record<(typeof ADVERSE_EVENT_KINDS)[number], string> = {
  NAUSEA_VOMITING: "Nausea or vomiting",
  HYPERTENSION: "Severe hypertension",
  AGITATION: "Agitation",
  RESPIRATORY_DEPRESSION: "Respiratory depression",
  OTHER: "Other",
};
export const SEVERITIES = ["MILD", "MODERATE", "SEVERE"] as const;

export const addAdverseEventSchema = z
  .object({
    recordId: idSchema,
    kind: z.enum(ADVERSE_EVENT_KINDS, { message: "Choose the kind of event." }),
    severity: z.enum(SEVERITIES, { message: "Choose the severity." }),
    occurredAt: instant,
    description: storableString().trim().max(2000).optional(),
    actionTaken: storableString().trim().min(2, "Say what was done.").max(2000),
    rescueMedication: storableString().trim().max(200).optional(),
    lateReason,
  })
  .refine((v) => v.kind !== "OTHER" || (v.description?.length ?? 0) >= 3, {
    path: ["description"],
    message: "Describe the event.",
  });
export type AddAdverseEventInput = z.input<typeof addAdverseEventSchema>;

/**
 * The discharge: the checks, when the client would have been ready to leave (which may be
 * before the minimum monitoring time) and when they were discharged.
 */
export const recordDischargeSchema = z.object({
  ...record,
  baselineSpeechAndAwareness: z.boolean(),
  purposefulMovement: z.boolean(),
  escortPresent: z.boolean(),
  readyToLeaveAt: instant,
  dischargedAt: instant,
  lateReason,
});
export type RecordDischargeInput = z.input<typeof recordDischargeSchema>;

export const recordStepSchema = z.object(record);
export type RecordStepInput = z.input<typeof recordStepSchema>;

export const addendumSchema = z.object({
  recordId: idSchema,
  body: storableString().trim().min(5, "Write the addendum.").max(4000),
});
export type AddendumInput = z.input<typeof addendumSchema>;
