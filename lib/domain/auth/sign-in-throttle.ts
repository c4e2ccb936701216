/**
 * Sign-in throttling (docs/security.md S7): after 10 consecutive failures for one
 * account + IP, further attempts are refused for 15 minutes after the last one.
 * A success resets the count; failures older than the window are forgotten.
 */
export const MAX_CONSECUTIVE_FAILURES = 10;
export const LOCKOUT_MS = 15 * 60_000;
/**
 * Two-step sign-in (docs/security.md S5): after 5 wrong codes for one account (from any
 * IP) within the window, codes are refused until 15 minutes after the last one.
 */
export const MAX_CODE_FAILURES = 5;

export type ThrottleFacts = { failures: number; lastFailureAt: Date } | null;

export function effectiveFailures(t: ThrottleFacts, now: Date): number {
  if (!t) return 0;
  return now.getTime() - t.lastFailureAt.getTime() >= LOCKOUT_MS ? 0 : t.failures;
}

/** Seconds to wait before the next attempt, or 0 when an attempt may be made. */
export function retryAfterSeconds(t: ThrottleFacts, now: Date): number {
  if (!t || effectiveFailures(t, now) < MAX_CONSECUTIVE_FAILURES) return 0;
  return Math.max(1, Math.ceil((t.lastFailureAt.getTime() + LOCKOUT_MS - now.getTime()) / 1000));
}
