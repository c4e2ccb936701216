import { tz, tzOffset } from "@date-fns/tz";
import { format, getDay } from "date-fns";

/**
 * Wall-clock time in a practice's time zone (docs/architecture.md rule 8). Instants are plain `Date`s (UTC);
 * a "local date" is "YYYY-MM-DD" and a "local time" is "HH:mm", both read in an IANA time zone.
 * All conversions go through @date-fns/tz, which knows the zone's real offset at each instant;
 * nothing here adds hours to strings or assumes a day is 24 hours long.
 *
 * Wall time to instant is done here with `tzOffset` rather than `new TZDate(y, m, d, h, min, zone)`:
 * that constructor resolved a repeated fall-back time (01:30 on 2027-10-31 in London) differently
 * depending on the server's own TZ, and a schedule must not depend on where the server runs.
 */

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;
const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** 0 = Sunday … 6 = Saturday, as `Date#getDay`. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** True when `timeZone` is a zone this runtime knows (e.g. "America/Los_Angeles", "UTC"). */
export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== "string" || timeZone.trim() === "") return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

function assertTimeZone(timeZone: string): void {
  if (!isValidTimeZone(timeZone)) throw new RangeError(`Unknown time zone: ${timeZone}`);
}

/** Parses a real calendar date ("2027-02-30" is refused). */
function parseLocalDate(date: string): { year: number; month: number; day: number } {
  const m = DATE_PATTERN.exec(date);
  const [year, month, day] = [Number(m?.[1]), Number(m?.[2]), Number(m?.[3])];
  // Calendar dates carry no zone, so UTC is only used as a DST-free calculator here.
  const check = new Date(Date.UTC(year, month - 1, day));
  if (
    !m ||
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day
  ) {
    throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${date}`);
  }
  return { year, month, day };
}

function parseLocalTime(time: string): { hours: number; minutes: number } {
  const m = TIME_PATTERN.exec(time);
  if (!m) throw new RangeError(`Not a time of day (HH:mm): ${time}`);
  return { hours: Number(m[1]), minutes: Number(m[2]) };
}

/** True when `date` is a real "YYYY-MM-DD" calendar date. */
export function isLocalDate(date: string): boolean {
  try {
    parseLocalDate(date);
    return true;
  } catch {
    return false;
  }
}

/** True when `time` is "HH:mm" on a 24-hour clock. */
export function isLocalTime(time: string): boolean {
  return TIME_PATTERN.test(time);
}

/**
 * The instant at which clocks in `timeZone` show `time` on `date`.
 *
 * Two wall times need a rule:
 * - a time that does not exist (skipped on a spring-forward day, e.g. 02:30 on 2027-03-14 in
 *   America/Los_Angeles) moves forward by the length of the gap (03:30 PDT). A session booked in
 *   the gap then still happens that day, at the first clock reading a client can actually see;
 * - a time that happens twice (fall-back day, e.g. 01:30 on 2027-11-07) is the first occurrence
 *   (01:30 PDT), so a session is never silently an hour later than the clock first showed.
 */
export function zonedDateTime(date: string, time: string, timeZone: string): Date {
  const { year, month, day } = parseLocalDate(date);
  const { hours, minutes } = parseLocalTime(time);
  assertTimeZone(timeZone);
  return new Date(wallClockToInstant(Date.UTC(year, month - 1, day, hours, minutes), timeZone));
}

const offsetMs = (timeZone: string, instantMs: number) => tzOffset(timeZone, new Date(instantMs)) * MINUTE_MS;

/**
 * `wallMs` is the wall-clock reading written as if it were UTC. A zone changes offset at most once
 * around a given day, so the offsets a day before and a day after are the only candidates.
 */
function wallClockToInstant(wallMs: number, timeZone: string): number {
  const withEarlierOffset = wallMs - offsetMs(timeZone, wallMs - DAY_MS);
  const withLaterOffset = wallMs - offsetMs(timeZone, wallMs + DAY_MS);
  const readsAsWall = (instant: number) => instant + offsetMs(timeZone, instant) === wallMs;
  const matches = [withEarlierOffset, withLaterOffset].filter(readsAsWall);
  // In a gap neither reads back; the offset in force before the jump lands after it, by the gap.
  if (matches.length === 0) return withEarlierOffset;
  return Math.min(...matches);
}

/**
 * The instant `days` local calendar days after `instant`, at the same wall-clock time: 09:00 PST
 * plus 7 days across the spring-forward change is 09:00 PDT (167 real hours later, not 168).
 * Landing in a spring-forward gap follows `zonedDateTime` (moves forward by the gap).
 */
export function addLocalDays(instant: Date, days: number, timeZone: string): Date {
  if (!Number.isInteger(days)) throw new RangeError(`Days must be a whole number: ${days}`);
  assertTimeZone(timeZone);
  // Zero days is the same instant: rebuilding it from wall time would lose the second 01:30.
  if (days === 0) return new Date(instant.getTime());
  // The wall-clock reading as if it were UTC: adding whole days to it is plain calendar arithmetic.
  const wallMs = instant.getTime() + offsetMs(timeZone, instant.getTime());
  return new Date(wallClockToInstant(wallMs + days * DAY_MS, timeZone));
}

/** The local calendar date of `instant` in `timeZone`, "YYYY-MM-DD". */
export function localDateOf(instant: Date, timeZone: string): string {
  assertTimeZone(timeZone);
  return format(instant, "yyyy-MM-dd", { in: tz(timeZone) });
}

/** The local wall-clock time of `instant` in `timeZone`, "HH:mm" (24-hour). */
export function localTimeOf(instant: Date, timeZone: string): string {
  assertTimeZone(timeZone);
  return format(instant, "HH:mm", { in: tz(timeZone) });
}

/** The local day of the week of `instant` in `timeZone` (0 = Sunday). */
export function weekdayOf(instant: Date, timeZone: string): Weekday {
  assertTimeZone(timeZone);
  return getDay(instant, { in: tz(timeZone) }) as Weekday;
}

/** `date` plus `days` calendar days, "YYYY-MM-DD" (calendar arithmetic; no zone involved). */
export function addCalendarDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`Days must be a whole number: ${days}`);
  const { year, month, day } = parseLocalDate(date);
  return new Date(Date.UTC(year, month - 1, day) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The first date on or after `date` that falls on `weekday` (0 = Sunday), "YYYY-MM-DD". */
export function nextWeekdayOnOrAfter(date: string, weekday: number): string {
  if (!Number.isInteger(weekday) || weekday < 0 || weekday > 6) {
    throw new RangeError(`Weekday must be 0 (Sunday) to 6 (Saturday): ${weekday}`);
  }
  const { year, month, day } = parseLocalDate(date);
  // A calendar date's weekday is the same in every zone; UTC is just the calculator.
  const current = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return addCalendarDays(date, (weekday - current + 7) % 7);
}
