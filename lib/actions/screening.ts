"use server";

import { answerInformationRequest } from "@/lib/server/screening/information-requests";
import { decideScreening, revisitScreening } from "@/lib/server/screening/screening-decisions";
import {
  answerInformationRequestSchema,
  decideScreeningSchema,
  revisitScreeningSchema,
} from "@/lib/validation/screening";
import { action } from "./define";

const QUEUE = "/screenings";

export const decideScreeningAction = action(
  decideScreeningSchema,
  (actor, input) => decideScreening(actor, input),
  { revalidate: QUEUE },
);

export const revisitScreeningAction = action(
  revisitScreeningSchema,
  (actor, input) => revisitScreening(actor, input),
  { revalidate: QUEUE },
);

/** The client, or a therapist on their care team, answers a prescriber's question. */
export const answerInformationRequestAction = action(answerInformationRequestSchema, (actor, input) =>
  answerInformationRequest(actor, input),
);
