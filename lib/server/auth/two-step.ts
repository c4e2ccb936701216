import "server-only";
import { renderSVG } from "uqr";
import type { Actor } from "@/lib/auth/actor";
import { isStaff } from "@/lib/auth/permissions";
import { base32Decode, base32Encode, matchTotp, newTotpSecret, otpauthUri } from "@/lib/auth/totp";
import { normalizeRecoveryCode } from "@/lib/domain/auth/recovery-codes";
import { AppError } from "@/lib/errors";
import { audit } from "@/lib/server/core/audit";
import { authorize, deniedAsNotFound } from "@/lib/server/core/authorize";
import { db } from "@/lib/server/core/db";
import { parseOrThrow } from "@/lib/server/core/parse";
import { seal, unseal } from "@/lib/server/core/seal";
import { transaction } from "@/lib/server/core/transaction";
import { mfaChangeSchema, resetMfaSchema } from "@/lib/validation/two-step";
import { clearCodeAttempts, codeThrottleKey, lockedMessage, reserveCodeAttempt } from "./code-attempts";
import { confirmPassword } from "./reauthenticate";
import { acceptRecoveryCode, makeRecoveryCodes, recoveryCodesLeft } from "./recovery-codes";

/**
 * Two-step sign-in for staff (docs/security.md S5): a TOTP secret per user, sealed at
 * rest; every accepted code moves the user's last step on, so a code works once;
 * wrong codes are counted per account and capped (./code-attempts). Ten recovery codes
 * (./recovery-codes) stand in for the phone; changing the second factor asks for the password
 * again (./reauthenticate).
 */

/* Secrets are sealed at rest (see ./seal), so a database copy alone does not give the codes away. */
const MFA_SECRET = "kapstone mfa secret";

export const sealSecret = (secret: string): string => seal(MFA_SECRET, secret);

export const unsealSecret = (sealed: string): string => unseal(MFA_SECRET, sealed);

/** The secret's key, or null when it cannot be unsealed (NEXTAUTH_SECRET changed): no code matches then. */
function keyOf(sealed: string): Buffer | null {
  try {
    return base32Decode(unsealSecret(sealed));
  } catch {
    return null;
  }
}

/**
 * Checks a code for a user: counts the attempt, refuses a code of a step already
 * used, and on success records the step (only if no other request took it first).
 */
async function acceptCode(
  userId: string,
  sealed: string,
  lastStep: number | null,
  code: string,
  now: Date,
): Promise<{ ok: true; step: number } | { ok: false; waitSeconds: number }> {
  const wait = await reserveCodeAttempt(userId, now);
  if (wait > 0) return { ok: false, waitSeconds: wait };
  const key = keyOf(sealed);
  const step = key ? matchTotp(key, code, now.getTime(), lastStep) : null;
  if (step === null) return { ok: false, waitSeconds: 0 };
  const taken = await db().user.updateMany({
    where: { id: userId, mfaSecret: sealed, OR: [{ mfaLastStep: null }, { mfaLastStep: { lt: step } }] },
    data: { mfaLastStep: step },
  });
  if (taken.count !== 1) return { ok: false, waitSeconds: 0 };
  await clearCodeAttempts(userId);
  return { ok: true, step };
}

const WRONG_CODE = "That code is not right, or it has been used already. Enter the current code.";

// ── Sign-in ─────────────────────────────────────────────────────────────────

export type SignInCodeProblem = "MFA_REQUIRED" | "MFA_INVALID" | "MFA_LOCKED";

/** Why a right password did not sign someone in: next-auth passes `reason` to the form. */
export class SignInCodeError extends Error {
  constructor(readonly reason: SignInCodeProblem) {
    super(reason);
    this.name = "SignInCodeError";
  }
}

/**
 * The second step of signing in, for a user whose password was right: null when
 * the code is accepted, otherwise what is wrong (audited as a failed sign-in).
 * `code` is the authenticator's 6 digits or, instead, one of the account's
 * recovery codes (anything else is a wrong code, counted like one).
 */
export async function checkSignInCode(
  user: { id: string; role: string; practiceId: string },
  code: string | undefined,
  ip: string | null,
  now: Date,
): Promise<SignInCodeProblem | null> {
  const row = await db().user.findUnique({
    where: { id: user.id },
    select: { mfaSecret: true, mfaEnabledAt: true, mfaLastStep: true },
  });
  if (!row?.mfaSecret || !row.mfaEnabledAt) return null;
  if (!code) return "MFA_REQUIRED";
  const result = /^\d{6}$/.test(code)
    ? await acceptCode(user.id, row.mfaSecret, row.mfaLastStep, code, now)
    : normalizeRecoveryCode(code)
      ? await acceptRecoveryCode(user, code, ip, now)
      : await acceptCode(user.id, row.mfaSecret, row.mfaLastStep, code, now);
  if (result.ok) return null;
  const problem = result.waitSeconds > 0 ? "MFA_LOCKED" : "MFA_INVALID";
  await audit(
    { userId: user.id, role: user.role as Actor["role"], practiceId: user.practiceId, ip },
    {
      action: "auth.sign_in",
      recordType: "User",
      recordId: user.id,
      outcome: "FAILED",
      detail: { reason: problem === "MFA_LOCKED" ? "code-attempts-used-up" : "wrong-code" },
    },
  );
  return problem;
}

// ── The staff member's own settings ──────────────────────────────────────────

const ISSUER = "Kapstone";

/** Two-step sign-in is for staff: anyone else gets the not-found of a page they may not see. */
async function requireStaffActor(actor: Actor, action: string) {
  if (!isStaff(actor.role))
    await deniedAsNotFound(actor, { action, recordType: "User", recordId: actor.userId });
}

async function ownMfa(actor: Actor) {
  return db().user.findUniqueOrThrow({
    where: { id: actor.userId },
    select: { mfaSecret: true, mfaEnabledAt: true, mfaLastStep: true, email: true },
  });
}

export type SecurityStatus =
  | { state: "on"; enabledAt: Date; recoveryCodesLeft: number }
  | { state: "off" }
  | { state: "pending"; secret: string; uri: string; qrSvg: string };

/** What the account security page shows: on, off, or a new secret waiting for its first code. */
export async function getSecurityStatus(actor: Actor): Promise<SecurityStatus> {
  await requireStaffActor(actor, "user.mfa_read");
  const me = await ownMfa(actor);
  await audit(actor, { action: "user.mfa_read", recordType: "User", recordId: actor.userId });
  if (me.mfaEnabledAt)
    return {
      state: "on",
      enabledAt: me.mfaEnabledAt,
      recoveryCodesLeft: await recoveryCodesLeft(actor.userId),
    };
  const key = me.mfaSecret ? keyOf(me.mfaSecret) : null;
  // A secret sealed under another NEXTAUTH_SECRET cannot be shown: the set-up starts over.
  if (!key) return { state: "off" };
  const secret = base32Encode(key);
  const uri = otpauthUri(ISSUER, me.email, secret);
  return { state: "pending", secret, uri, qrSvg: renderSVG(uri, { border: 2 }) };
}

/** Makes a new secret (replacing one not yet confirmed); it works only once a code confirms it. */
export async function startMfaSetup(actor: Actor) {
  await requireStaffActor(actor, "user.mfa_setup");
  const me = await ownMfa(actor);
  if (me.mfaEnabledAt) throw new AppError("CONFLICT", "Two-step sign-in is already on.");
  await transaction(actor, async (tx) => {
    await tx.user.update({
      where: { id: actor.userId },
      data: { mfaSecret: sealSecret(newTotpSecret()), mfaEnabledAt: null, mfaLastStep: null },
    });
    await audit(actor, { action: "user.mfa_setup", recordType: "User", recordId: actor.userId }, tx);
  });
}

const codeError = (message: string) =>
  new AppError("VALIDATION", message, { fieldErrors: { code: [message] } });

async function refuseCode(actor: Actor, action: string, waitSeconds: number): Promise<never> {
  await audit(actor, {
    action,
    recordType: "User",
    recordId: actor.userId,
    outcome: "FAILED",
    detail: { reason: waitSeconds > 0 ? "code-attempts-used-up" : "wrong-code" },
  });
  if (waitSeconds > 0)
    throw new AppError("RATE_LIMITED", lockedMessage(waitSeconds), { retryAfterSeconds: waitSeconds });
  throw codeError(WRONG_CODE);
}

/**
 * Turns two-step sign-in on once the password (asked again) and a code of the new
 * secret are right, and answers ten new recovery codes, shown this once. Sessions on
 * other devices were opened with the password alone: they end; this one carries on.
 */
export async function enableMfa(
  actor: Actor,
  input: unknown,
  now = new Date(),
): Promise<{ recoveryCodes: string[] }> {
  await requireStaffActor(actor, "user.mfa_enable");
  const me = await ownMfa(actor);
  if (me.mfaEnabledAt) throw new AppError("CONFLICT", "Two-step sign-in is already on.");
  if (!me.mfaSecret) throw new AppError("CONFLICT", "Start the set-up again: there is no secret to confirm.");
  await confirmPassword(actor, "user.mfa_enable", input, now);
  const { code } = parseOrThrow(mfaChangeSchema, input);
  const result = await acceptCode(actor.userId, me.mfaSecret, me.mfaLastStep, code, now);
  if (!result.ok) return refuseCode(actor, "user.mfa_enable", result.waitSeconds);
  return transaction(actor, async (tx) => {
    const user = await tx.user.update({
      where: { id: actor.userId },
      data: { mfaEnabledAt: now, sessionVersion: { increment: 1 } },
      select: { sessionVersion: true },
    });
    await tx.authSession.updateMany({
      where: { userId: actor.userId, revokedAt: null, id: { not: actor.sessionId } },
      data: { revokedAt: now },
    });
    await tx.authSession.updateMany({
      where: { id: actor.sessionId, userId: actor.userId },
      data: { sessionVersion: user.sessionVersion },
    });
    const recoveryCodes = await makeRecoveryCodes(tx, actor.userId);
    await audit(actor, { action: "user.mfa_enable", recordType: "User", recordId: actor.userId }, tx);
    return { recoveryCodes };
  });
}

/**
 * Turns two-step sign-in off (its recovery codes go with it): the password, asked
 * again, and a current code prove that the owner and the phone are at hand.
 */
export async function disableMfa(actor: Actor, input: unknown, now = new Date()) {
  await requireStaffActor(actor, "user.mfa_disable");
  const me = await ownMfa(actor);
  if (!me.mfaEnabledAt || !me.mfaSecret) throw new AppError("CONFLICT", "Two-step sign-in is not on.");
  await confirmPassword(actor, "user.mfa_disable", input, now);
  const { code } = parseOrThrow(mfaChangeSchema, input);
  const result = await acceptCode(actor.userId, me.mfaSecret, me.mfaLastStep, code, now);
  if (!result.ok) return refuseCode(actor, "user.mfa_disable", result.waitSeconds);
  await transaction(actor, async (tx) => {
    await tx.user.update({
      where: { id: actor.userId },
      data: { mfaSecret: null, mfaEnabledAt: null, mfaLastStep: null },
    });
    await tx.mfaRecoveryCode.deleteMany({ where: { userId: actor.userId } });
    await audit(actor, { action: "user.mfa_disable", recordType: "User", recordId: actor.userId }, tx);
  });
}

// ── An admin, for a staff member who lost their phone ────────────────────────

/**
 * Clears a staff member's two-step sign-in (and recovery codes) and signs them out everywhere.
 * Where the practice requires two-step sign-in, they set it up again at their next sign-in.
 */
export async function resetMfa(actor: Actor, input: unknown) {
  await authorize(actor, "manage", "user");
  const { userId } = parseOrThrow(resetMfaSchema, input);
  const user = await db().user.findFirst({
    where: { id: userId, practiceId: actor.practiceId },
    select: { id: true, mfaEnabledAt: true, mfaSecret: true },
  });
  if (!user)
    return deniedAsNotFound(actor, { action: "user.mfa_reset", recordType: "User", recordId: userId });
  if (user.id === actor.userId)
    throw new AppError("VALIDATION", "Turn your own two-step sign-in off from Account security.");
  if (!user.mfaEnabledAt && !user.mfaSecret)
    throw new AppError("CONFLICT", "This person does not use two-step sign-in.");
  await transaction(actor, async (tx) => {
    await tx.user.update({
      where: { id: user.id },
      data: { mfaSecret: null, mfaEnabledAt: null, mfaLastStep: null, sessionVersion: { increment: 1 } },
    });
    await tx.authSession.updateMany({
      where: { userId: user.id, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    await tx.mfaRecoveryCode.deleteMany({ where: { userId: user.id } });
    await tx.signInThrottle.deleteMany({ where: { key: codeThrottleKey(user.id) } });
    await audit(actor, { action: "user.mfa_reset", recordType: "User", recordId: user.id }, tx);
  });
}
