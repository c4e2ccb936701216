import { TZDate } from "@date-fns/tz";

/** A wall-clock time `days` from today in the practice's time zone, as a UTC Date. */
export function localAt(timeZone: string, days: number, hour: number, minute = 0, now = new Date()): Date {
  const today = new TZDate(now.getTime(), timeZone);
  return new Date(
    new TZDate(
      today.getFullYear(),
      today.getMonth(),
      today.getDate() + days,
      hour,
      minute,
      0,
      timeZone,
    ).getTime(),
  );
}

export const addMinutes = (d: Date, minutes: number) => new Date(d.getTime() + minutes * 60_000);
export const daysAgo = (days: number, now = new Date()) => new Date(now.getTime() - days * 86_400_000);
