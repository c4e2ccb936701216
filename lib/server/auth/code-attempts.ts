import "server-only";
import { LOCKOUT_MS, MAX_CODE_FAILURES } from "@/lib/domain/auth/sign-in-throttle";
import { db } from "@/lib/server/core/db";
import { hashToken } from "@/lib/server/core/tokens";

/**
 * The per-account count of second-factor attempts (docs/security.md S5): authenticator codes,
 * recovery codes and the password asked again before the second factor changes all count here.
 */
export const codeThrottleKey = (userId: string) => hashToken(`mfa|${userId}`);

/**
 * Counts one attempt before it is checked, in one statement, so that parallel guesses cannot
 * slip past the cap. Answers the seconds to wait when the account has used up its attempts
 * (0 when this attempt may go ahead). Attempts made while locked do not extend the wait.
 */
export async function reserveCodeAttempt(userId: string, now: Date): Promise<number> {
  const key = codeThrottleKey(userId);
  const forgetBefore = new Date(now.getTime() - LOCKOUT_MS);
  const [row] = await db().$queryRaw<{ failures: number; lastFailureAt: Date }[]>`
    INSERT INTO "SignInThrottle" ("key", "failures", "lastFailureAt") VALUES (${key}, 1, ${now})
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE WHEN "SignInThrottle"."lastFailureAt" <= ${forgetBefore} THEN 1
                        ELSE "SignInThrottle"."failures" + 1 END,
      "lastFailureAt" = CASE WHEN "SignInThrottle"."lastFailureAt" <= ${forgetBefore}
                               OR "SignInThrottle"."failures" < ${MAX_CODE_FAILURES} THEN ${now}
                             ELSE "SignInThrottle"."lastFailureAt" END
    RETURNING "failures", "lastFailureAt"`;
  if (!row || row.failures <= MAX_CODE_FAILURES) return 0;
  return Math.max(1, Math.ceil((row.lastFailureAt.getTime() + LOCKOUT_MS - now.getTime()) / 1000));
}

export const clearCodeAttempts = (userId: string) =>
  db().signInThrottle.deleteMany({ where: { key: codeThrottleKey(userId) } });

export const lockedMessage = (seconds: number) =>
  `Too many wrong codes. Please wait ${Math.ceil(seconds / 60)} minutes and try again.`;
