import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { verifyPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/errors";
import { audit } from "@/lib/server/core/audit";
import { db } from "@/lib/server/core/db";
import { currentPasswordSchema } from "@/lib/validation/two-step";
import { lockedMessage, reserveCodeAttempt } from "./code-attempts";

const WRONG_PASSWORD = "That is not your password. Enter the password you sign in with.";

const refuse = (actor: Actor, action: string, reason: string) =>
  audit(actor, { action, recordType: "User", recordId: actor.userId, outcome: "FAILED", detail: { reason } });

/**
 * Asks for the password again before the second factor changes (turning two-step sign-in on or
 * off, new recovery codes; docs/security.md S13): a stolen session cookie alone cannot enrol
 * another phone or remove the second factor. Each try counts against the account's code attempts
 * (./code-attempts), so the session cannot be used to guess the password either. Reads `password`
 * from the input; a missing or wrong one is refused and audited as a failed `action`.
 */
export async function confirmPassword(actor: Actor, action: string, input: unknown, now: Date) {
  const typed = currentPasswordSchema.safeParse((input as { password?: unknown } | null)?.password);
  if (!typed.success) {
    await refuse(actor, action, "no-password");
    const message = typed.error.issues[0]?.message ?? "Enter your password.";
    throw new AppError("VALIDATION", message, { fieldErrors: { password: [message] } });
  }
  const password = typed.data;
  const wait = await reserveCodeAttempt(actor.userId, now);
  const row = await db().user.findUnique({ where: { id: actor.userId }, select: { passwordHash: true } });
  const ok = wait === 0 && row?.passwordHash ? await verifyPassword(row.passwordHash, password) : false;
  if (ok) return;
  await refuse(actor, action, wait > 0 ? "code-attempts-used-up" : "wrong-password");
  if (wait > 0) throw new AppError("RATE_LIMITED", lockedMessage(wait), { retryAfterSeconds: wait });
  throw new AppError("VALIDATION", WRONG_PASSWORD, { fieldErrors: { password: [WRONG_PASSWORD] } });
}
