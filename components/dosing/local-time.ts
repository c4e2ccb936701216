import {
  addCalendarDays,
  isLocalTime,
  localDateOf,
  localTimeOf,
  zonedDateTime,
} from "@/lib/domain/core/zoned-time";

/** "now" as HH:mm in the practice's zone, for the time inputs of the dosing record. */
export const nowLocalTime = (timeZone: string) => localTimeOf(new Date(), timeZone);

/**
 * A practice-local time of the current dosing session as an instant: today's,
 * or yesterday's when today's would be hours ahead (charting 23:50 at 00:10).
 */
export function todayAt(time: string, timeZone: string, now = new Date()) {
  const today = localDateOf(now, timeZone);
  const candidate = zonedDateTime(today, time, timeZone);
  return candidate.getTime() - now.getTime() > 12 * 3_600_000
    ? zonedDateTime(addCalendarDays(today, -1), time, timeZone)
    : candidate;
}

/** A time typed in a form, as todayAt's instant; left as typed when it is not a time, for the schema to refuse. */
export const typedTimeToday = (time: string, timeZone: string): Date | string =>
  isLocalTime(time) ? todayAt(time, timeZone) : time;

export const clock = (d: Date, timeZone: string) =>
  new Intl.DateTimeFormat("en-US", { timeZone, hour: "numeric", minute: "2-digit" }).format(d);
