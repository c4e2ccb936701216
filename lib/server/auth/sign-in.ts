import "server-only";
import { spendVerifyTime, verifyPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/errors";
import { audit } from "@/lib/server/core/audit";
import { db } from "@/lib/server/core/db";
import { createAuthSession } from "./sessions";
import { type Refusal, releaseSignInAttempt, reserveSignInAttempt, signInRefusal } from "./sign-in-throttle";
import { checkSignInCode, SignInCodeError } from "./two-step";

const normalizeEmail = (email: string) => email.trim().toLowerCase();

/**
 * Audits a refused attempt (DENIED, rate-limited) and throws RATE_LIMITED (429 +
 * Retry-After). A refusal checks no password: it costs one indexed read and one
 * insert, no more than the attempt it refuses, so a flood of them is no lever.
 */
async function refuse(email: string, ip: string | null, refusal: Refusal): Promise<never> {
  const user = email
    ? await db().user.findUnique({ where: { email }, select: { id: true, role: true, practiceId: true } })
    : null;
  await audit(
    user ? { userId: user.id, role: user.role, practiceId: user.practiceId, ip } : null,
    {
      action: "auth.sign_in",
      recordType: "User",
      recordId: user?.id ?? null,
      outcome: "DENIED",
      detail: { reason: "rate-limited", limit: refusal.limit },
    },
    undefined,
    ip,
  );
  throw new AppError("RATE_LIMITED", "Too many failed sign-ins. Please wait and try again.", {
    retryAfterSeconds: refusal.waitSeconds,
  });
}

/**
 * Throws RATE_LIMITED (429 + Retry-After, audited) when the next attempt for this
 * account from this address would be refused. Counts nothing: the sign-in route asks
 * before next-auth runs; signInWithPassword counts and decides in one step.
 */
export async function assertSignInAllowed(emailInput: string, ip: string | null, now = new Date()) {
  const email = normalizeEmail(emailInput);
  const refusal = await signInRefusal(email, ip, now);
  if (refusal) await refuse(email, ip, refusal);
}

/**
 * Checks an e-mail and password. Unknown e-mail, wrong password and disabled
 * account all answer null after the same amount of work, so the answer says
 * nothing about which accounts exist. Every attempt is audited.
 *
 * With two-step sign-in on, a right password alone throws SignInCodeError
 * (MFA_REQUIRED): only someone who knows the password learns that a code is asked
 * for. A wrong or reused code throws MFA_INVALID, and MFA_LOCKED once the
 * account's code attempts are used up.
 */
export async function signInWithPassword(
  emailInput: string,
  password: string,
  ip: string | null,
  userAgent: string | null,
  now = new Date(),
  code?: string,
): Promise<{ userId: string; sessionId: string } | null> {
  const email = normalizeEmail(emailInput);
  const refusal = await reserveSignInAttempt(email, ip, now);
  if (refusal) await refuse(email, ip, refusal);
  const user = await db().user.findUnique({
    where: { email },
    select: {
      id: true,
      role: true,
      practiceId: true,
      passwordHash: true,
      disabledAt: true,
      sessionVersion: true,
    },
  });
  const ok = user?.passwordHash ? await verifyPassword(user.passwordHash, password) : false;
  if (!user?.passwordHash) await spendVerifyTime(password);

  if (!user || !ok || user.disabledAt) {
    await audit(
      user ? { userId: user.id, role: user.role, practiceId: user.practiceId, ip } : null,
      {
        action: "auth.sign_in",
        recordType: "User",
        recordId: user?.id ?? null,
        outcome: "FAILED",
        detail: { reason: !user ? "unknown-email" : user.disabledAt ? "disabled" : "wrong-password" },
      },
      undefined,
      ip,
    );
    return null;
  }

  await releaseSignInAttempt(email, ip);
  const codeProblem = await checkSignInCode(user, code, ip, now);
  if (codeProblem) throw new SignInCodeError(codeProblem);
  await db().user.update({ where: { id: user.id }, data: { lastSignInAt: now } });
  const sessionId = await createAuthSession(user, ip, userAgent);
  await audit(
    { userId: user.id, role: user.role, practiceId: user.practiceId, ip },
    {
      action: "auth.sign_in",
      recordType: "User",
      recordId: user.id,
    },
  );
  return { userId: user.id, sessionId };
}
