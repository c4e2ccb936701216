import { describe, expect, it } from "vitest";
import {
  ABSOLUTE_MS,
  CLIENT_IDLE_MS,
  evaluateSession,
  STAFF_IDLE_MS,
  shouldTouch,
} from "@/lib/domain/auth/session-policy";

const t0 = new Date("2026-03-01T08:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);
const session = (over: Partial<Parameters<typeof evaluateSession>[0]> = {}) => ({
  createdAt: t0,
  lastSeenAt: t0,
  revokedAt: null,
  sessionVersion: 3,
  ...over,
});
const user = (role: string, over: Partial<Parameters<typeof evaluateSession>[1]> = {}) => ({
  role,
  sessionVersion: 3,
  disabledAt: null,
  ...over,
});

describe("session lifetime (fake clock)", () => {
  it("signs staff out after 15 idle minutes, not before", () => {
    for (const role of ["THERAPIST", "PRESCRIBER", "ADMIN"]) {
      expect(evaluateSession(session(), user(role), at(STAFF_IDLE_MS - 1))).toBe("ok");
      expect(evaluateSession(session(), user(role), at(STAFF_IDLE_MS))).toBe("idle");
    }
    expect(STAFF_IDLE_MS).toBe(15 * 60_000);
  });

  it("gives clients 30 idle minutes", () => {
    expect(evaluateSession(session(), user("CLIENT"), at(STAFF_IDLE_MS + 1))).toBe("ok");
    expect(evaluateSession(session(), user("CLIENT"), at(CLIENT_IDLE_MS))).toBe("idle");
    expect(CLIENT_IDLE_MS).toBe(30 * 60_000);
  });

  it("ends any session 12 hours after sign-in, however active", () => {
    const active = session({ lastSeenAt: at(ABSOLUTE_MS - 60_000) });
    expect(evaluateSession(active, user("CLIENT"), at(ABSOLUTE_MS - 1))).toBe("ok");
    expect(evaluateSession(active, user("CLIENT"), at(ABSOLUTE_MS))).toBe("expired");
    expect(ABSOLUTE_MS).toBe(12 * 3_600_000);
  });

  it("ends sessions at once on sign-out, disable, and a new session version", () => {
    expect(evaluateSession(session({ revokedAt: t0 }), user("THERAPIST"), at(1000))).toBe("revoked");
    expect(evaluateSession(session(), user("THERAPIST", { disabledAt: t0 }), at(1000))).toBe("disabled");
    expect(evaluateSession(session(), user("THERAPIST", { sessionVersion: 4 }), at(1000))).toBe(
      "stale-version",
    );
  });

  it("records activity at most once a minute", () => {
    expect(shouldTouch(t0, at(59_999))).toBe(false);
    expect(shouldTouch(t0, at(60_000))).toBe(true);
  });
});
