/**
 * A small iCalendar (RFC 5545) writer for session feeds and "add to calendar" downloads.
 * Pure and dependency-free: it turns values into text and does no I/O.
 *
 * Times are written in UTC form (`20270313T170000Z`) rather than as local time with a TZID:
 * an instant needs no VTIMEZONE block, and every client shows it correctly in its own zone,
 * including across daylight-saving changes, without trusting anyone's time-zone database.
 */

export type IcsEventStatus = "CONFIRMED" | "TENTATIVE" | "CANCELLED";

export interface IcsEventInput {
  /** Globally unique and stable across updates (e.g. `${sessionId}@kapstone`), so clients update in place. */
  uid: string;
  start: Date;
  /** Must be after `start` (RFC 5545 §3.6.1). */
  end: Date;
  summary: string;
  description?: string;
  location?: string;
  /** An absolute URL; relative ones mean nothing inside someone else's calendar app. */
  url?: string;
  status?: IcsEventStatus;
  /** Revision number; bump it on every change a client should notice (reschedule, cancel). */
  sequence?: number;
  /** When the session last changed; written as DTSTAMP and LAST-MODIFIED. */
  updatedAt: Date;
}

export interface IcsCalendarOptions {
  /** Shown as the calendar's name by clients that read X-WR-CALNAME (Apple, Google, Outlook). */
  name: string;
  prodId?: string;
  /** Omitted unless given: without METHOD, DTSTAMP means "last revised" (§3.8.7.2), which is what we write. */
  method?: "PUBLISH";
}

export const DEFAULT_PRODID = "-//Kapstone//KAP practice portal//EN";

const CRLF = "\r\n";
/** §3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break. */
const MAX_LINE_OCTETS = 75;

/**
 * Escapes a TEXT value (§3.3.11). Backslash goes first so the escapes added after it are not
 * doubled. Any newline style becomes `\n`; other control characters are not allowed in a value
 * (§3.1) and some clients reject the whole feed over one, so they are dropped.
 */
export function escapeText(value: string): string {
  return (
    value
      .replace(/\\/g, "\\\\")
      .replace(/;/g, "\\;")
      .replace(/,/g, "\\,")
      .replace(/\r\n|\r|\n/g, "\\n")
      // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point.
      .replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, "")
  );
}

/** UTF-8 length of one code point, without allocating an encoder per character. */
function utf8Octets(char: string): number {
  const cp = char.codePointAt(0) ?? 0;
  if (cp < 0x80) return 1;
  if (cp < 0x800) return 2;
  // Lone surrogates land here too: UTF-8 encoders write them as U+FFFD, which is 3 octets.
  if (cp < 0x10000) return 3;
  return 4;
}

/**
 * Folds one content line into physical lines of at most 75 octets (§3.1). Length is counted in
 * UTF-8 octets, not UTF-16 units, and the split only falls between code points, so "é" or an emoji
 * is never cut in half. Each continuation starts with a single space, which counts toward its 75.
 */
export function foldLine(line: string): string[] {
  const lines: string[] = [];
  let current = "";
  let octets = 0;
  // `for…of` walks code points, so a surrogate pair arrives as one character.
  for (const char of line) {
    const size = utf8Octets(char);
    if (octets + size > MAX_LINE_OCTETS) {
      lines.push(current);
      current = " ";
      octets = 1;
    }
    current += char;
    octets += size;
  }
  lines.push(current);
  return lines;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}

/** A DATE-TIME in UTC form, `YYYYMMDDTHHMMSSZ` (§3.3.5, form #2). Milliseconds are dropped. */
export function icsDateTime(date: Date): string {
  const time = date.getTime();
  if (Number.isNaN(time)) throw new RangeError("Invalid date in calendar event");
  const year = date.getUTCFullYear();
  // DATE-TIME has exactly four year digits; anything else would be silently misread.
  if (year < 0 || year > 9999) throw new RangeError(`Year ${year} cannot be written in iCalendar`);
  return (
    `${pad(year, 4)}${pad(date.getUTCMonth() + 1, 2)}${pad(date.getUTCDate(), 2)}` +
    `T${pad(date.getUTCHours(), 2)}${pad(date.getUTCMinutes(), 2)}${pad(date.getUTCSeconds(), 2)}Z`
  );
}

/**
 * A URI value is not TEXT, so it is not backslash-escaped (a comma in a query string stays a
 * comma). Going through the URL parser rejects relative URLs and removes tabs and newlines,
 * which would otherwise let a value start a property of its own.
 */
function icsUri(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RangeError(`Calendar event URL must be absolute: ${url}`);
  }
  return parsed.href;
}

function contentLine(name: string, value: string): string[] {
  return foldLine(`${name}:${value}`);
}

/**
 * The lines of one VEVENT, already folded: each element is one physical line of at most
 * 75 octets, ready to be joined with CRLF.
 */
export function icsEvent(e: IcsEventInput): string[] {
  if (e.end.getTime() <= e.start.getTime()) {
    throw new RangeError(`Calendar event ${e.uid} must end after it starts`);
  }
  if (e.sequence !== undefined && !(Number.isSafeInteger(e.sequence) && e.sequence >= 0)) {
    throw new RangeError(`SEQUENCE must be a non-negative integer, got ${e.sequence}`);
  }

  const stamp = icsDateTime(e.updatedAt);
  const lines: string[] = [
    "BEGIN:VEVENT",
    ...contentLine("UID", escapeText(e.uid)),
    ...contentLine("DTSTAMP", stamp),
    ...contentLine("DTSTART", icsDateTime(e.start)),
    ...contentLine("DTEND", icsDateTime(e.end)),
    ...contentLine("SUMMARY", escapeText(e.summary)),
  ];
  if (e.description !== undefined) lines.push(...contentLine("DESCRIPTION", escapeText(e.description)));
  if (e.location !== undefined) lines.push(...contentLine("LOCATION", escapeText(e.location)));
  if (e.url !== undefined) lines.push(...contentLine("URL", icsUri(e.url)));
  if (e.status !== undefined) lines.push(...contentLine("STATUS", e.status));
  if (e.sequence !== undefined) lines.push(...contentLine("SEQUENCE", String(e.sequence)));
  // LAST-MODIFIED states the revision time unambiguously, whatever a METHOD does to DTSTAMP's meaning.
  lines.push(...contentLine("LAST-MODIFIED", stamp), "END:VEVENT");
  return lines;
}

/**
 * A whole VCALENDAR with CRLF line endings and a trailing CRLF (§3.1). An empty `events` list still
 * yields a calendar: a feed with nothing booked must keep parsing for its subscribers.
 */
export function icsCalendar(events: readonly IcsEventInput[], opts: IcsCalendarOptions): string {
  const lines: string[] = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    ...contentLine("PRODID", escapeText(opts.prodId ?? DEFAULT_PRODID)),
    "CALSCALE:GREGORIAN",
  ];
  if (opts.method !== undefined) lines.push(...contentLine("METHOD", opts.method));
  lines.push(...contentLine("X-WR-CALNAME", escapeText(opts.name)));
  for (const event of events) lines.push(...icsEvent(event));
  lines.push("END:VCALENDAR");
  return lines.join(CRLF) + CRLF;
}

/** First letter of a name part, with any accent kept: "élodie" → "É", "O'Neil" → "O". */
function initialOf(part: string): string {
  // NFC so a decomposed "e" + U+0301 is read as the single letter "é".
  const match = /\p{L}/u.exec(part.normalize("NFC"));
  if (!match) return "";
  const letter = match[0];
  const upper = letter.toUpperCase();
  // Some letters upper-case to two ("ß" → "SS"); an initial stays one letter.
  return [...upper].length === 1 ? upper : letter;
}

/**
 * "Noah Sullivan" → "N.S.". A therapist's calendar lives on phones and in third-party clouds, so
 * it carries at most one letter of each of a client's names. Only the first letter of each part
 * is used ("Mary-Jane O'Neil" → "M.O."); a part with no letter is left out ("Noah", "" → "N.").
 */
export function initials(firstName: string, lastName: string): string {
  return [firstName, lastName]
    .map(initialOf)
    .filter((initial) => initial !== "")
    .map((initial) => `${initial}.`)
    .join("");
}

const MAX_SLUG_LENGTH = 60;

/** The calendar date of `instant` in `timeZone`, "YYYY-MM-DD". */
function localDate(instant: Date, timeZone: string): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError("Invalid date for calendar filename");
  // en-CA formats as YYYY-MM-DD; formatToParts avoids depending on that anyway.
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/**
 * A download filename such as "kapstone-dosing-2027-03-14.ics": lowercase ASCII letters, digits and
 * hyphens only, so it is safe in a Content-Disposition header and on every file system. Accents
 * are folded ("Séance" → "seance"); the date is the start's calendar day in `timeZone` (default
 * UTC), so pass the practice's zone for an evening session to carry the day it happens on.
 */
export function icsFilename(summary: string, start: Date, timeZone = "UTC"): string {
  const slug = summary
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/^-+|-+$/g, "");
  const date = localDate(start, timeZone);
  return slug === "" ? `kapstone-${date}.ics` : `kapstone-${slug}-${date}.ics`;
}
