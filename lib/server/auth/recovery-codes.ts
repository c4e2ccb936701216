import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { isStaff } from "@/lib/auth/permissions";
import { newRecoveryCodes } from "@/lib/auth/recovery-codes";
import { normalizeRecoveryCode } from "@/lib/domain/auth/recovery-codes";
import { AppError } from "@/lib/errors";
import { audit } from "@/lib/server/core/audit";
import { deniedAsNotFound } from "@/lib/server/core/authorize";
import { db, type Tx } from "@/lib/server/core/db";
import { parseOrThrow } from "@/lib/server/core/parse";
import { hashToken } from "@/lib/server/core/tokens";
import { transaction } from "@/lib/server/core/transaction";
import { regenerateRecoveryCodesSchema } from "@/lib/validation/two-step";
import { clearCodeAttempts, reserveCodeAttempt } from "./code-attempts";
import { confirmPassword } from "./reauthenticate";

/**
 * Recovery codes of two-step sign-in (docs/security.md S5): ten single-use codes with 50 random
 * bits each (lib/domain/auth/recovery-codes.ts), shown once and stored only as a SHA-256 bound
 * to the account. A code signs in instead of the authenticator's code, once.
 */

const recoveryCodeHash = (userId: string, normalized: string) =>
  hashToken(`mfa-recovery|${userId}|${normalized}`);

/** Replaces the account's recovery codes with ten new ones; answers them as they are shown, once. */
export async function makeRecoveryCodes(tx: Pick<Tx, "mfaRecoveryCode">, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.mfaRecoveryCode.deleteMany({ where: { userId } });
  await tx.mfaRecoveryCode.createMany({
    data: codes.map((code) => ({
      userId,
      codeHash: recoveryCodeHash(userId, normalizeRecoveryCode(code) ?? code),
    })),
  });
  return codes;
}

/** How many of the account's recovery codes are still unused. */
export const recoveryCodesLeft = (userId: string) =>
  db().mfaRecoveryCode.count({ where: { userId, usedAt: null } });

/**
 * Uses a recovery code at sign-in: the attempt is counted by the same per-account throttle as
 * authenticator codes, before the code is checked; the code is marked used by a conditional
 * update, so it works once even when replayed in parallel. The use is audited with how many
 * codes are left.
 */
export async function acceptRecoveryCode(
  user: { id: string; role: string; practiceId: string },
  typed: string,
  ip: string | null,
  now: Date,
): Promise<{ ok: true; left: number } | { ok: false; waitSeconds: number }> {
  const wait = await reserveCodeAttempt(user.id, now);
  if (wait > 0) return { ok: false, waitSeconds: wait };
  const normalized = normalizeRecoveryCode(typed);
  if (!normalized) return { ok: false, waitSeconds: 0 };
  const used = await db().mfaRecoveryCode.updateMany({
    where: { userId: user.id, codeHash: recoveryCodeHash(user.id, normalized), usedAt: null },
    data: { usedAt: now },
  });
  if (used.count !== 1) return { ok: false, waitSeconds: 0 };
  await clearCodeAttempts(user.id);
  const left = await recoveryCodesLeft(user.id);
  await audit(
    { userId: user.id, role: user.role as Actor["role"], practiceId: user.practiceId, ip },
    { action: "user.mfa_recovery_code_used", recordType: "User", recordId: user.id, detail: { left } },
  );
  return { ok: true, left };
}

/**
 * New recovery codes for the signed-in staff member, replacing the old ones; the password is
 * asked again, so a session alone cannot take them.
 */
export async function regenerateRecoveryCodes(
  actor: Actor,
  input: unknown,
  now = new Date(),
): Promise<{ recoveryCodes: string[] }> {
  const action = "user.mfa_recovery_codes";
  if (!isStaff(actor.role))
    await deniedAsNotFound(actor, { action, recordType: "User", recordId: actor.userId });
  const me = await db().user.findUniqueOrThrow({
    where: { id: actor.userId },
    select: { mfaEnabledAt: true },
  });
  if (!me.mfaEnabledAt) throw new AppError("CONFLICT", "Two-step sign-in is not on.");
  await confirmPassword(actor, action, input, now);
  parseOrThrow(regenerateRecoveryCodesSchema, input);
  const recoveryCodes = await transaction(actor, async (tx) => {
    const codes = await makeRecoveryCodes(tx, actor.userId);
    await audit(actor, { action, recordType: "User", recordId: actor.userId }, tx);
    return codes;
  });
  return { recoveryCodes };
}
