import { SCALE_IDS, type ScaleId } from "@/lib/domain/measures/measure-types";
import { SCALES } from "@/lib/domain/measures/scales";
import { INTAKE_STEP_LIST as INTAKE_STEPS, type IntakeStepId } from "./intake-questions";

export type ChecklistItem = { id: string; label: string; detail: string; done: boolean; href: string };

export type ChecklistFacts = {
  steps: Record<IntakeStepId, boolean>;
  measuresDone: readonly ScaleId[];
  kapConsentCurrent: boolean;
  /** The client named an outside therapist, so a release is asked for. */
  releaseNeeded: boolean;
  releaseCurrent: boolean;
};

/** What the client must finish before their intake goes to a prescriber. */
export function intakeChecklist(f: ChecklistFacts) {
  const stepsDone = INTAKE_STEPS.filter((s) => f.steps[s.id]).length;
  const firstOpen = INTAKE_STEPS.find((s) => !f.steps[s.id])?.id ?? INTAKE_STEPS[0].id;
  const items: ChecklistItem[] = [
    {
      id: "intake",
      label: "Intake forms",
      detail: `${stepsDone} of ${INTAKE_STEPS.length} sections complete`,
      done: stepsDone === INTAKE_STEPS.length,
      href: `/portal/intake/${firstOpen}`,
    },
    ...SCALE_IDS.map((scale) => ({
      id: `measure-${scale}`,
      label: SCALES[scale].title,
      detail: SCALES[scale].shortTitle,
      done: f.measuresDone.includes(scale),
      href: `/portal/measures/${scale}`,
    })),
    {
      id: "consent-kap",
      label: "KAP informed consent",
      detail: "Read and sign",
      done: f.kapConsentCurrent,
      href: "/portal/consents/KAP_INFORMED_CONSENT",
    },
  ];
  if (f.releaseNeeded) {
    items.push({
      id: "consent-release",
      label: "Release of information",
      detail: "Lets us keep your outside therapist informed",
      done: f.releaseCurrent,
      href: "/portal/consents/RELEASE_OF_INFORMATION",
    });
  }
  const doneCount = items.filter((i) => i.done).length;
  return { items, doneCount, total: items.length, ready: doneCount === items.length };
}
