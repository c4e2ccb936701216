import { z } from "zod";
import { parseIsoDate, toIsoDate } from "@/lib/domain/core/dates";
import { isUsState, type UsStateCode } from "@/lib/domain/core/us-states";
import { localDateOf } from "@/lib/domain/core/zoned-time";

/**
 * A clinician's state licences, each with its expiry date (docs/clinical-rules.md §2 and §3).
 * A licence counts through its expiry date, judged by the calendar date in the practice's time
 * zone; from the next day it does not. A licence with no expiry is not modelled: every licence
 * carries one.
 */
export type StaffLicence = { state: string; expiresAt: Date };

/** True when `licence` is in force at `at`: on or before its expiry date where the practice is. */
export function licenceCurrentAt(licence: StaffLicence, at: Date, timeZone: string): boolean {
  return localDateOf(at, timeZone) <= toIsoDate(licence.expiresAt);
}

/** The states the licences cover at `at` (upper case, sorted, once each). */
export function licensedStatesAt(licences: readonly StaffLicence[], at: Date, timeZone: string): string[] {
  const states = licences
    .filter((l) => licenceCurrentAt(l, at, timeZone))
    .map((l) => l.state.trim().toUpperCase());
  return [...new Set(states)].sort();
}

/**
 * The states in `needed` the licences do not cover at `at`, each with why: no licence there,
 * or one that expired (with its date).
 */
export function missingLicences(
  licences: readonly StaffLicence[],
  needed: readonly string[],
  at: Date,
  timeZone: string,
): { state: string; expiredOn: string | null }[] {
  const current = new Set(licensedStatesAt(licences, at, timeZone));
  const wanted = [...new Set(needed.map((s) => s.trim().toUpperCase()))];
  return wanted
    .filter((state) => !current.has(state))
    .map((state) => {
      const expired = licences
        .filter((l) => l.state.trim().toUpperCase() === state)
        .map((l) => toIsoDate(l.expiresAt))
        .sort()
        .at(-1);
      return { state, expiredOn: expired ?? null };
    });
}

/** "WA (no licence on file)", "OR (licence expired 2026-01-31)". */
export function describeMissing(missing: { state: string; expiredOn: string | null }[]): string {
  return missing
    .map((m) => `${m.state} (${m.expiredOn ? `licence expired ${m.expiredOn}` : "no licence on file"})`)
    .join(", ");
}

/** One licence as a form sends it: a state and an expiry date ("YYYY-MM-DD"). */
export const staffLicenceInputSchema = z.object({
  state: z
    .string({ message: "Choose a US state." })
    .trim()
    .toUpperCase()
    .refine((v): v is UsStateCode => isUsState(v), "Choose a US state."),
  expiresAt: z
    .string({ message: "Enter the expiry date." })
    .trim()
    .min(1, "Enter the expiry date.")
    .refine((v) => parseIsoDate(v) !== null, "Enter the expiry date as a real date.")
    .refine((v) => (parseIsoDate(v)?.getUTCFullYear() ?? 0) >= 1900, "Check the year.")
    .refine((v) => (parseIsoDate(v)?.getUTCFullYear() ?? 9999) < 2100, "Check the year."),
});
export type StaffLicenceInput = z.input<typeof staffLicenceInputSchema>;

/**
 * A clinician's licences: at most one per state (a renewal changes its date). Whether an expiry
 * must lie in the future depends on where the list is entered, so it is checked there.
 */
export const staffLicencesSchema = z
  .array(staffLicenceInputSchema)
  .max(60, "At most 60 licences.")
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((l, i) => {
      if (seen.has(l.state))
        ctx.addIssue({
          code: "custom",
          path: [i, "state"],
          message: `${l.state} is listed twice; keep one licence per state.`,
        });
      seen.add(l.state);
    });
  });

/** A stored date ("YYYY-MM-DD" at midnight UTC, as a `@db.Date` column holds it). */
export const licenceDate = (isoDate: string): Date => {
  const d = parseIsoDate(isoDate);
  if (!d) throw new RangeError(`Not a date: ${isoDate}`);
  return d;
};
