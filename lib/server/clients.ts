import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { clientScope } from "@/lib/auth/relations";
import { CLIENT_STAGES, type ClientStage } from "@/lib/domain/stages";
import type { Prisma } from "@/lib/generated/prisma/client";
import { audit, auditMany } from "./audit";
import { authorize, deniedAsNotFound } from "./authorize";
import { db } from "./db";
import { type Paged, pageWindow, toPage } from "./pagination";

const clientSummarySelect = {
  id: true,
  legalFirstName: true,
  legalLastName: true,
  preferredName: true,
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
    select: { id: true, reason: true, raisedAt: true, reviewedAt: true, reviewNote: true },
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

const clientRowSelect = {
  id: true,
  legalFirstName: true,
  legalLastName: true,
  preferredName: true,
  state: true,
  stage: true,
  stageChangedAt: true,
  dateOfBirth: true,
} satisfies Prisma.ClientSelect;
export type ClientRow = Prisma.ClientGetPayload<{ select: typeof clientRowSelect }>;

export type ClientFilter = { page: number; q?: string; stage?: string };

export function parseStage(v: string | undefined): ClientStage | undefined {
  return v && (CLIENT_STAGES as readonly string[]).includes(v) ? (v as ClientStage) : undefined;
}

/** Clients the actor may see, by name, filtered; each client shown is audited. */
export async function listClients(actor: Actor, filter: ClientFilter): Promise<Paged<ClientRow>> {
  await authorize(actor, "list", "client");
  const q = filter.q?.trim();
  const stage = parseStage(filter.stage);
  const rows = await db().client.findMany({
    where: {
      AND: [
        clientScope(actor),
        stage ? { stage } : {},
        q
          ? {
              OR: [
                { legalFirstName: { contains: q, mode: "insensitive" } },
                { legalLastName: { contains: q, mode: "insensitive" } },
                { preferredName: { contains: q, mode: "insensitive" } },
                { email: { contains: q, mode: "insensitive" } },
              ],
            }
          : {},
      ],
    },
    orderBy: [{ legalLastName: "asc" }, { legalFirstName: "asc" }, { id: "asc" }],
    ...pageWindow(filter.page),
    select: clientRowSelect,
  });
  const page = toPage(rows, filter.page);
  await auditClientList(
    actor,
    "client.list",
    page.items.map((c) => c.id),
  );
  return page;
}

/** One audit row per client shown in a list, written in one statement. */
export async function auditClientList(actor: Actor, action: string, clientIds: string[]) {
  await auditMany(
    actor,
    clientIds.map((id) => ({ action, recordType: "Client", recordId: id, clientId: id })),
  );
}

export const displayName = (c: {
  preferredName: string | null;
  legalFirstName: string;
  legalLastName: string;
}) => `${c.preferredName ?? c.legalFirstName} ${c.legalLastName}`;
