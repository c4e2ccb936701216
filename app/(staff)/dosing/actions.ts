"use server";

import { runAction } from "@/lib/server/action";
import { addDosingAddendum, beginDosingDay } from "@/lib/server/dosing-day";
import { createDosingOrder, revokeDosingOrder } from "@/lib/server/dosing-orders";
import {
  addAdverseEvent,
  addVitals,
  completeRecord,
  overrideChecklist,
  recordDischarge,
  recordDose,
  reviewAdverseEvent,
  signRecord,
  submitChecklist,
} from "@/lib/server/dosing-records";
import type {
  AddAdverseEventInput,
  AddendumInput,
  AddVitalsInput,
  CreateDosingOrderInput,
  OverrideChecklistInput,
  RecordDischargeInput,
  RecordDoseInput,
  RecordStepInput,
  RevokeDosingOrderInput,
  SubmitChecklistInput,
} from "@/lib/validation/dosing";

// No revalidatePath: the record page re-renders itself after each action (router.refresh),
// and a second refresh racing the first could bring back a stale version of the record.

export async function beginDosingDayAction(sessionId: string) {
  return runAction((actor) => beginDosingDay(actor, sessionId));
}
export async function submitChecklistAction(input: SubmitChecklistInput) {
  return runAction((actor) => submitChecklist(actor, input));
}
export async function overrideChecklistAction(input: OverrideChecklistInput) {
  return runAction((actor) => overrideChecklist(actor, input));
}
export async function recordDoseAction(input: RecordDoseInput) {
  return runAction((actor) => recordDose(actor, input));
}
export async function addVitalsAction(input: AddVitalsInput) {
  return runAction((actor) => addVitals(actor, input));
}
export async function addAdverseEventAction(input: AddAdverseEventInput) {
  return runAction((actor) => addAdverseEvent(actor, input));
}
export async function recordDischargeAction(input: RecordDischargeInput) {
  return runAction((actor) => recordDischarge(actor, input));
}
export async function completeRecordAction(input: RecordStepInput) {
  return runAction((actor) => completeRecord(actor, input));
}
export async function signRecordAction(input: RecordStepInput) {
  return runAction((actor) => signRecord(actor, input));
}
export async function addDosingAddendumAction(input: AddendumInput) {
  return runAction((actor) => addDosingAddendum(actor, input));
}
export async function createDosingOrderAction(input: CreateDosingOrderInput) {
  return runAction((actor) => createDosingOrder(actor, input));
}
export async function revokeDosingOrderAction(input: RevokeDosingOrderInput) {
  return runAction((actor) => revokeDosingOrder(actor, input));
}
export async function reviewAdverseEventAction(adverseEventId: string) {
  return runAction((actor) => reviewAdverseEvent(actor, adverseEventId));
}
