import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { type Paged, pageWindow, toPage } from "@/lib/domain/core/pagination";
import type { Prisma } from "@/lib/generated/prisma/client";
import { auditClientList } from "@/lib/server/clients/client-list";
import { clientNameSelect } from "@/lib/server/clients/client-selects";
import { authorize } from "@/lib/server/core/authorize";
import { db } from "@/lib/server/core/db";
import type { QueueQuery } from "@/lib/validation/screening";

export type QueueRow = {
  id: string;
  createdAt: Date;
  absoluteFlagCount: number;
  relativeFlagCount: number;
  supersedesId: string | null;
  client: {
    id: string;
    legalFirstName: string;
    legalLastName: string;
    preferredName: string | null;
    state: string;
  };
};

/** Screenings awaiting a prescriber in the actor's practice, oldest first, filtered. */
export async function listScreeningQueue(actor: Actor, query: QueueQuery): Promise<Paged<QueueRow>> {
  await authorize(actor, "queue", "screening");
  const q = query.q?.trim();
  const where: Prisma.ScreeningWhereInput = {
    practiceId: actor.practiceId,
    status: "AWAITING_REVIEW",
    client: {
      deletedAt: null,
      ...(query.state ? { state: query.state } : {}),
      ...(q
        ? {
            OR: [
              { legalFirstName: { contains: q, mode: "insensitive" } },
              { legalLastName: { contains: q, mode: "insensitive" } },
              { preferredName: { contains: q, mode: "insensitive" } },
            ],
          }
        : {}),
    },
    ...(query.filter === "absolute" ? { absoluteFlagCount: { gt: 0 } } : {}),
    ...(query.filter === "rereview" ? { supersedesId: { not: null } } : {}),
  };
  const rows = await db().screening.findMany({
    where,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    ...pageWindow(query.page),
    select: {
      id: true,
      createdAt: true,
      absoluteFlagCount: true,
      relativeFlagCount: true,
      supersedesId: true,
      client: {
        select: { ...clientNameSelect, state: true },
      },
    },
  });
  const paged = toPage(rows, query.page);
  await auditClientList(
    actor,
    "screening.queue",
    paged.items.map((r) => r.client.id),
  );
  return paged;
}
