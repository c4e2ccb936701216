"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/server/action";
import { reviewSafetyFlag } from "@/lib/server/measures";
import type { ReviewSafetyFlagInput } from "@/lib/validation/measures";

export async function reviewSafetyFlagAction(clientId: string, input: ReviewSafetyFlagInput) {
  const result = await runAction((actor) => reviewSafetyFlag(actor, input));
  revalidatePath(`/clients/${clientId}`);
  return result;
}
