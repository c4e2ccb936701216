/**
 * Honest times on the dosing record (docs/clinical-rules.md §3, "Times on the dosing record").
 * A dose, a reading, an adverse event or a discharge happens during the session: no earlier
 * than 15 minutes before it starts (the baseline is taken while the client settles in) and no
 * later than now, give or take 2 minutes between the clocks of the room and of the server.
 * Anything charted more than 15 minutes after it happened is a late entry and says why.
 * These values are fixed in code.
 */

/** How long before the session starts an entry may lie (the baseline reading, the checks). */
export const EARLIEST_BEFORE_START_MINUTES = 15;
/** How far ahead of the server's clock an entry may lie (a wall clock a little fast). */
export const FUTURE_TOLERANCE_MINUTES = 2;
/** An entry whose time is more than this before now is a late entry, which needs a reason. */
export const LATE_AFTER_MINUTES = 15;
/** The shortest reason a late entry accepts. */
export const LATE_REASON_MIN_LENGTH = 5;

const MINUTE = 60_000;

export type EntryTimeProblem = {
  code: "before-session" | "in-future" | "late-without-reason";
  /** Which field the problem belongs on: the entry's time, or its late reason. */
  field: "at" | "lateReason";
  message: string;
};

export type EntryTimeFacts = {
  /** When the session started: the earlier of its planned start and the moment the dosing day was begun. */
  sessionStartsAt: Date;
  /** The time the entry gives for what happened. */
  at: Date;
  /** The server's clock. */
  now: Date;
  /** The reason given for a late entry, if any. */
  lateReason?: string | null;
};

export type EntryTimeCheck = { problems: EntryTimeProblem[]; late: boolean };

/** The earliest and latest times an entry may give, and the time before which it is late. */
export function entryWindow(sessionStartsAt: Date, now: Date) {
  return {
    earliest: new Date(sessionStartsAt.getTime() - EARLIEST_BEFORE_START_MINUTES * MINUTE),
    latest: new Date(now.getTime() + FUTURE_TOLERANCE_MINUTES * MINUTE),
    lateBefore: new Date(now.getTime() - LATE_AFTER_MINUTES * MINUTE),
  };
}

/** More than 15 minutes before now: exactly 15 minutes is not late yet. */
export const isLateEntry = (at: Date, now: Date) =>
  at.getTime() < now.getTime() - LATE_AFTER_MINUTES * MINUTE;

/** True when a late entry's reason is long enough (after trimming). */
export const hasLateReason = (reason: string | null | undefined) =>
  (reason ?? "").trim().length >= LATE_REASON_MIN_LENGTH;

/**
 * Checks the time an entry gives. Both limits are inclusive: exactly 15 minutes before the
 * session starts, and exactly 2 minutes ahead of now, are accepted. A late entry needs a reason
 * of at least 5 characters; an entry outside the window is refused whatever the reason.
 */
export function checkEntryTime(f: EntryTimeFacts): EntryTimeCheck {
  const { earliest, latest } = entryWindow(f.sessionStartsAt, f.now);
  const problems: EntryTimeProblem[] = [];
  const at = f.at.getTime();
  if (at < earliest.getTime()) {
    problems.push({
      code: "before-session",
      field: "at",
      message: `This time is before the session: enter a time from ${EARLIEST_BEFORE_START_MINUTES} minutes before it started.`,
    });
  }
  if (at > latest.getTime()) {
    problems.push({
      code: "in-future",
      field: "at",
      message: "This time is in the future: enter when it happened.",
    });
  }
  const late = problems.length === 0 && isLateEntry(f.at, f.now);
  if (late && !hasLateReason(f.lateReason)) {
    problems.push({
      code: "late-without-reason",
      field: "lateReason",
      message: `This is a late entry (more than ${LATE_AFTER_MINUTES} minutes ago): say why it is charted now.`,
    });
  }
  return { problems, late };
}

/** The problems as field errors, the time's problems under `timeField`. */
export function entryTimeFieldErrors(problems: EntryTimeProblem[], timeField: string) {
  const out: Record<string, string[]> = {};
  for (const p of problems) {
    const key = p.field === "at" ? timeField : "lateReason";
    out[key] = [...(out[key] ?? []), p.message];
  }
  return out;
}
