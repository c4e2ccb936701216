import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { clientScope } from "@/lib/auth/relations";
import type { Prisma } from "@/lib/generated/prisma/client";
import { clientNameSelect } from "@/lib/server/clients/client-selects";
import { audit } from "@/lib/server/core/audit";
import { authorize, deniedAsNotFound } from "@/lib/server/core/authorize";
import { db } from "@/lib/server/core/db";

const clientSummarySelect = {
  ...clientNameSelect,
  pronouns: true,
  dateOfBirth: true,
  state: true,
  email: true,
  phone: true,
  stage: true,
  stageChangedAt: true,
  userId: true,
  createdAt: true,
  careTeam: {
    where: { removedAt: null },
    select: { role: true, user: { select: { id: true, name: true, role: true } } },
  },
  safetyFlags: {
    orderBy: { raisedAt: "desc" },
    take: 20,
    select: { id: true, reason: true, raisedAt: true, raisedById: true, reviewedAt: true, reviewNote: true },
  },
  seriesParticipations: {
    where: { series: { deletedAt: null } },
    select: { series: { select: { id: true, kind: true, status: true, createdAt: true } } },
  },
  screenings: {
    orderBy: { createdAt: "desc" },
    take: 10,
    select: {
      id: true,
      status: true,
      decision: true,
      signedAt: true,
      createdAt: true,
      supersedesId: true,
      conditions: true,
      prescriber: { select: { name: true } },
      informationRequests: {
        where: { answeredAt: null },
        select: { id: true, question: true, createdAt: true },
      },
    },
  },
} satisfies Prisma.ClientSelect;
export type ClientSummary = Prisma.ClientGetPayload<{ select: typeof clientSummarySelect }>;

/** One client's record as the actor may see it; 404 (audited) when out of their reach. */
export async function getClientSummary(actor: Actor, clientId: string): Promise<ClientSummary> {
  await authorize(actor, "read", "client", { recordType: "Client", recordId: clientId, clientId });
  const client = await db().client.findFirst({
    where: { id: clientId, ...clientScope(actor) },
    select: clientSummarySelect,
  });
  if (!client) {
    return deniedAsNotFound(actor, { action: "client.read", recordType: "Client", recordId: clientId });
  }
  await audit(actor, {
    action: "client.read",
    recordType: "Client",
    recordId: client.id,
    clientId: client.id,
  });
  // Safety flags and screenings are clinical: only roles that may read them get them.
  return {
    ...client,
    safetyFlags: can(actor.role, "read", "safetyFlag") ? client.safetyFlags : [],
    screenings: can(actor.role, "read", "screening") ? client.screenings : [],
    seriesParticipations: can(actor.role, "read", "series") ? client.seriesParticipations : [],
  };
}
