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
