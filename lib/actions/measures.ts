"use server";

import { reviewSafetyFlag } from "@/lib/server/measures/safety-flags";
import { submitMeasure } from "@/lib/server/measures/submit-measure";
import { reviewSafetyFlagOnRecordSchema, submitMeasureSchema } from "@/lib/validation/measures";
import { action } from "./define";

// Nothing to re-render: that would replace, at once, the crisis resources a flagged answer must show.
export const submitMeasureAction = action(submitMeasureSchema, (actor, input) => submitMeasure(actor, input));

/** A clinician records their review of a safety flag from the client's record. */
export const reviewSafetyFlagAction = action(
  reviewSafetyFlagOnRecordSchema,
  (actor, input) => reviewSafetyFlag(actor, input),
  { revalidate: (input) => `/clients/${input.clientId}` },
);
