"use server";

import { revalidatePath } from "next/cache";
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
  SubmitChecklistInput,
} from "@/lib/validation/dosing";

const refresh = () => revalidatePath("/dosing", "layout");

export async function beginDosingDayAction(sessionId: string) {
  const r = await runAction((actor) => beginDosingDay(actor, sessionId));
  refresh();
  return r;
}
export async function submitChecklistAction(input: SubmitChecklistInput) {
  const r = await runAction((actor) => submitChecklist(actor, input));
  refresh();
  return r;
}
export async function overrideChecklistAction(input: OverrideChecklistInput) {
  const r = await runAction((actor) => overrideChecklist(actor, input));
  refresh();
  return r;
}
export async function recordDoseAction(input: RecordDoseInput) {
  const r = await runAction((actor) => recordDose(actor, input));
  refresh();
  return r;
}
export async function addVitalsAction(input: AddVitalsInput) {
  const r = await runAction((actor) => addVitals(actor, input));
  refresh();
  return r;
}
export async function addAdverseEventAction(input: AddAdverseEventInput) {
  const r = await runAction((actor) => addAdverseEvent(actor, input));
  refresh();
  return r;
}
export async function recordDischargeAction(input: RecordDischargeInput) {
  const r = await runAction((actor) => recordDischarge(actor, input));
  refresh();
  return r;
}
export async function completeRecordAction(input: RecordStepInput) {
  const r = await runAction((actor) => completeRecord(actor, input));
  refresh();
  return r;
}
export async function signRecordAction(input: RecordStepInput) {
  const r = await runAction((actor) => signRecord(actor, input));
  refresh();
  return r;
}
export async function addDosingAddendumAction(input: AddendumInput) {
  const r = await runAction((actor) => addDosingAddendum(actor, input));
  refresh();
  return r;
}
export async function createDosingOrderAction(input: CreateDosingOrderInput) {
  return runAction((actor) => createDosingOrder(actor, input));
}
export async function revokeDosingOrderAction(input: { orderId: string; reason: string }) {
  return runAction((actor) => revokeDosingOrder(actor, input));
}
