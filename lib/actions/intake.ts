"use server";

import { loadOwnIntake, saveIntakeStep } from "@/lib/server/intake/intake-drafts";
import { submitIntake } from "@/lib/server/intake/submit-intake";
import { noInputSchema } from "@/lib/validation/auth";
import { saveIntakeStepSchema } from "@/lib/validation/intake";
import { action } from "./define";

export const saveIntakeStepAction = action(saveIntakeStepSchema, (actor, input) =>
  saveIntakeStep(actor, input),
);

/** The latest draft, after another window or device saved first. */
export const reloadIntakeAction = action(noInputSchema, async (actor) => {
  const intake = await loadOwnIntake(actor);
  return { version: intake.version, data: intake.data };
});

export const submitIntakeAction = action(noInputSchema, (actor) => submitIntake(actor), {
  revalidate: "/portal",
});
