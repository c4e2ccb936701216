import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { SCALES } from "@/lib/domain/measures/scales";
import { AppError } from "@/lib/errors";
import { requireOwnClient } from "@/lib/server/clients/own-client";
import { authorize } from "@/lib/server/core/authorize";
import { db } from "@/lib/server/core/db";
import { parseOrThrow } from "@/lib/server/core/parse";
import { transaction } from "@/lib/server/core/transaction";
import { type SubmitMeasureInput, submitMeasureSchema } from "@/lib/validation/measures";
import { notifySafetyFlag, saveScoredResponse, scoreAnswers } from "./measure-recording";

/**
 * A client submits a measure: scored on the server, stored fixed. A suicide-risk
 * answer raises a safety flag at once (audited, mailed to the care team without
 * PHI) and the client is shown crisis resources. The time frame asked (the C-SSRS
 * "since last visit" before a dose) comes from the clinic's request, never the form.
 */
export async function submitMeasure(actor: Actor, input: SubmitMeasureInput) {
  await authorize(actor, "submit", "measure");
  const data = parseOrThrow(submitMeasureSchema, input);
  const client = await requireOwnClient(actor);
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
  const variant = request?.variant ?? "STANDARD";
  const result = scoreAnswers(data.scale, data.answers, variant);
  const context = request?.context ?? "INTAKE";
  if (context === "INTAKE" && client.stage !== "INTAKE_IN_PROGRESS" && client.stage !== "INVITED") {
    throw new AppError("CONFLICT", "Your intake questionnaires are already with your care team.");
  }

  const { response: saved, safety } = await transaction(actor, async (tx) => {
    if (context === "INTAKE") {
      const done = await tx.measureResponse.findFirst({
        where: { clientId: client.id, scale: data.scale, context: "INTAKE" },
        select: { id: true },
      });
      if (done)
        throw new AppError("CONFLICT", `You have already completed the ${SCALES[data.scale].shortTitle}.`);
    }
    return saveScoredResponse(tx, actor, {
      clientId: client.id,
      scale: data.scale,
      variant,
      context,
      answers: data.answers,
      result,
      requestId: request?.id,
      seriesId: request?.seriesId,
      sessionId: request?.sessionId,
      action: "measure.submit",
    });
  });

  if (safety.length > 0) await notifySafetyFlag(actor.practiceId, client.id, `MeasureResponse ${saved.id}`);
  return {
    id: saved.id,
    scale: data.scale,
    total: result.total,
    band: result.band,
    bandLabel: result.bandLabel,
    safetyFlag: safety.length > 0,
  };
}
