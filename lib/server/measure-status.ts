import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { ScaleId } from "@/lib/domain/measures";
import { db } from "./db";
import { requireOwnClient } from "./own-client";

/** Whether the client already completed this intake measure (the form then says so). */
export async function ownIntakeMeasureDone(actor: Actor, scale: ScaleId) {
  const client = await requireOwnClient(actor);
  const done = await db().measureResponse.findFirst({
    where: { clientId: client.id, scale, context: "INTAKE" },
    select: { takenAt: true },
  });
  return { done: Boolean(done), takenAt: done?.takenAt ?? null, stage: client.stage };
}
