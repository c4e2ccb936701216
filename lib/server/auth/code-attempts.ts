import "server-only";
import { LOCKOUT_MS, MAX_CODE_FAILURES } from "@/lib/domain/auth/sign-in-throttle";
import { db } from "@/lib/server/core/db";
import { hashToken } from "@/lib/server/core/tokens";
import { reserveAttempt } from "./attempt-limits";

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
export const reserveCodeAttempt = (userId: string, now: Date): Promise<number> =>
  reserveAttempt("mfa", userId, MAX_CODE_FAILURES, LOCKOUT_MS, now);

export const clearCodeAttempts = (userId: string) =>
  db().signInThrottle.deleteMany({ where: { key: codeThrottleKey(userId) } });

export const lockedMessage = (seconds: number) =>
  `Too many wrong codes. Please wait ${Math.ceil(seconds / 60)} minutes and try again.`;
