import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { db } from "./db";

/** The signed-in client's own record; anyone else gets not-found. */
export async function requireOwnClient(actor: Actor) {
  if (actor.role !== "CLIENT" || !actor.clientId) throw new AppError("NOT_FOUND", "Not found.");
  const client = await db().client.findFirst({
    where: { id: actor.clientId, userId: actor.userId, practiceId: actor.practiceId, deletedAt: null },
    select: {
      id: true,
      legalFirstName: true,
      legalLastName: true,
      preferredName: true,
      stage: true,
      state: true,
      dateOfBirth: true,
    },
  });
  if (!client) throw new AppError("NOT_FOUND", "Not found.");
  return client;
}
