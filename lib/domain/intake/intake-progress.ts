import { INTAKE_STEPS, intakeSchema } from "./intake-answers";
import type { IntakeStepId } from "./intake-questions";

/** Which intake steps pass their schema; drafts hold whatever was typed. */
export function intakeStepStatus(data: unknown): Record<IntakeStepId, boolean> {
  const d = (data && typeof data === "object" ? data : {}) as Record<string, unknown>;
  return Object.fromEntries(INTAKE_STEPS.map((s) => [s.id, s.schema.safeParse(d[s.id]).success])) as Record<
    IntakeStepId,
    boolean
  >;
}

export function completedStepCount(data: unknown): number {
  return Object.values(intakeStepStatus(data)).filter(Boolean).length;
}

/** The first step that does not pass yet, where a returning client resumes. */
export function firstIncompleteStep(data: unknown): IntakeStepId | null {
  const status = intakeStepStatus(data);
  return INTAKE_STEPS.find((s) => !status[s.id])?.id ?? null;
}

/** The complete intake, or null while any step is missing or invalid. */
export function completeIntake(data: unknown) {
  const parsed = intakeSchema.safeParse(data);
  return parsed.success ? parsed.data : null;
}
