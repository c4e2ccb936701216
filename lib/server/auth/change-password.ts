import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { assertNewPasswordAllowed } from "@/lib/auth/password-policy";
import { PASSWORD_CHANGE_FAILURES, RESET_WINDOW_MS } from "@/lib/domain/auth/reset-link";
import { AppError } from "@/lib/errors";
import { audit } from "@/lib/server/core/audit";
import { db } from "@/lib/server/core/db";
import { parseOrThrow } from "@/lib/server/core/parse";
import { transaction } from "@/lib/server/core/transaction";
import { sendAfterCommit } from "@/lib/server/mail/send-mail";
import { type ChangePasswordInput, changePasswordSchema } from "@/lib/validation/auth";
import { clearAttempts, reserveAttempt } from "./attempt-limits";
import { passwordChangedMail } from "./password-mail";

const WRONG_CURRENT = "That is not your current password.";

/**
 * Changes the signed-in person's own password (docs/security.md S13). Anyone
 * signed in may change their own, and only their own: the account is the
 * actor's, never one named in the input. It needs the current password (so a
 * borrowed session alone cannot), wrong ones are capped per account, and the new
 * one must pass the password rules. Every other session of the account ends;
 * this one stays. Audited, and the person gets a notice by e-mail.
 */
export async function changePassword(actor: Actor, input: ChangePasswordInput, now = new Date()) {
  const data = parseOrThrow(changePasswordSchema, input);
  const user = await db().user.findUnique({
    where: { id: actor.userId },
    select: { id: true, email: true, name: true, practiceId: true, passwordHash: true, disabledAt: true },
  });
  if (!user?.passwordHash || user.disabledAt) throw new AppError("UNAUTHENTICATED", "Please sign in.");

  const wait = await reserveAttempt(
    "password-change",
    user.id,
    PASSWORD_CHANGE_FAILURES,
    RESET_WINDOW_MS,
    now,
  );
  if (wait > 0) {
    await audit(actor, {
      action: "auth.password_change",
      recordType: "User",
      recordId: user.id,
      outcome: "DENIED",
      detail: { reason: "attempts-used-up" },
    });
    throw new AppError(
      "RATE_LIMITED",
      `Too many wrong passwords. Please wait ${Math.ceil(wait / 60)} minutes and try again.`,
      { retryAfterSeconds: wait },
    );
  }
  if (!(await verifyPassword(user.passwordHash, data.currentPassword))) {
    await audit(actor, {
      action: "auth.password_change",
      recordType: "User",
      recordId: user.id,
      outcome: "FAILED",
      detail: { reason: "wrong-current-password" },
    });
    throw new AppError("VALIDATION", "Your password was not changed.", {
      fieldErrors: { currentPassword: [WRONG_CURRENT] },
    });
  }
  await clearAttempts("password-change", user.id);
  assertNewPasswordAllowed(data.password, user);
  if (data.password === data.currentPassword) {
    throw new AppError("VALIDATION", "Please choose another password.", {
      fieldErrors: { password: ["Choose a password different from your current one."] },
    });
  }
  const passwordHash = await hashPassword(data.password);

  await transaction(actor, async (tx) => {
    const updated = await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, sessionVersion: { increment: 1 } },
      select: { sessionVersion: true },
    });
    // This browser's session moves to the new version; every other one ends.
    await tx.authSession.updateMany({
      where: { id: actor.sessionId, userId: user.id, revokedAt: null },
      data: { sessionVersion: updated.sessionVersion },
    });
    const ended = await tx.authSession.updateMany({
      where: { userId: user.id, revokedAt: null, id: { not: actor.sessionId } },
      data: { revokedAt: now },
    });
    // Reset links asked for earlier stop working: the password they would replace is gone.
    await tx.passwordReset.updateMany({
      where: { userId: user.id, usedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    await audit(
      actor,
      {
        action: "auth.password_change",
        recordType: "User",
        recordId: user.id,
        detail: { otherSessionsEnded: ended.count },
      },
      tx,
    );
  });
  await sendAfterCommit(`User ${user.id}`, passwordChangedMail(user, "changed"));
  return null;
}
