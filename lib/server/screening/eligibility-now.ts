import "server-only";
import { readPracticeSettings } from "@/lib/domain/admin/practice-settings";
import { formatDate } from "@/lib/domain/core/format";
import {
  type EligibilityStatus,
  eligibilityStatus,
  expiryText,
  latestIntakeFrom,
} from "@/lib/domain/screening/eligibility-status";
import type { Prisma } from "@/lib/generated/prisma/client";

/** What the eligibility rule reads from a client's screenings (select it on `client.screenings`). */
export const eligibilityScreeningSelect = {
  id: true,
  status: true,
  decision: true,
  signedAt: true,
  createdAt: true,
  supersedesId: true,
  flags: true,
  intakeResponseId: true,
} satisfies Prisma.ScreeningSelect;

type Screenings = Prisma.ScreeningGetPayload<{ select: typeof eligibilityScreeningSelect }>[];

/**
 * Where the client stands on eligibility at `at` (docs/clinical-rules.md §2 "Eligibility in
 * time"), with the practice's re-review interval and time zone. One rule for every caller.
 */
export function eligibilityAt(
  screenings: Screenings,
  practice: { settings: unknown; timeZone: string },
  at: Date = new Date(),
): EligibilityStatus & { expiry?: string } {
  const status = eligibilityStatus(screenings, {
    now: at,
    reviewMonths: readPracticeSettings(practice.settings).eligibilityReviewMonths,
    timeZone: practice.timeZone,
    intake: latestIntakeFrom(screenings),
  });
  return status.state === "EXPIRED"
    ? { ...status, expiry: expiryText(status, (d) => formatDate(d, practice.timeZone)) }
    : status;
}
