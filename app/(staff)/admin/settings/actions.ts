"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/server/action";
import { updatePracticeSettings } from "@/lib/server/practice-settings";
import type { PracticeSettingsInput } from "@/lib/validation/settings";

export async function updatePracticeSettingsAction(input: PracticeSettingsInput) {
  const result = await runAction(async (actor) => {
    const saved = await updatePracticeSettings(actor, input);
    return { changed: saved.changed.length };
  });
  revalidatePath("/admin/settings");
  return result;
}
