"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/server/action";
import { revisitScreening } from "@/lib/server/screening-followup";
import { decideScreening } from "@/lib/server/screenings";
import type { DecideScreeningInput, RevisitScreeningInput } from "@/lib/validation/screenings";

export async function decideScreeningAction(input: DecideScreeningInput) {
  const result = await runAction((actor) => decideScreening(actor, input));
  revalidatePath("/screenings");
  return result;
}

export async function revisitScreeningAction(input: RevisitScreeningInput) {
  const result = await runAction((actor) => revisitScreening(actor, input));
  revalidatePath("/screenings");
  return result;
}
