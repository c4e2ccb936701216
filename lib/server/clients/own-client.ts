import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { clientNameSelect } from "@/lib/server/clients/client-selects";
import { deniedAsNotFound } from "@/lib/server/core/authorize";
import { db } from "@/lib/server/core/db";

/**
 * The signed-in client's own record; anyone else gets not-found, audited under
 * `action` (what they were trying to do).
 */
export async function requireOwnClient(actor: Actor, action = "client.own_record") {
  if (actor.role !== "CLIENT" || !actor.clientId) return deniedAsNotFound(actor, { action });
  const client = await db().client.findFirst({
    where: { id: actor.clientId, userId: actor.userId, practiceId: actor.practiceId, deletedAt: null },
    select: {
      ...clientNameSelect,
      stage: true,
      state: true,
      dateOfBirth: true,
    },
  });
  if (!client) return deniedAsNotFound(actor, { action, recordType: "Client", recordId: actor.clientId });
  return client;
}
