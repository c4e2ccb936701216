import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { clientScope, screeningReviewScope } from "@/lib/auth/relations";
import { AppError } from "@/lib/errors";
import { audit } from "@/lib/server/core/audit";
import { authorize, deniedAsNotFound } from "@/lib/server/core/authorize";
import { db } from "@/lib/server/core/db";
import { parseOrThrow } from "@/lib/server/core/parse";
import { transaction } from "@/lib/server/core/transaction";
import {
  type RaiseSafetyFlagInput,
  type ReviewSafetyFlagInput,
  raiseSafetyFlagSchema,
  reviewSafetyFlagSchema,
} from "@/lib/validation/measures";
import { notifySafetyFlag } from "./measure-recording";

/**
 * A therapist or prescriber on the client's care team raises a suicide-risk flag themselves,
 * with their reason (docs/clinical-rules.md §4). Like a flag from a measure answer it is audited,
 * tells the care team at once and holds every dose until a clinician records a review.
 */
export async function raiseSafetyFlag(actor: Actor, input: RaiseSafetyFlagInput) {
  await authorize(actor, "raise", "safetyFlag");
  const data = parseOrThrow(raiseSafetyFlagSchema, input);
  const client = await db().client.findFirst({
    where: { id: data.clientId, ...clientScope(actor) },
    select: { id: true },
  });
  if (!client)
    return deniedAsNotFound(actor, {
      action: "safety_flag.raise",
      recordType: "Client",
      recordId: data.clientId,
    });
  const flag = await transaction(actor, async (tx) => {
    const raised = await tx.safetyFlag.create({
      data: { clientId: client.id, kind: "SUICIDE_RISK", reason: data.reason, raisedById: actor.userId },
    });
    await audit(
      actor,
      {
        action: "safety_flag.raise",
        recordType: "SafetyFlag",
        recordId: raised.id,
        clientId: client.id,
        detail: { by: "clinician" },
      },
      tx,
    );
    return raised;
  });
  await notifySafetyFlag(actor.practiceId, client.id, `SafetyFlag ${flag.id}`);
  return { id: flag.id };
}

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
