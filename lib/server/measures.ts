import "server-only";
import { ZodError } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { clientScope, screeningReviewScope } from "@/lib/auth/relations";
import { isSafetyFlag, type MeasureScore, SCALES, scoreMeasure } from "@/lib/domain/measures";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import {
  type ReviewSafetyFlagInput,
  reviewSafetyFlagSchema,
  type SubmitMeasureInput,
  submitMeasureSchema,
} from "@/lib/validation/measures";
import { audit } from "./audit";
import { authorize, deniedAsNotFound } from "./authorize";
import { db } from "./db";
import { appLink, sendAfterCommit } from "./mail";
import { requireOwnClient } from "./own-client";
import { fieldErrorsOf, parseOrThrow } from "./validate";

const SAFETY_REASON: Record<string, string> = {
  "phq9-item9": "PHQ-9 item 9 (thoughts of self-harm) answered above 0",
  "cssrs-high-risk": "C-SSRS screener: high risk",
};

function score(scale: SubmitMeasureInput["scale"], answers: unknown): MeasureScore {
  try {
    return scoreMeasure(scale, answers);
  } catch (e) {
    if (e instanceof ZodError) {
      throw new AppError("VALIDATION", "Please answer every question.", { fieldErrors: fieldErrorsOf(e) });
    }
    throw e;
  }
}

/**
 * A client submits a measure: scored on the server, stored fixed. A suicide-risk
 * answer raises a safety flag at once (audited, mailed to the care team without
 * PHI) and the client is shown crisis resources.
 */
export async function submitMeasure(actor: Actor, input: SubmitMeasureInput) {
  await authorize(actor, "submit", "measure");
  const data = parseOrThrow(submitMeasureSchema, input);
  const client = await requireOwnClient(actor);
  const result = score(data.scale, data.answers);
  const request = data.requestId
    ? await db().measureRequest.findFirst({
        where: {
          id: data.requestId,
          clientId: client.id,
          scale: data.scale,
          cancelledAt: null,
          response: null,
        },
      })
    : null;
  if (data.requestId && !request) throw new AppError("CONFLICT", "This questionnaire was already completed.");
  const context = request?.context ?? "INTAKE";
  if (context === "INTAKE" && client.stage !== "INTAKE_IN_PROGRESS" && client.stage !== "INVITED") {
    throw new AppError("CONFLICT", "Your intake questionnaires are already with your care team.");
  }
  const safety = result.flags.filter(isSafetyFlag);

  const saved = await db().$transaction(async (tx) => {
    if (context === "INTAKE") {
      const done = await tx.measureResponse.findFirst({
        where: { clientId: client.id, scale: data.scale, context: "INTAKE" },
        select: { id: true },
      });
      if (done)
        throw new AppError("CONFLICT", `You have already completed the ${SCALES[data.scale].shortTitle}.`);
    }
    const response = await tx.measureResponse.create({
      data: {
        clientId: client.id,
        scale: data.scale,
        context,
        answers: data.answers as Prisma.InputJsonValue,
        total: result.total,
        band: result.band,
        flags: [...result.flags],
        requestId: request?.id,
        seriesId: request?.seriesId,
        sessionId: request?.sessionId,
      },
    });
    await audit(
      actor,
      { action: "measure.submit", recordType: "MeasureResponse", recordId: response.id, clientId: client.id },
      tx,
    );
    for (const flag of safety) {
      const raised = await tx.safetyFlag.create({
        data: {
          clientId: client.id,
          kind: "SUICIDE_RISK",
          reason: SAFETY_REASON[flag] ?? flag,
          measureResponseId: response.id,
        },
      });
      await audit(
        actor,
        {
          action: "safety_flag.raise",
          recordType: "SafetyFlag",
          recordId: raised.id,
          clientId: client.id,
          detail: { flag },
        },
        tx,
      );
    }
    return response;
  });

  if (safety.length > 0) await notifyCareTeam(actor.practiceId, client.id, saved.id);
  return {
    id: saved.id,
    scale: data.scale,
    total: result.total,
    band: result.band,
    bandLabel: result.bandLabel,
    safetyFlag: safety.length > 0,
  };
}

/**
 * Tells the care team a flag is waiting, without any PHI in the message. Sent
 * after the response is saved: a mail failure is logged, never shown to the
 * client, who must see their result and the crisis resources.
 */
async function notifyCareTeam(practiceId: string, clientId: string, measureResponseId: string) {
  await sendAfterCommit(`MeasureResponse ${measureResponseId}`, async () => {
    const team = await db().careTeamMember.findMany({
      where: { clientId, removedAt: null, user: { disabledAt: null } },
      select: { user: { select: { email: true, name: true } } },
    });
    const link = appLink("/caseload");
    return team.map((m) => ({
      to: m.user.email,
      practiceId,
      subject: "Kapstone: a safety flag needs review",
      text: `Hello ${m.user.name},\n\nA client on your care team has a safety flag that needs prompt review. Please sign in to Kapstone to see it on your caseload:\n${link}\n\nThis message contains no client details by design.`,
    }));
  });
}

/** A client's measures and open safety flags, for their care team. */
export async function listClientMeasures(actor: Actor, clientId: string) {
  await authorize(actor, "read", "measure", { recordType: "Client", recordId: clientId, clientId });
  const client = await db().client.findFirst({
    where: { id: clientId, ...clientScope(actor) },
    select: {
      id: true,
      measureResponses: {
        orderBy: { takenAt: "asc" },
        select: {
          id: true,
          scale: true,
          context: true,
          answers: true,
          total: true,
          band: true,
          flags: true,
          takenAt: true,
        },
      },
      safetyFlags: {
        orderBy: { raisedAt: "desc" },
        select: {
          id: true,
          kind: true,
          reason: true,
          raisedAt: true,
          reviewedAt: true,
          reviewNote: true,
          measureResponseId: true,
        },
      },
    },
  });
  if (!client)
    return deniedAsNotFound(actor, { action: "measure.read", recordType: "Client", recordId: clientId });
  await audit(actor, { action: "measure.read", recordType: "Client", recordId: clientId, clientId });
  return client;
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
