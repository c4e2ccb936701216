import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { ScaleId } from "@/lib/domain/measures/measure-types";
import { requireOwnClient } from "@/lib/server/clients/own-client";
import { audit } from "@/lib/server/core/audit";
import { authorize } from "@/lib/server/core/authorize";
import { db } from "@/lib/server/core/db";

/** Whether the client already completed this intake measure (the form then says so). */
export async function ownIntakeMeasureDone(actor: Actor, scale: ScaleId) {
  await authorize(actor, "submit", "measure");
  const client = await requireOwnClient(actor, "measure.status");
  const done = await db().measureResponse.findFirst({
    where: { clientId: client.id, scale, context: "INTAKE" },
    select: { id: true, takenAt: true },
  });
  await audit(actor, {
    action: "measure.status",
    recordType: done ? "MeasureResponse" : "Client",
    recordId: done?.id ?? client.id,
    clientId: client.id,
    detail: { scale },
  });
  return { done: Boolean(done), takenAt: done?.takenAt ?? null, stage: client.stage };
}
