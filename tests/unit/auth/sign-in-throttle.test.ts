import { describe, expect, it } from "vitest";
import {
  ACCOUNT_WINDOW_MS,
  accountRetryAfterSeconds,
  effectiveFailures,
  LOCKOUT_MS,
  MAX_CONSECUTIVE_FAILURES,
  retryAfterSeconds,
} from "@/lib/domain/auth/sign-in-throttle";

const now = new Date("2026-05-05T12:00:00Z");

describe("sign-in throttle", () => {
  it("allows attempts below 10 consecutive failures", () => {
    expect(retryAfterSeconds(null, now)).toBe(0);
    expect(retryAfterSeconds({ failures: MAX_CONSECUTIVE_FAILURES - 1, lastFailureAt: now }, now)).toBe(0);
  });

  it("blocks after 10 failures until 15 minutes after the last one", () => {
    const t = { failures: 10, lastFailureAt: now };
    expect(retryAfterSeconds(t, now)).toBe(900);
    expect(retryAfterSeconds(t, new Date(now.getTime() + LOCKOUT_MS - 1000))).toBe(1);
    expect(retryAfterSeconds(t, new Date(now.getTime() + LOCKOUT_MS))).toBe(0);
  });

  it("forgets failures older than the window", () => {
    expect(effectiveFailures({ failures: 7, lastFailureAt: now }, new Date(now.getTime() + LOCKOUT_MS))).toBe(
      0,
    );
    expect(effectiveFailures({ failures: 7, lastFailureAt: now }, now)).toBe(7);
  });

  it("holds an account over its hourly limit until the hour from its first failure is up", () => {
    const first = new Date(now.getTime() - 20 * 60_000);
    expect(accountRetryAfterSeconds({ failures: 99, firstFailureAt: first }, 100, now)).toBe(0);
    expect(accountRetryAfterSeconds({ failures: 100, firstFailureAt: first }, 100, now)).toBe(40 * 60);
    const later = new Date(first.getTime() + ACCOUNT_WINDOW_MS);
    expect(accountRetryAfterSeconds({ failures: 500, firstFailureAt: first }, 100, later)).toBe(0);
    expect(accountRetryAfterSeconds(null, 100, now)).toBe(0);
  });
});
