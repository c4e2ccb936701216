import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { IntakeWizard } from "@/components/intake/intake-wizard";
import { stepValues } from "@/lib/domain/intake/intake-form-values";
import { intakeStepStatus } from "@/lib/domain/intake/intake-progress";
import { isIntakeStepId } from "@/lib/domain/intake/intake-questions";
import { requireClientUser } from "@/lib/server/auth/current-user";
import { loadOwnIntake } from "@/lib/server/intake/intake-drafts";

export const metadata: Metadata = { title: "Intake" };

export default async function IntakeStepPage({ params }: { params: Promise<{ step: string }> }) {
  const { step } = await params;
  if (!isIntakeStepId(step)) notFound();
  const actor = await requireClientUser();
  const intake = await loadOwnIntake(actor);
  if (intake.status !== "DRAFT") redirect("/portal");
  return (
    <IntakeWizard
      key={step}
      step={step}
      values={stepValues(step, intake.data[step])}
      version={intake.version}
      done={intakeStepStatus(intake.data)}
    />
  );
}
