"use server";

import { addDosingAddendum, beginDosingDay } from "@/lib/server/dosing/dosing-day";
import { createDosingOrder, revokeDosingOrder } from "@/lib/server/dosing/dosing-orders";
import { overrideChecklist, submitChecklist } from "@/lib/server/dosing/go-no-go";
import { addAdverseEvent, addVitals, reviewAdverseEvent, skipReadings } from "@/lib/server/dosing/monitoring";
import { recordBooster } from "@/lib/server/dosing/record-booster";
import { completeRecord, recordDischarge, signRecord } from "@/lib/server/dosing/record-closing";
import { recordDose } from "@/lib/server/dosing/record-dose";
import {
  addAdverseEventSchema,
  addendumSchema,
  addVitalsSchema,
  createDosingOrderSchema,
  dosingSessionSchema,
  overrideChecklistSchema,
  recordBoosterSchema,
  recordDischargeSchema,
  recordDoseSchema,
  recordStepSchema,
  reviewAdverseEventSchema,
  revokeDosingOrderSchema,
  skipReadingsSchema,
  submitChecklistSchema,
} from "@/lib/validation/dosing";
import { action } from "./define";

// Nothing to re-render: the record page refreshes itself after each action, and a
// second refresh racing the first could bring back a stale version of the record.

export const beginDosingDayAction = action(dosingSessionSchema, (actor, { sessionId }) =>
  beginDosingDay(actor, sessionId),
);
export const submitChecklistAction = action(submitChecklistSchema, (actor, input) =>
  submitChecklist(actor, input),
);
export const overrideChecklistAction = action(overrideChecklistSchema, (actor, input) =>
  overrideChecklist(actor, input),
);
export const recordDoseAction = action(recordDoseSchema, (actor, input) => recordDose(actor, input));
export const recordBoosterAction = action(recordBoosterSchema, (actor, input) => recordBooster(actor, input));
export const addVitalsAction = action(addVitalsSchema, (actor, input) => addVitals(actor, input));
export const skipReadingsAction = action(skipReadingsSchema, (actor, input) => skipReadings(actor, input));
export const addAdverseEventAction = action(addAdverseEventSchema, (actor, input) =>
  addAdverseEvent(actor, input),
);
export const recordDischargeAction = action(recordDischargeSchema, (actor, input) =>
  recordDischarge(actor, input),
);
export const completeRecordAction = action(recordStepSchema, (actor, input) => completeRecord(actor, input));
export const signRecordAction = action(recordStepSchema, (actor, input) => signRecord(actor, input));
export const addDosingAddendumAction = action(addendumSchema, (actor, input) =>
  addDosingAddendum(actor, input),
);
export const createDosingOrderAction = action(createDosingOrderSchema, (actor, input) =>
  createDosingOrder(actor, input),
);
export const revokeDosingOrderAction = action(revokeDosingOrderSchema, (actor, input) =>
  revokeDosingOrder(actor, input),
);
export const reviewAdverseEventAction = action(reviewAdverseEventSchema, (actor, { adverseEventId }) =>
  reviewAdverseEvent(actor, adverseEventId),
);
