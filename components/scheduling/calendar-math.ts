import {
  addCalendarDays,
  localDateOf,
  localTimeOf,
  weekdayOf,
  zonedDateTime,
} from "@/lib/domain/core/zoned-time";

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

/** Minutes since local midnight, for placing a session on the time grid. */
export function minuteOfDay(instant: Date, timeZone: string): number {
  const [h, m] = localTimeOf(instant, timeZone).split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
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
