import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { clientScope } from "@/lib/auth/relations";
import { audit } from "@/lib/server/core/audit";
import { authorize, deniedAsNotFound } from "@/lib/server/core/authorize";
import { db } from "@/lib/server/core/db";
import { measureResponseSelect } from "@/lib/server/measures/measure-selects";

/** A client's measures and open safety flags, for their care team. */
export async function listClientMeasures(actor: Actor, clientId: string) {
  await authorize(actor, "read", "measure", { recordType: "Client", recordId: clientId, clientId });
  const client = await db().client.findFirst({
    where: { id: clientId, ...clientScope(actor) },
    select: {
      id: true,
      measureResponses: {
        orderBy: { takenAt: "asc" },
        select: measureResponseSelect,
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
