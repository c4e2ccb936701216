import { TZDate } from "@date-fns/tz";
import { addMonths } from "date-fns";

/**
 * Where a client stands on eligibility, from their screenings: the newest signed screening that
 * no later screening supersedes decides, and only while it is current (docs/clinical-rules.md §2
 * "Eligibility in time"): an eligible decision expires `reviewMonths` calendar months after it was
 * signed, or as soon as an intake submitted after it raises a different set of flags than the
 * one the decision was made on. The dosing gate, the go / no-go checklist, the re-check at the
 * dose, the order writer, the screening queue and the client page all read it from here.
 */
export type ScreeningFacts = {
  id: string;
  status: "AWAITING_REVIEW" | "SIGNED";
  decision: "ELIGIBLE" | "NOT_ELIGIBLE" | "NEEDS_INFORMATION" | null;
  signedAt: Date | null;
  createdAt: Date;
  supersedesId: string | null;
  /** The flags the rules raised when the screening was made ([{ code, ... }]); absent reads as none. */
  flags?: unknown;
};

export type EligibilityState =
  | "NONE"
  | "AWAITING_REVIEW"
  | "NEEDS_INFORMATION"
  | "NOT_ELIGIBLE"
  | "ELIGIBLE"
  | "EXPIRED";

/** The facts besides the screenings that decide whether an eligible decision is still current. */
export type EligibilityContext = {
  now: Date;
  /** Practice setting `eligibilityReviewMonths`. */
  reviewMonths: number;
  /** The practice's time zone: months are local calendar months. */
  timeZone: string;
  /**
   * The client's latest submitted intake: when it was submitted (or amended) and the flag codes
   * the rules compute from it. Null when the client has none.
   */
  intake?: { changedAt: Date; flagCodes: readonly string[] } | null;
};

export type ExpiryReason = "REVIEW_DUE" | "INTAKE_CHANGED";

export type EligibilityStatus = {
  state: EligibilityState;
  /** The screening in force, if any. */
  screeningId: string | null;
  /** EXPIRED: why. */
  reason?: ExpiryReason;
  /** ELIGIBLE: the instant it stops being current; EXPIRED for REVIEW_DUE: the instant it did. */
  expiresAt?: Date;
};

/** The screening that is in force: the newest one nothing supersedes. */
export function currentScreening<T extends ScreeningFacts>(screenings: T[]): T | null {
  const superseded = new Set(screenings.map((s) => s.supersedesId).filter(Boolean));
  return (
    screenings
      .filter((s) => !superseded.has(s.id))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0] ?? null
  );
}

/** The flag codes stored with a screening (its `flags` JSON), sorted and without repeats. */
export function flagCodesOf(flags: unknown): string[] {
  if (!Array.isArray(flags)) return [];
  const codes = flags
    .map((f) => (f && typeof f === "object" ? (f as { code?: unknown }).code : undefined))
    .filter((c): c is string => typeof c === "string");
  return [...new Set(codes)].sort();
}

const sameCodes = (a: readonly string[], b: readonly string[]) => {
  const x = [...new Set(a)].sort();
  const y = [...new Set(b)].sort();
  return x.length === y.length && x.every((c, i) => c === y[i]);
};

/** The instant an eligible decision signed at `signedAt` stops being current. */
export function eligibilityExpiresAt(signedAt: Date, reviewMonths: number, timeZone: string): Date {
  return new Date(addMonths(new TZDate(signedAt.getTime(), timeZone), reviewMonths).getTime());
}

export function eligibilityStatus(screenings: ScreeningFacts[], ctx: EligibilityContext): EligibilityStatus {
  const current = currentScreening(screenings);
  if (!current) return { state: "NONE", screeningId: null };
  const screeningId = current.id;
  if (current.status === "AWAITING_REVIEW") return { state: "AWAITING_REVIEW", screeningId };
  if (current.decision !== "ELIGIBLE") return { state: current.decision ?? "NONE", screeningId };
  // A signed decision without a signing time cannot be dated: conservatively, not current.
  if (!current.signedAt) return { state: "EXPIRED", screeningId, reason: "REVIEW_DUE" };
  const intake = ctx.intake;
  if (
    intake &&
    intake.changedAt > current.signedAt &&
    !sameCodes(intake.flagCodes, flagCodesOf(current.flags))
  ) {
    return { state: "EXPIRED", screeningId, reason: "INTAKE_CHANGED" };
  }
  const expiresAt = eligibilityExpiresAt(current.signedAt, ctx.reviewMonths, ctx.timeZone);
  if (ctx.now >= expiresAt) return { state: "EXPIRED", screeningId, reason: "REVIEW_DUE", expiresAt };
  return { state: "ELIGIBLE", screeningId, expiresAt };
}

export const eligibilityState = (screenings: ScreeningFacts[], ctx: EligibilityContext): EligibilityState =>
  eligibilityStatus(screenings, ctx).state;

export const isEligible = (screenings: ScreeningFacts[], ctx: EligibilityContext) =>
  eligibilityState(screenings, ctx) === "ELIGIBLE";

/** Why an expired decision no longer holds, in plain words (the gate, the checklist, the queue). */
export function expiryText(status: EligibilityStatus, formatDate: (d: Date) => string): string {
  if (status.reason === "INTAKE_CHANGED") return "the intake changed after the decision";
  return status.expiresAt
    ? `eligibility expired on ${formatDate(status.expiresAt)}: a prescriber reviews again`
    : "eligibility has no signing date: a prescriber reviews again";
}

/**
 * The client's latest submitted intake as the eligibility rule sees it: each submission opens a
 * screening with the flags the rules computed from it, so the newest screening drawn from an
 * intake carries its time and its flags. Null when no screening came from an intake.
 */
export function latestIntakeFrom(
  screenings: (ScreeningFacts & { intakeResponseId: string | null })[],
): EligibilityContext["intake"] {
  const fromIntake = screenings
    .filter((s) => s.intakeResponseId !== null)
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
  return fromIntake ? { changedAt: fromIntake.createdAt, flagCodes: flagCodesOf(fromIntake.flags) } : null;
}
