"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/server/action";
import { signConsent } from "@/lib/server/consents";
import { loadOwnIntake, saveIntakeStep } from "@/lib/server/intake";
import { submitIntake } from "@/lib/server/intake-submit";
import { submitMeasure } from "@/lib/server/measures";
import { requestUserAgent } from "@/lib/server/request";
import type { SignConsentInput } from "@/lib/validation/consents";
import type { SaveIntakeStepInput } from "@/lib/validation/intake";
import type { SubmitMeasureInput } from "@/lib/validation/measures";

export async function saveIntakeStepAction(input: SaveIntakeStepInput) {
  return runAction((actor) => saveIntakeStep(actor, input));
}

/** The latest draft, after another window or device saved first. */
export async function reloadIntakeAction() {
  return runAction(async (actor) => {
    const intake = await loadOwnIntake(actor);
    return { version: intake.version, data: intake.data };
  });
}

export async function submitIntakeAction() {
  const result = await runAction((actor) => submitIntake(actor));
  revalidatePath("/portal");
  return result;
}

// No revalidatePath here: it would re-render the questionnaire page at once and
// replace the crisis resources a flagged answer must show. Pages are dynamic anyway.
export async function submitMeasureAction(input: SubmitMeasureInput) {
  return runAction((actor) => submitMeasure(actor, input));
}

export async function signConsentAction(input: SignConsentInput) {
  const userAgent = await requestUserAgent();
  return runAction((actor) => signConsent(actor, input, userAgent));
}
