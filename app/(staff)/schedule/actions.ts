"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/server/action";
import { createCalendarFeed, revokeCalendarFeed } from "@/lib/server/ics-export";
import { createSeries, previewSeries } from "@/lib/server/series";
import { cancelSession, changeSessionStatus, rescheduleSession, shiftSeries } from "@/lib/server/sessions";
import type {
  CancelSessionInput,
  CreateSeriesInput,
  PlanSeriesFormInput,
  RescheduleSessionInput,
  SessionStatusInput,
  ShiftSeriesInput,
} from "@/lib/validation/series";

export async function previewSeriesAction(input: PlanSeriesFormInput) {
  return runAction((actor) => previewSeries(actor, input));
}

export async function createSeriesAction(input: CreateSeriesInput) {
  return runAction((actor) => createSeries(actor, input));
}

export async function rescheduleSessionAction(input: RescheduleSessionInput) {
  const result = await runAction((actor) => rescheduleSession(actor, input));
  revalidatePath("/series", "layout");
  return result;
}

export async function changeSessionStatusAction(input: SessionStatusInput) {
  const result = await runAction((actor) => changeSessionStatus(actor, input));
  revalidatePath("/series", "layout");
  return result;
}

export async function cancelSessionAction(input: CancelSessionInput) {
  const result = await runAction((actor) => cancelSession(actor, input));
  revalidatePath("/series", "layout");
  return result;
}

export async function shiftSeriesAction(input: ShiftSeriesInput) {
  const result = await runAction((actor) => shiftSeries(actor, input));
  revalidatePath("/series", "layout");
  return result;
}

export async function createCalendarFeedAction() {
  return runAction((actor) => createCalendarFeed(actor));
}

export async function revokeCalendarFeedAction() {
  return runAction((actor) => revokeCalendarFeed(actor));
}
