/** Display helpers. Times are stored in UTC and shown in the practice's time zone. */

/** Formatters are costly to build and a list formats hundreds of times: one per zone and style. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(style: "dateTime" | "date" | "time", timeZone: string): Intl.DateTimeFormat {
  const key = `${style} ${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(
      "en-US",
      style === "time"
        ? { timeZone, hour: "numeric", minute: "2-digit" }
        : style === "dateTime"
          ? {
              timeZone,
              weekday: "short",
              month: "short",
              day: "numeric",
              hour: "numeric",
              minute: "2-digit",
              timeZoneName: "short",
            }
          : { timeZone, month: "short", day: "numeric", year: "numeric" },
    );
    formatters.set(key, f);
  }
  return f;
}

export function formatDateTime(d: Date, timeZone: string): string {
  return formatter("dateTime", timeZone).format(d);
}

/** "6:30 – 7:30 AM", "11:00 AM – 2:00 PM": a session's times of day in the zone. */
export function formatTimeRange(start: Date, end: Date, timeZone: string): string {
  return formatter("time", timeZone).formatRange(start, end);
}

export function formatDate(d: Date, timeZone = "UTC"): string {
  return formatter("date", timeZone).format(d);
}

/** "3 days", "5 hours", "12 minutes": how long something has waited. */
export function formatWaiting(since: Date, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - since.getTime()) / 60_000));
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} hour${hours === 1 ? "" : "s"}`;
  const days = Math.floor(hours / 24);
  return `${days} days`;
}

export const SESSION_KIND_LABEL: Record<string, string> = {
  PREPARATION: "Preparation",
  DOSING: "Dosing",
  INTEGRATION: "Integration",
  FOLLOW_UP: "Prescriber follow-up",
  CLOSING: "Closing",
};

export const ROLE_LABEL: Record<string, string> = {
  ADMIN: "Admin",
  THERAPIST: "Therapist",
  PRESCRIBER: "Prescriber",
  CLIENT: "Client",
};
