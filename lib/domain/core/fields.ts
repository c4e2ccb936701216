import { z } from "zod";
import { parseIsoDate } from "./dates";
import { isValidNpi } from "./npi";
import { isUsState } from "./us-states";

/**
 * A record's id. The length lives in the pattern rather than in min/max checks: zod measures
 * anything with a `length` for those, even a value that is not a string, and a `length` that
 * cannot be compared with a number would make parsing throw instead of failing.
 */
export const idSchema = z.string().regex(/^[a-z0-9]{1,40}$/i, "Invalid id.");

export const UNSTORABLE_TEXT = "Remove the unsupported characters.";

/**
 * Text PostgreSQL can store: it refuses the NUL character (in text and jsonb alike), and half
 * of a surrogate pair is not Unicode at all, so it has no UTF-8 form. No keyboard types either;
 * pasted binary and crafted requests can.
 */
export const isStorableText = (v: string) => !v.includes("\u0000") && !/\p{Cs}/u.test(v);

/** Every text field that is kept starts here: a string with only characters that can be stored. */
export const storableString = (params?: string | z.core.$ZodStringParams) =>
  z.string(params).refine(isStorableText, UNSTORABLE_TEXT);

/** The version a client last saw of a record (an `Int` column: at most 2^31 - 1). */
export const versionSchema = z.number().int().min(1).max(2_147_483_647);

/**
 * A moment something happened or is planned for, from 1900 to 2099. PostgreSQL refuses year 0
 * and earlier, and a clinical time outside these years is a typo; one far in the future would
 * also overflow the minute counts kept beside it (a reading's minutes after the dose).
 */
export const EARLIEST_INSTANT = new Date("1900-01-01T00:00:00Z");
export const LATEST_INSTANT = new Date("2100-01-01T00:00:00Z");
export const instantSchema = (message = "Enter a time.") =>
  z.coerce.date({ message }).min(EARLIEST_INSTANT, "Check the year.").max(LATEST_INSTANT, "Check the year.");

export const requiredText = (label: string, max = 200) =>
  storableString().trim().min(1, `Enter ${label}.`).max(max, `Keep ${label} under ${max} characters.`);

/** Optional free text: blank becomes undefined; the key stays optional after parsing. */
export const optionalText = (max = 200) =>
  storableString()
    .trim()
    .max(max, `Keep this under ${max} characters.`)
    .transform((v) => (v ? v : undefined))
    .optional();

export const usStateSchema = z.string().trim().toUpperCase().refine(isUsState, "Choose a US state.");

export const pastDateSchema = (label: string) =>
  z
    .string()
    .trim()
    .min(1, `Enter ${label}.`)
    .refine((v) => parseIsoDate(v) !== null, `Enter ${label} as a real date.`)
    .refine((v) => (parseIsoDate(v)?.getTime() ?? 0) < Date.now(), `${label} must be in the past.`)
    .refine((v) => (parseIsoDate(v)?.getUTCFullYear() ?? 0) >= 1900, `Check the year of ${label}.`);

export const phoneSchema = z
  .string()
  .trim()
  .max(30)
  .refine((v) => v === "" || /^[+()\d\s.-]{7,30}$/.test(v), "Enter a phone number.")
  .transform((v) => (v ? v : undefined))
  .optional();

export const npiSchema = z
  .string()
  .trim()
  .refine((v) => v === "" || isValidNpi(v), "Enter a valid 10-digit NPI.")
  .transform((v) => (v ? v : undefined))
  .optional();
