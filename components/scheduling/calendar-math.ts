import { tz } from "@date-fns/tz";
import { getHours, getMinutes } from "date-fns";
import { addCalendarDays, localDateOf, weekdayOf, zonedDateTime } from "@/lib/domain/core/zoned-time";
import { type DaySpan, MINUTES_PER_DAY } from "./day-layout";

export type CalendarView = "week" | "day" | "list";

/** The local days a view shows, starting on Monday for a week. */
export function viewDays(view: CalendarView, anchor: string, timeZone: string): string[] {
  if (view === "day") return [anchor];
  const weekday = weekdayOf(zonedDateTime(anchor, "12:00", timeZone), timeZone);
  const monday = addCalendarDays(anchor, weekday === 0 ? -6 : 1 - weekday);
  const length = view === "week" ? 7 : 14;
  return Array.from({ length }, (_, i) => addCalendarDays(monday, i));
}

/** The UTC range covering those local days. */
export function viewRange(days: string[], timeZone: string) {
  const first = days[0] ?? "1970-01-01";
  const last = days.at(-1) ?? first;
  return {
    from: zonedDateTime(first, "00:00", timeZone),
    to: zonedDateTime(addCalendarDays(last, 1), "00:00", timeZone),
  };
}

export function step(view: CalendarView, anchor: string, direction: 1 | -1): string {
  return addCalendarDays(anchor, direction * (view === "day" ? 1 : view === "week" ? 7 : 14));
}

/**
 * Wall-clock minutes since local midnight in `timeZone` (06:30 is 390), the way the grid's hour
 * labels read, including on a day the clocks change.
 */
export function minuteOfDay(instant: Date, timeZone: string): number {
  const inZone = { in: tz(timeZone) };
  return getHours(instant, inZone) * 60 + getMinutes(instant, inZone);
}

/**
 * The part of a session that falls on local `day`, in wall-clock minutes (0 to 1440), or null
 * when it does not touch that day. A session running past midnight shows on both days.
 */
export function spanOnDay(startsAt: Date, endsAt: Date, day: string, timeZone: string): DaySpan | null {
  const dayStart = zonedDateTime(day, "00:00", timeZone);
  const nextDayStart = zonedDateTime(addCalendarDays(day, 1), "00:00", timeZone);
  const touches = startsAt < nextDayStart && (endsAt > dayStart || startsAt >= dayStart);
  if (!touches) return null;
  const start = startsAt <= dayStart ? 0 : minuteOfDay(startsAt, timeZone);
  if (endsAt >= nextDayStart) return { start, end: MINUTES_PER_DAY };
  // In the repeated hour of a fall-back day the wall clock runs back: never draw a session shorter
  // than the time it lasts.
  const lasts = (endsAt.getTime() - Math.max(startsAt.getTime(), dayStart.getTime())) / 60_000;
  return { start, end: Math.min(MINUTES_PER_DAY, Math.max(minuteOfDay(endsAt, timeZone), start + lasts)) };
}

export const dayOf = localDateOf;

export function dayHeading(day: string, timeZone: string) {
  return new Intl.DateTimeFormat("en-US", {
    timeZone,
    weekday: "short",
    month: "short",
    day: "numeric",
  }).format(zonedDateTime(day, "12:00", timeZone));
}
