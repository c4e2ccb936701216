"use server";

import { administerPreDoseMeasure } from "@/lib/server/measures/administer-measure";
import { raiseSafetyFlag, reviewSafetyFlag } from "@/lib/server/measures/safety-flags";
import { submitMeasure } from "@/lib/server/measures/submit-measure";
import {
  administerPreDoseMeasureSchema,
  raiseSafetyFlagSchema,
  reviewSafetyFlagOnRecordSchema,
  submitMeasureSchema,
} from "@/lib/validation/measures";
import { action } from "./define";

// Nothing to re-render: that would replace, at once, the crisis resources a flagged answer must show.
export const submitMeasureAction = action(submitMeasureSchema, (actor, input) => submitMeasure(actor, input));

/** A clinician records their review of a safety flag from the client's record. */
export const reviewSafetyFlagAction = action(
  reviewSafetyFlagOnRecordSchema,
  (actor, input) => reviewSafetyFlag(actor, input),
  { revalidate: (input) => `/clients/${input.clientId}` },
);

/** A clinician raises a safety flag from the client's record. */
export const raiseSafetyFlagAction = action(
  raiseSafetyFlagSchema,
  (actor, input) => raiseSafetyFlag(actor, input),
  {
    revalidate: (input) => `/clients/${input.clientId}`,
  },
);

/** A clinician asks a pre-dose questionnaire on the dosing page (the page refreshes itself). */
export const administerPreDoseMeasureAction = action(administerPreDoseMeasureSchema, (actor, input) =>
  administerPreDoseMeasure(actor, input),
);
