import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { screeningReviewScope } from "@/lib/auth/relations";
import { AppError } from "@/lib/errors";
import { audit } from "@/lib/server/core/audit";
import { authorize, deniedAsNotFound } from "@/lib/server/core/authorize";
import { db } from "@/lib/server/core/db";
import { parseOrThrow } from "@/lib/server/core/parse";
import { type ReviewSafetyFlagInput, reviewSafetyFlagSchema } from "@/lib/validation/measures";

/**
 * A clinician on the care team records their review; the flag then stops holding
 * dosing. A prescriber reviewing the client's screening may too, since the flag is
 * part of what they decide on (the same reach as the screening itself).
 */
export async function reviewSafetyFlag(actor: Actor, input: ReviewSafetyFlagInput) {
  await authorize(actor, "review", "safetyFlag");
  const data = parseOrThrow(reviewSafetyFlagSchema, input);
  const flag = await db().safetyFlag.findFirst({
    where: { id: data.flagId, client: screeningReviewScope(actor) },
    select: { id: true, clientId: true, reviewedAt: true },
  });
  if (!flag)
    return deniedAsNotFound(actor, {
      action: "safety_flag.review",
      recordType: "SafetyFlag",
      recordId: data.flagId,
    });
  const { count } = await db().safetyFlag.updateMany({
    where: { id: flag.id, reviewedAt: null },
    data: { reviewedAt: new Date(), reviewedById: actor.userId, reviewNote: data.note },
  });
  if (count === 0) throw new AppError("CONFLICT", "This flag was already reviewed.");
  await audit(actor, {
    action: "safety_flag.review",
    recordType: "SafetyFlag",
    recordId: flag.id,
    clientId: flag.clientId,
  });
}
