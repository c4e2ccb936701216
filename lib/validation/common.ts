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

export const optionalText = (max = 200) =>
  z
    .string()
    .trim()
    .max(max, `Keep this under ${max} characters.`)
    .optional()
    .transform((v) => (v ? v : undefined));

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
  .optional()
  .transform((v) => (v ? v : undefined));

export const npiSchema = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined))
  .refine((v) => v === undefined || isValidNpi(v), "Enter a valid 10-digit NPI.");
