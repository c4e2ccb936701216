import "server-only";
import { hashPassword } from "@/lib/auth/password";
import { assertNewPasswordAllowed } from "@/lib/auth/password-policy";
import type { Role } from "@/lib/auth/permissions";
import {
  RESET_REQUESTS_PER_EMAIL,
  RESET_REQUESTS_PER_IP,
  RESET_WINDOW_MS,
  type ResetLinkStatus,
  resetLinkExpiry,
  resetLinkStatus,
} from "@/lib/domain/auth/reset-link";
import { AppError } from "@/lib/errors";
import { audit } from "@/lib/server/core/audit";
import { db } from "@/lib/server/core/db";
import { parseOrThrow } from "@/lib/server/core/parse";
import { hashToken, newToken } from "@/lib/server/core/tokens";
import { transaction } from "@/lib/server/core/transaction";
import { sendAfterCommit } from "@/lib/server/mail/send-mail";
import {
  type RequestPasswordResetInput,
  type ResetPasswordInput,
  requestPasswordResetSchema,
  resetPasswordSchema,
} from "@/lib/validation/auth";
import { reserveAttempt } from "./attempt-limits";
import { passwordChangedMail, passwordResetMail } from "./password-mail";

/**
 * Password reset by e-mail (docs/security.md S9, S13). A link is a 256-bit token
 * of which only the SHA-256 is stored; it works once, for 30 minutes, and a newer
 * link or a password change ends it. Rows are never deleted: a link ends by being
 * marked used or revoked.
 */

const SENT = "If an account uses that address, we have sent it a link to choose a new password.";

/**
 * Asks for a reset link. The answer is the same whether or not the address has an
 * account (or is disabled): both count against the same limits, do the same
 * lookups and write an audit row, and the e-mail leaves in the background, so the
 * time of the answer does not wait for mail either. `delivered` settles once the
 * mail is handed over (tests wait on it; the action does not).
 */
export async function requestPasswordReset(
  input: RequestPasswordResetInput,
  ip: string | null,
  now = new Date(),
): Promise<{ message: string; delivered: Promise<void> }> {
  const { email } = parseOrThrow(requestPasswordResetSchema, input);
  const waits = [
    await reserveAttempt("reset-email", email, RESET_REQUESTS_PER_EMAIL, RESET_WINDOW_MS, now),
    await reserveAttempt("reset-ip", ip ?? "-", RESET_REQUESTS_PER_IP, RESET_WINDOW_MS, now),
  ];
  const wait = Math.max(...waits);
  if (wait > 0) {
    await audit(
      null,
      {
        action: "auth.password_reset_request",
        recordType: "User",
        outcome: "DENIED",
        detail: { reason: "too-many-requests" },
      },
      undefined,
      ip,
    );
    throw new AppError(
      "RATE_LIMITED",
      `Too many requests for a reset link. Please wait ${Math.ceil(wait / 60)} minutes and try again.`,
      { retryAfterSeconds: wait },
    );
  }

  const user = await db().user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true, practiceId: true, disabledAt: true },
  });
  if (!user || user.disabledAt) {
    await audit(
      user ? { userId: user.id, role: user.role, practiceId: user.practiceId, ip } : null,
      {
        action: "auth.password_reset_request",
        recordType: "User",
        recordId: user?.id ?? null,
        outcome: "FAILED",
        detail: { reason: user ? "disabled" : "unknown-email" },
      },
      undefined,
      ip,
    );
    return { message: SENT, delivered: Promise.resolve() };
  }

  const token = newToken();
  await transaction(null, async (tx) => {
    // Only the newest link works.
    await tx.passwordReset.updateMany({
      where: { userId: user.id, usedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    const link = await tx.passwordReset.create({
      data: {
        userId: user.id,
        tokenHash: hashToken(token),
        createdAt: now,
        expiresAt: resetLinkExpiry(now),
        ip,
      },
      select: { id: true },
    });
    await audit(
      { userId: user.id, role: user.role, practiceId: user.practiceId, ip },
      { action: "auth.password_reset_request", recordType: "PasswordReset", recordId: link.id },
      tx,
    );
  });
  const delivered = sendAfterCommit(`User ${user.id}`, passwordResetMail(user, token));
  return { message: SENT, delivered };
}

export type ResetLinkPreview =
  | { status: Exclude<ResetLinkStatus, "valid"> | "unknown" }
  | { status: "valid"; email: string };

/** What the reset page shows for a link: whether it still works, and for which address. */
export async function previewPasswordReset(token: string, now = new Date()): Promise<ResetLinkPreview> {
  if (token.length < 20 || token.length > 200) return { status: "unknown" };
  const link = await db().passwordReset.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      usedAt: true,
      revokedAt: true,
      expiresAt: true,
      user: { select: { email: true, disabledAt: true } },
    },
  });
  if (!link || link.user.disabledAt) return { status: "unknown" };
  const status = resetLinkStatus(link, now);
  return status === "valid" ? { status, email: link.user.email } : { status };
}

const GONE: Record<Exclude<ResetLinkStatus, "valid"> | "unknown", string> = {
  used: "This link has been used already. Ask for a new one if you still need it.",
  expired: "This link has expired: links work for 30 minutes. Ask for a new one.",
  replaced:
    "A newer link was sent, or your password was changed since. Use the newest link, or ask for a new one.",
  unknown: "This link is not valid. Check the link in your e-mail, or ask for a new one.",
};
export const resetLinkMessage = (status: keyof typeof GONE) => GONE[status];

/**
 * Sets a new password from a reset link. The link is claimed with a conditional
 * update, so it works exactly once even when two requests race. Every session
 * of the account ends (the person then signs in with the new password, and the
 * two-step code if it is on). Audited; the person gets a notice by e-mail.
 */
export async function resetPassword(input: ResetPasswordInput, ip: string | null, now = new Date()) {
  const data = parseOrThrow(resetPasswordSchema, input);
  const tokenHash = hashToken(data.token);
  const link = await db().passwordReset.findUnique({
    where: { tokenHash },
    select: {
      id: true,
      usedAt: true,
      revokedAt: true,
      expiresAt: true,
      user: { select: { id: true, email: true, name: true, role: true, practiceId: true, disabledAt: true } },
    },
  });
  const status = !link || link.user.disabledAt ? "unknown" : resetLinkStatus(link, now);
  if (!link || status !== "valid") {
    await audit(
      null,
      {
        action: "auth.password_reset",
        recordType: "PasswordReset",
        recordId: link?.id ?? null,
        outcome: "FAILED",
        detail: { reason: status },
      },
      undefined,
      ip,
    );
    throw new AppError("NOT_FOUND", resetLinkMessage(status === "valid" ? "unknown" : status));
  }
  const { user } = link;
  assertNewPasswordAllowed(data.password, user);
  const passwordHash = await hashPassword(data.password);
  const who = { userId: user.id, role: user.role as Role, practiceId: user.practiceId, ip };

  await transaction(who, async (tx) => {
    const claimed = await tx.passwordReset.updateMany({
      where: { id: link.id, usedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (claimed.count !== 1) throw new AppError("NOT_FOUND", resetLinkMessage("used"));
    await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, sessionVersion: { increment: 1 } },
    });
    const ended = await tx.authSession.updateMany({
      where: { userId: user.id, revokedAt: null },
      data: { revokedAt: now },
    });
    await tx.passwordReset.updateMany({
      where: { userId: user.id, usedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    await audit(
      who,
      {
        action: "auth.password_reset",
        recordType: "PasswordReset",
        recordId: link.id,
        detail: { sessionsEnded: ended.count },
      },
      tx,
    );
  });
  await sendAfterCommit(`User ${user.id}`, passwordChangedMail(user, "reset"));
  return { email: user.email };
}
