import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can, type Resource } from "@/lib/auth/permissions";
import { TWO_STEP_SETUP_FIRST } from "@/lib/domain/auth/two-step-policy";
import { AppError } from "@/lib/errors";
import { type AuditEntry, audit } from "./audit";

/**
 * Refuses (403, audited) when the actor's role may not do `action` on `resource`
 * per the permission table. Which records they may touch is a separate check.
 * A staff member whose practice requires two-step sign-in, and who has not set it
 * up, is refused everything until they have (docs/security.md S5).
 */
export async function authorize(
  actor: Actor,
  action: string,
  resource: Resource,
  context: Omit<AuditEntry, "action" | "outcome"> = {},
) {
  if (actor.twoStepSetupDue) {
    await audit(actor, {
      ...context,
      action: `${resource}.${action}`,
      outcome: "DENIED",
      detail: { reason: "two-step-setup-due" },
    });
    throw new AppError("FORBIDDEN", TWO_STEP_SETUP_FIRST);
  }
  if (can(actor.role, action, resource)) return;
  await audit(actor, { ...context, action: `${resource}.${action}`, outcome: "DENIED" });
  throw new AppError("FORBIDDEN", "You do not have permission to do that.");
}

/** Audits the denial and answers 404, as for a record that does not exist. */
export async function deniedAsNotFound(actor: Actor, entry: Omit<AuditEntry, "outcome">): Promise<never> {
  await audit(actor, { ...entry, outcome: "DENIED" });
  throw new AppError("NOT_FOUND", "Not found.");
}
