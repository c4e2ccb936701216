import type { SessionKind, SessionStatus } from "./protocol";

/**
 * How a session that has not finished may be closed (docs/clinical-rules.md §3a, "A given dose
 * always counts"). The same answer picks the buttons of the session panel and is what the server
 * accepts:
 * - a session without any dose given may be cancelled or marked a no-show, with a reason;
 * - a dosing session in progress in which a dose was given (for any participant) can only be
 *   ended early, with a reason: cancelling it would make the dose look as if it never happened;
 * - anything else (finished, cancelled, ended) is closed already.
 */
export type SessionClosing = "cancel" | "end-early" | "closed";

/** The shortest reason for ending a dosing session early. */
export const END_EARLY_MIN_REASON_LENGTH = 10;

const OPEN: ReadonlySet<SessionStatus> = new Set(["SCHEDULED", "CONFIRMED", "IN_PROGRESS"]);

export function sessionClosing(s: {
  kind: SessionKind | string;
  status: SessionStatus | string;
  /** A dose is recorded as given in this session, for any participant. */
  doseGiven: boolean;
}): SessionClosing {
  if (!OPEN.has(s.status as SessionStatus)) return "closed";
  if (!s.doseGiven) return "cancel";
  return s.kind === "DOSING" && s.status === "IN_PROGRESS" ? "end-early" : "closed";
}

/** Preparation and integration of a couple: each partner's attendance is recorded on completion. */
export function needsAttendance(s: { kind: SessionKind | string; seriesKind: string }): boolean {
  return s.seriesKind === "COUPLE" && (s.kind === "PREPARATION" || s.kind === "INTEGRATION");
}
