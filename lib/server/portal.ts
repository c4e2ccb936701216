import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { audit } from "./audit";
import { authorize } from "./authorize";
import { db } from "./db";

/** The signed-in client's own record: stage and upcoming sessions. */
export async function getPortalHome(actor: Actor) {
  await authorize(actor, "read", "client");
  if (actor.role !== "CLIENT" || !actor.clientId) throw new AppError("NOT_FOUND", "Not found.");
  const client = await db().client.findFirst({
    where: { id: actor.clientId, userId: actor.userId, deletedAt: null },
    select: {
      id: true,
      legalFirstName: true,
      preferredName: true,
      stage: true,
      practice: { select: { name: true, timeZone: true } },
    },
  });
  if (!client) throw new AppError("NOT_FOUND", "Not found.");
  const upcoming = await db().session.findMany({
    where: {
      deletedAt: null,
      status: { in: ["SCHEDULED", "CONFIRMED"] },
      endsAt: { gte: new Date() },
      series: { participants: { some: { clientId: client.id } }, deletedAt: null },
    },
    orderBy: { startsAt: "asc" },
    take: 5,
    select: { id: true, kind: true, startsAt: true, endsAt: true, location: true, telehealthUrl: true },
  });
  await audit(actor, {
    action: "portal.home",
    recordType: "Client",
    recordId: client.id,
    clientId: client.id,
  });
  return { client, upcoming };
}
