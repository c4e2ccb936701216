import "server-only";
import { ZodError } from "zod";
import type { Actor } from "@/lib/auth/actor";
import type { MeasureScore } from "@/lib/domain/measures/measure-types";
import { isSafetyFlag, SCALES, scoreMeasure } from "@/lib/domain/measures/scales";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { requireOwnClient } from "@/lib/server/clients/own-client";
import { audit } from "@/lib/server/core/audit";
import { authorize } from "@/lib/server/core/authorize";
import { db } from "@/lib/server/core/db";
import { fieldErrorsOf, parseOrThrow } from "@/lib/server/core/parse";
import { transaction } from "@/lib/server/core/transaction";
import { appLink, sendAfterCommit } from "@/lib/server/mail/send-mail";
import { type SubmitMeasureInput, submitMeasureSchema } from "@/lib/validation/measures";

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

  const saved = await transaction(actor, async (tx) => {
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
