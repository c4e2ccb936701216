import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "./authorize";
import { auditClientList } from "./clients";
import { db } from "./db";
import { type Paged, pageWindow, toPage } from "./pagination";

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

/** Screenings awaiting a prescriber in the actor's practice, oldest first. */
export async function listAwaitingScreenings(actor: Actor, page: number): Promise<Paged<QueueRow>> {
  await authorize(actor, "queue", "screening");
  const rows = await db().screening.findMany({
    where: { practiceId: actor.practiceId, status: "AWAITING_REVIEW", client: { deletedAt: null } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    ...pageWindow(page),
    select: {
      id: true,
      createdAt: true,
      absoluteFlagCount: true,
      relativeFlagCount: true,
      supersedesId: true,
      client: {
        select: { id: true, legalFirstName: true, legalLastName: true, preferredName: true, state: true },
      },
    },
  });
  const paged = toPage(rows, page);
  await auditClientList(
    actor,
    "screening.queue",
    paged.items.map((r) => r.client.id),
  );
  return paged;
}
