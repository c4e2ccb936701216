import { z } from "zod";
import { idSchema, storableString } from "@/lib/domain/core/fields";
import { SCALE_IDS } from "@/lib/domain/measures/measure-types";

export const MEASURE_CONTEXTS = [
  "INTAKE",
  "PRE_DOSE",
  "END_OF_SERIES",
  "FOLLOW_UP_1M",
  "FOLLOW_UP_3M",
  "AD_HOC",
] as const;

/** The envelope; the answers themselves are parsed by the scale's own schema on the server. */
export const submitMeasureSchema = z.object({
  scale: z.enum(SCALE_IDS),
  answers: z.record(storableString().max(20), z.union([z.number(), z.boolean()])),
  /** A measure the clinic asked for (issue 7); intake measures have none. */
  requestId: idSchema.optional(),
});
export type SubmitMeasureInput = z.input<typeof submitMeasureSchema>;

export const reviewSafetyFlagSchema = z.object({
  flagId: idSchema,
  note: storableString().trim().min(10, "Describe the review (at least a sentence).").max(4000),
});
export type ReviewSafetyFlagInput = z.input<typeof reviewSafetyFlagSchema>;

/** The review as the client's record page sends it: the client names the page to re-render. */
export const reviewSafetyFlagOnRecordSchema = reviewSafetyFlagSchema.extend({ clientId: idSchema });

/** A clinician raises a suicide-risk flag from the client's page, saying why. */
export const raiseSafetyFlagSchema = z.object({
  clientId: idSchema,
  reason: storableString()
    .trim()
    .min(10, "Say what you saw or heard (at least a sentence).")
    .max(2000, "Keep the reason under 2000 characters."),
});
export type RaiseSafetyFlagInput = z.input<typeof raiseSafetyFlagSchema>;

/** The questionnaires a clinician may ask on the dosing day, before the dose. */
export const PRE_DOSE_ADMINISTERED_SCALES = ["CSSRS", "PHQ9"] as const;

/** A pre-dose questionnaire a clinician asks on the dosing page; the answers are parsed by the scale on the server. */
export const administerPreDoseMeasureSchema = z.object({
  recordId: idSchema,
  scale: z.enum(PRE_DOSE_ADMINISTERED_SCALES),
  answers: z.record(storableString().max(20), z.union([z.number(), z.boolean()])),
});
export type AdministerPreDoseMeasureInput = z.input<typeof administerPreDoseMeasureSchema>;
