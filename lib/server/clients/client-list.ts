import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { clientScope } from "@/lib/auth/relations";
import { CLIENT_STAGES, type ClientStage } from "@/lib/domain/clients/stages";
import { type Paged, pageWindow, toPage } from "@/lib/domain/core/pagination";
import type { Prisma } from "@/lib/generated/prisma/client";
import { clientNameSelect } from "@/lib/server/clients/client-selects";
import { auditMany } from "@/lib/server/core/audit";
import { authorize } from "@/lib/server/core/authorize";
import { db } from "@/lib/server/core/db";

const clientRowSelect = {
  ...clientNameSelect,
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
