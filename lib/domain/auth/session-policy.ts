/**
 * Session lifetime rules (docs/security.md S4), pure so they can be tested with a fake clock.
 * Staff are signed out after 15 idle minutes, clients after 30; nobody stays
 * signed in for more than 12 hours; sign-out everywhere, disabling and a role
 * change (all of which bump the user's session version) end a session at once.
 */
export const STAFF_IDLE_MS = 15 * 60_000;
export const CLIENT_IDLE_MS = 30 * 60_000;
export const ABSOLUTE_MS = 12 * 60 * 60_000;
/** lastSeenAt is written at most this often, to spare the database a write per request. */
export const TOUCH_EVERY_MS = 60_000;

export type SessionState = "ok" | "revoked" | "idle" | "expired" | "stale-version" | "disabled";

export type SessionFacts = {
  createdAt: Date;
  lastSeenAt: Date;
  revokedAt: Date | null;
  sessionVersion: number;
};

export type UserFacts = {
  role: string;
  sessionVersion: number;
  disabledAt: Date | null;
};

export const idleLimitFor = (role: string) => (role === "CLIENT" ? CLIENT_IDLE_MS : STAFF_IDLE_MS);

export function evaluateSession(s: SessionFacts, u: UserFacts, now: Date): SessionState {
  if (s.revokedAt) return "revoked";
  if (u.disabledAt) return "disabled";
  if (s.sessionVersion !== u.sessionVersion) return "stale-version";
  if (now.getTime() - s.createdAt.getTime() >= ABSOLUTE_MS) return "expired";
  if (now.getTime() - s.lastSeenAt.getTime() >= idleLimitFor(u.role)) return "idle";
  return "ok";
}

export const shouldTouch = (lastSeenAt: Date, now: Date) =>
  now.getTime() - lastSeenAt.getTime() >= TOUCH_EVERY_MS;
