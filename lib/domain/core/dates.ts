import { localDateOf } from "./zoned-time";

/**
 * Whole years between a date of birth (a calendar date, stored as UTC midnight)
 * and the instant `on`, by the calendar date it is at that instant in `timeZone`
 * (the practice's): a client in California is not 18 yet at 5 p.m. the evening
 * before their birthday, though it is already the birthday in UTC.
 */
export function ageOn(dateOfBirth: Date, on: Date, timeZone: string): number {
  const [y, m, d] = localDateOf(on, timeZone).split("-").map(Number) as [number, number, number];
  let age = y - dateOfBirth.getUTCFullYear();
  const month = m - 1;
  const beforeBirthday =
    month < dateOfBirth.getUTCMonth() ||
    (month === dateOfBirth.getUTCMonth() && d < dateOfBirth.getUTCDate());
  if (beforeBirthday) age -= 1;
  return age;
}

/** Parses "YYYY-MM-DD" as a calendar date (UTC midnight); null when it is not a real date. */
export function parseIsoDate(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date;
}

export const toIsoDate = (d: Date) => d.toISOString().slice(0, 10);
