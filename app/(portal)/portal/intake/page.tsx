import { redirect } from "next/navigation";
import { firstIncompleteStep } from "@/lib/domain/intake/intake-progress";
import { requireClientUser } from "@/lib/server/auth/current-user";
import { loadOwnIntake } from "@/lib/server/intake/intake-drafts";

/** Resumes the intake where the client left off. */
export default async function IntakeStartPage() {
  const actor = await requireClientUser();
  const intake = await loadOwnIntake(actor);
  if (intake.status !== "DRAFT") redirect("/portal");
  redirect(`/portal/intake/${firstIncompleteStep(intake.data) ?? "intention"}`);
}
