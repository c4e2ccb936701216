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

/**
 * The account limit (docs/security.md S7): failed sign-ins for one account from all
 * addresses together, counted in a window of an hour from the first one. Once over the
 * limit (SIGN_IN_ACCOUNT_LIMIT, default 100), only addresses that have signed in to the
 * account before keep trying, each still under its own limit above; everyone else waits
 * until the hour is up.
 */
export const ACCOUNT_WINDOW_MS = 60 * 60_000;
export const DEFAULT_ACCOUNT_LIMIT = 100;
/** How far back a successful sign-in makes an address known to the account. */
export const KNOWN_ADDRESS_MS = 90 * 24 * 60 * 60_000;
/** Counters stop growing here, so a flood of refused attempts never overflows them. */
export const COUNT_CAP = 1_000_000;

export type AccountWindow = { failures: number; firstFailureAt: Date | null } | null;

/** Seconds until the account's window ends when it is over the limit, else 0. */
export function accountRetryAfterSeconds(t: AccountWindow, limit: number, now: Date): number {
  if (!t?.firstFailureAt) return 0;
  const ends = t.firstFailureAt.getTime() + ACCOUNT_WINDOW_MS;
  if (ends <= now.getTime() || t.failures < limit) return 0;
  return Math.max(1, Math.ceil((ends - now.getTime()) / 1000));
}
