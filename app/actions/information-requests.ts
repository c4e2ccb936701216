"use server";

import { runAction } from "@/lib/server/action";
import { answerInformationRequest } from "@/lib/server/screening-followup";
import type { AnswerInformationRequestInput } from "@/lib/validation/screenings";

/** The client, or a therapist on their care team, answers a prescriber's question. */
export async function answerInformationRequestAction(input: AnswerInformationRequestInput) {
  return runAction((actor) => answerInformationRequest(actor, input));
}
