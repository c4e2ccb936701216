import { redirect } from "next/navigation";
import { requireClientUser } from "@/lib/auth/session";
import { firstIncompleteStep } from "@/lib/domain/intake-progress";
import { loadOwnIntake } from "@/lib/server/intake";

/** Resumes the intake where the client left off. */
export default async function IntakeStartPage() {
  const actor = await requireClientUser();
  const intake = await loadOwnIntake(actor);
  if (intake.status !== "DRAFT") redirect("/portal");
  redirect(`/portal/intake/${firstIncompleteStep(intake.data) ?? "intention"}`);
}
