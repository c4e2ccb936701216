import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { plannedVariant } from "@/lib/domain/measures/measure-schedule";
import { AppError } from "@/lib/errors";
import { authorize } from "@/lib/server/core/authorize";
import { parseOrThrow } from "@/lib/server/core/parse";
import { transaction } from "@/lib/server/core/transaction";
import { assertOpen, loadRecord } from "@/lib/server/dosing/record-access";
import {
  type AdministerPreDoseMeasureInput,
  administerPreDoseMeasureSchema,
} from "@/lib/validation/measures";
import { notifySafetyFlag, saveScoredResponse, scoreAnswers } from "./measure-recording";

/**
 * A clinician asks the client a pre-dose questionnaire on the dosing day (the C-SSRS since last
 * visit, or the PHQ-9) and enters the answers: scored on the server, stored for this dosing
 * session with who administered it, and it answers the client's open request for it, so the
 * portal stops asking. A suicide-risk answer raises a safety flag at once, which holds the dose.
 */
export async function administerPreDoseMeasure(actor: Actor, input: AdministerPreDoseMeasureInput) {
  const data = parseOrThrow(administerPreDoseMeasureSchema, input);
  await authorize(actor, "administer", "measure", { recordType: "DosingRecord", recordId: data.recordId });
  const variant = plannedVariant(data.scale);
  const result = scoreAnswers(data.scale, data.answers, variant);
  const { response, safety, clientId } = await transaction(actor, async (tx) => {
    const r = await loadRecord(tx, actor, data.recordId, "measure.administer");
    assertOpen(r);
    if (r.doseGivenAt)
      throw new AppError("CONFLICT", "The dose is already given: pre-dose questionnaires come before it.");
    const request = await tx.measureRequest.findFirst({
      where: {
        clientId: r.clientId,
        sessionId: r.sessionId,
        context: "PRE_DOSE",
        scale: data.scale,
        variant,
        cancelledAt: null,
        response: null,
      },
      select: { id: true },
    });
    const saved = await saveScoredResponse(tx, actor, {
      clientId: r.clientId,
      scale: data.scale,
      variant,
      context: "PRE_DOSE",
      answers: data.answers,
      result,
      requestId: request?.id,
      seriesId: r.session.seriesId,
      sessionId: r.sessionId,
      administeredById: actor.userId,
      action: "measure.administer",
    });
    return { ...saved, clientId: r.clientId };
  });
  if (safety.length > 0) await notifySafetyFlag(actor.practiceId, clientId, `MeasureResponse ${response.id}`);
  return {
    id: response.id,
    scale: data.scale,
    total: result.total,
    band: result.band,
    bandLabel: result.bandLabel,
    safetyFlag: safety.length > 0,
  };
}
