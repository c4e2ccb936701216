import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { type PracticeSecurity, readPracticeSecurity } from "@/lib/domain/admin/practice-settings";
import { AppError } from "@/lib/errors";
import { audit } from "@/lib/server/core/audit";
import { authorize } from "@/lib/server/core/authorize";
import { db } from "@/lib/server/core/db";
import { parseOrThrow } from "@/lib/server/core/parse";
import { transaction } from "@/lib/server/core/transaction";
import { practiceSecurityInputSchema } from "@/lib/validation/practice-settings";

/**
 * The practice's sign-in rules (docs/security.md S5): whether every staff member must use
 * two-step sign-in. Kept in Practice.settings next to the clinic settings, written with a JSON
 * merge of the one key, so that neither form's save overwrites the other's.
 */

export type PracticeSecurityView = PracticeSecurity & { adminHasTwoStep: boolean };

export const SET_UP_YOUR_OWN_FIRST =
  "Set up two-step sign-in for yourself first (Account security): otherwise the requirement would lock you out.";

/** For the settings page: the rules, and whether this admin could turn the requirement on. */
export async function getPracticeSecurity(actor: Actor): Promise<PracticeSecurityView> {
  await authorize(actor, "read", "settings");
  const [practice, me] = await Promise.all([
    db().practice.findUniqueOrThrow({ where: { id: actor.practiceId }, select: { settings: true } }),
    db().user.findUniqueOrThrow({ where: { id: actor.userId }, select: { mfaEnabledAt: true } }),
  ]);
  return { ...readPracticeSecurity(practice.settings), adminHasTwoStep: me.mfaEnabledAt !== null };
}

/**
 * Turns the requirement on or off, audited with before and after. An admin without two-step
 * sign-in cannot turn it on (they would lock themselves out): refused and audited.
 */
export async function setPracticeSecurity(actor: Actor, input: unknown): Promise<PracticeSecurity> {
  await authorize(actor, "manage", "settings");
  const { requireTwoStep } = parseOrThrow(practiceSecurityInputSchema, input);
  const action = "settings.require_two_step";
  if (requireTwoStep) {
    const me = await db().user.findUniqueOrThrow({
      where: { id: actor.userId },
      select: { mfaEnabledAt: true },
    });
    if (!me.mfaEnabledAt) {
      await audit(actor, {
        action,
        recordType: "Practice",
        recordId: actor.practiceId,
        outcome: "FAILED",
        detail: { reason: "admin-without-two-step" },
      });
      throw new AppError("CONFLICT", SET_UP_YOUR_OWN_FIRST);
    }
  }
  return transaction(actor, async (tx) => {
    const [before] = await tx.$queryRaw<{ settings: unknown }[]>`
      SELECT "settings" FROM "Practice" WHERE "id" = ${actor.practiceId} FOR UPDATE`;
    const was = readPracticeSecurity(before?.settings).requireTwoStep;
    if (was === requireTwoStep) return { requireTwoStep };
    await tx.$executeRaw`
      UPDATE "Practice"
      SET "settings" = "settings" || jsonb_build_object('requireTwoStep', ${requireTwoStep}::boolean),
          "updatedAt" = now()
      WHERE "id" = ${actor.practiceId}`;
    await audit(
      actor,
      {
        action,
        recordType: "Practice",
        recordId: actor.practiceId,
        detail: { before: { requireTwoStep: was }, after: { requireTwoStep } },
      },
      tx,
    );
    return { requireTwoStep };
  });
}
