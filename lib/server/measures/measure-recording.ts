import "server-only";
import { ZodError } from "zod";
import type { Actor } from "@/lib/auth/actor";
import type { MeasureScore, MeasureVariant, ScaleId } from "@/lib/domain/measures/measure-types";
import { isSafetyFlag, scoreMeasure } from "@/lib/domain/measures/scales";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { audit } from "@/lib/server/core/audit";
import type { Tx } from "@/lib/server/core/db";
import { fieldErrorsOf } from "@/lib/server/core/parse";
import { notifyCareTeam } from "@/lib/server/mail/care-team-notice";

const SAFETY_REASON: Record<string, string> = {
  "phq9-item9": "PHQ-9 item 9 (thoughts of self-harm) answered above 0",
  "cssrs-high-risk": "C-SSRS screener: high risk",
  "cssrs-high-risk:SINCE_LAST_VISIT": "C-SSRS screener since last visit: high risk",
};

/** Scores on the server; answers that do not fit the scale (or its time frame) are field errors. */
export function scoreAnswers(scale: ScaleId, answers: unknown, variant: MeasureVariant): MeasureScore {
  try {
    return scoreMeasure(scale, answers, { variant });
  } catch (e) {
    if (e instanceof ZodError) {
      throw new AppError("VALIDATION", "Please answer every question.", { fieldErrors: fieldErrorsOf(e) });
    }
    throw e;
  }
}

/**
 * Stores a scored response, fixed, and raises a safety flag at once for each suicide-risk answer
 * (docs/clinical-rules.md §4), each with its audit row, in the caller's transaction. The caller
 * tells the care team after the commit (`notifySafetyFlag`) when `safety` is not empty.
 */
export async function saveScoredResponse(
  tx: Tx,
  actor: Actor,
  m: {
    clientId: string;
    scale: ScaleId;
    variant: MeasureVariant;
    context: "INTAKE" | "PRE_DOSE" | "END_OF_SERIES" | "FOLLOW_UP_1M" | "FOLLOW_UP_3M" | "AD_HOC";
    answers: unknown;
    result: MeasureScore;
    requestId?: string | null;
    seriesId?: string | null;
    sessionId?: string | null;
    administeredById?: string | null;
    /** The audit action of the response ("measure.submit", "measure.administer"). */
    action: string;
  },
) {
  const safety = m.result.flags.filter(isSafetyFlag);
  const response = await tx.measureResponse.create({
    data: {
      clientId: m.clientId,
      scale: m.scale,
      variant: m.variant,
      context: m.context,
      answers: m.answers as Prisma.InputJsonValue,
      total: m.result.total,
      band: m.result.band,
      flags: [...m.result.flags],
      requestId: m.requestId ?? undefined,
      seriesId: m.seriesId ?? undefined,
      sessionId: m.sessionId ?? undefined,
      administeredById: m.administeredById ?? undefined,
    },
  });
  await audit(
    actor,
    {
      action: m.action,
      recordType: "MeasureResponse",
      recordId: response.id,
      clientId: m.clientId,
      ...(m.variant === "STANDARD" ? {} : { detail: { variant: m.variant } }),
    },
    tx,
  );
  for (const flag of safety) {
    const raised = await tx.safetyFlag.create({
      data: {
        clientId: m.clientId,
        kind: "SUICIDE_RISK",
        reason: SAFETY_REASON[`${flag}:${m.variant}`] ?? SAFETY_REASON[flag] ?? flag,
        measureResponseId: response.id,
      },
    });
    await audit(
      actor,
      {
        action: "safety_flag.raise",
        recordType: "SafetyFlag",
        recordId: raised.id,
        clientId: m.clientId,
        detail: { flag },
      },
      tx,
    );
  }
  return { response, safety };
}

/**
 * Tells the care team a flag is waiting, without any PHI in the message. Sent
 * after the commit: a mail failure is logged, never shown to the person who
 * raised the flag (a client must see their result and the crisis resources).
 */
export async function notifySafetyFlag(practiceId: string, clientId: string, reference: string) {
  await notifyCareTeam(practiceId, clientId, reference, {
    subject: "Kapstone: a safety flag needs review",
    body: "A client on your care team has a safety flag that needs prompt review. Please sign in to Kapstone to see it on your caseload:",
  });
}
