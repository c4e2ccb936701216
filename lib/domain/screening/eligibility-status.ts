/**
 * Where a client stands on eligibility, from their screenings: the newest signed
 * screening that no later screening supersedes decides. The scheduler's gates
 * and the screening pages both read it from here.
 */
export type ScreeningFacts = {
  id: string;
  status: "AWAITING_REVIEW" | "SIGNED";
  decision: "ELIGIBLE" | "NOT_ELIGIBLE" | "NEEDS_INFORMATION" | null;
  signedAt: Date | null;
  createdAt: Date;
  supersedesId: string | null;
};

export type EligibilityState = "NONE" | "AWAITING_REVIEW" | "NEEDS_INFORMATION" | "NOT_ELIGIBLE" | "ELIGIBLE";

/** The screening that is in force: the newest one nothing supersedes. */
export function currentScreening<T extends ScreeningFacts>(screenings: T[]): T | null {
  const superseded = new Set(screenings.map((s) => s.supersedesId).filter(Boolean));
  return (
    screenings
      .filter((s) => !superseded.has(s.id))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0] ?? null
  );
}

export function eligibilityState(screenings: ScreeningFacts[]): EligibilityState {
  const current = currentScreening(screenings);
  if (!current) return "NONE";
  if (current.status === "AWAITING_REVIEW") return "AWAITING_REVIEW";
  return current.decision ?? "NONE";
}

export const isEligible = (screenings: ScreeningFacts[]) => eligibilityState(screenings) === "ELIGIBLE";
