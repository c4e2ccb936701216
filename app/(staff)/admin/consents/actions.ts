"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/server/action";
import { publishConsentVersion } from "@/lib/server/consents";
import type { PublishConsentInput } from "@/lib/validation/consents";

export async function publishConsentAction(input: PublishConsentInput) {
  const result = await runAction(async (actor) => {
    const doc = await publishConsentVersion(actor, input);
    return { version: doc.version };
  });
  revalidatePath("/admin/consents");
  return result;
}
