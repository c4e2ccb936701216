import { z } from "zod";
import { storableString, versionSchema } from "@/lib/domain/core/fields";
import { INTAKE_STEP_IDS, type IntakeStepId } from "@/lib/domain/intake/intake-questions";

/**
 * What a draft may hold: anything JSON-shaped within sane bounds, per step.
 * Drafts keep exactly what the client typed, valid or not.
 */
const draftValue: z.ZodType<unknown> = z.lazy(() =>
  z.union([
    storableString().max(5000),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(draftValue).max(60),
    z.record(storableString().max(60), draftValue),
  ]),
);
export const intakeDraftStepSchema = z.record(storableString().max(60), draftValue);

export const saveIntakeStepSchema = z.object({
  step: z.enum(INTAKE_STEP_IDS as [IntakeStepId, ...IntakeStepId[]]),
  values: intakeDraftStepSchema,
  /** The draft version the browser last saw; a stale one gets 409. */
  version: versionSchema,
  /** Autosave keeps anything; "next" also checks the step. */
  mode: z.enum(["autosave", "complete"]),
});
export type SaveIntakeStepInput = z.infer<typeof saveIntakeStepSchema>;
