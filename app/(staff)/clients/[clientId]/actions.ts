"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/server/action";
import { reviewSafetyFlag } from "@/lib/server/measures";
import { idSchema } from "@/lib/validation/common";
import type { ReviewSafetyFlagInput } from "@/lib/validation/measures";

export async function reviewSafetyFlagAction(clientId: string, input: ReviewSafetyFlagInput) {
  // The client's id only names the page to refresh, but it comes from the caller like the rest.
  const client = idSchema.safeParse(clientId);
  const result = await runAction((actor) => {
    if (!client.success) throw client.error;
    return reviewSafetyFlag(actor, input);
  });
  if (client.success) revalidatePath(`/clients/${client.data}`);
  return result;
}
