import "server-only";
import { spendVerifyTime, verifyPassword } from "@/lib/auth/password";
import { effectiveFailures, retryAfterSeconds } from "@/lib/domain/auth/sign-in-throttle";
import { AppError } from "@/lib/errors";
import { audit } from "@/lib/server/core/audit";
import { db } from "@/lib/server/core/db";
import { hashToken } from "@/lib/server/core/tokens";
import { createAuthSession } from "./sessions";
import { checkSignInCode, SignInCodeError } from "./two-step";

const throttleKey = (email: string, ip: string | null) => hashToken(`${email}|${ip ?? "-"}`);

/** Throws RATE_LIMITED (429 + Retry-After) when this account + IP must wait. */
export async function assertSignInAllowed(email: string, ip: string | null, now = new Date()) {
  const t = await db().signInThrottle.findUnique({ where: { key: throttleKey(email, ip) } });
  const wait = retryAfterSeconds(t, now);
  if (wait > 0) {
    throw new AppError("RATE_LIMITED", "Too many failed sign-ins. Please wait and try again.", {
      retryAfterSeconds: wait,
    });
  }
}

async function recordFailure(email: string, ip: string | null, now: Date) {
  const key = throttleKey(email, ip);
  const t = await db().signInThrottle.findUnique({ where: { key } });
  const failures = effectiveFailures(t, now) + 1;
  await db().signInThrottle.upsert({
    where: { key },
    create: { key, failures, lastFailureAt: now },
    update: { failures, lastFailureAt: now },
  });
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
  const email = emailInput.trim().toLowerCase();
  await assertSignInAllowed(email, ip, now);
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
    await recordFailure(email, ip, now);
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

  await db().signInThrottle.deleteMany({ where: { key: throttleKey(email, ip) } });
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
