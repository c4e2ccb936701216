import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { clientScope } from "@/lib/auth/relations";
import { AppError } from "@/lib/errors";
import { audit } from "@/lib/server/core/audit";
import { authorize, deniedAsNotFound } from "@/lib/server/core/authorize";
import { db } from "@/lib/server/core/db";
import { parseOrThrow } from "@/lib/server/core/parse";
import { transaction } from "@/lib/server/core/transaction";
import {
  type AnswerInformationRequestInput,
  answerInformationRequestSchema,
} from "@/lib/validation/screening";
import { reopenScreening, screeningToReopenSelect } from "./screening-decisions";

/**
 * The client (or a therapist on their care team) answers a prescriber's
 * question. The answer is kept with the request and a new screening, superseding
 * the signed one, goes back to the queue.
 */
export async function answerInformationRequest(actor: Actor, input: AnswerInformationRequestInput) {
  const data = parseOrThrow(answerInformationRequestSchema, input);
  await authorize(actor, "answer", "informationRequest", {
    recordType: "InformationRequest",
    recordId: data.requestId,
  });
  const request = await db().informationRequest.findFirst({
    where: { id: data.requestId, client: clientScope(actor) },
    select: {
      id: true,
      answeredAt: true,
      clientId: true,
      screening: { select: { ...screeningToReopenSelect, supersededBy: { select: { id: true } } } },
    },
  });
  if (!request) {
    return deniedAsNotFound(actor, {
      action: "information_request.answer",
      recordType: "InformationRequest",
      recordId: data.requestId,
    });
  }
  if (request.answeredAt || request.screening.supersededBy)
    throw new AppError("CONFLICT", "This question was already answered.");
  return transaction(actor, async (tx) => {
    const { count } = await tx.informationRequest.updateMany({
      where: { id: request.id, answeredAt: null },
      data: { answer: data.answer, answeredById: actor.userId, answeredAt: new Date() },
    });
    if (count !== 1) throw new AppError("CONFLICT", "This question was already answered.");
    const next = await reopenScreening(
      tx,
      request.screening,
      "The client's answer to the prescriber's question",
    );
    await audit(
      actor,
      {
        action: "information_request.answer",
        recordType: "InformationRequest",
        recordId: request.id,
        clientId: request.clientId,
      },
      tx,
    );
    await audit(
      actor,
      {
        action: "screening.create",
        recordType: "Screening",
        recordId: next.id,
        clientId: request.clientId,
        detail: { supersedes: request.screening.id },
      },
      tx,
    );
    return { screeningId: next.id };
  });
}

/** Open questions from the prescriber to this client, for the portal; the read is audited. */
export async function openInformationRequests(actor: Actor) {
  await authorize(actor, "answer", "informationRequest");
  if (actor.role !== "CLIENT" || !actor.clientId)
    return deniedAsNotFound(actor, { action: "information_request.list" });
  const requests = await db().informationRequest.findMany({
    where: { clientId: actor.clientId, answeredAt: null, client: { userId: actor.userId } },
    orderBy: { createdAt: "asc" },
    select: { id: true, question: true, createdAt: true },
  });
  await audit(actor, {
    action: "information_request.list",
    recordType: "Client",
    recordId: actor.clientId,
    clientId: actor.clientId,
    detail: { count: requests.length },
  });
  return requests;
}
