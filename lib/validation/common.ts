import { z } from "zod";
import { parseIsoDate } from "@/lib/domain/dates";
import { isValidNpi } from "@/lib/domain/npi";
import { isUsState } from "@/lib/domain/us-states";

export const idSchema = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9]+$/i, "Invalid id.");

export const requiredText = (label: string, max = 200) =>
  z.string().trim().min(1, `Enter ${label}.`).max(max, `Keep ${label} under ${max} characters.`);

/** Optional free text: blank becomes undefined; the key stays optional after parsing. */
export const optionalText = (max = 200) =>
  z
    .string()
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
