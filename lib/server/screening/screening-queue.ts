import "server-only";
import { addDays, subMonths } from "date-fns";
import type { Actor } from "@/lib/auth/actor";
import { readPracticeSettings } from "@/lib/domain/admin/practice-settings";
import { PAGE_SIZE, type Paged } from "@/lib/domain/core/pagination";
import type { Prisma } from "@/lib/generated/prisma/client";
import { auditClientList } from "@/lib/server/clients/client-list";
import { clientNameSelect } from "@/lib/server/clients/client-selects";
import { authorize } from "@/lib/server/core/authorize";
import { db } from "@/lib/server/core/db";
import type { QueueQuery } from "@/lib/validation/screening";
import { eligibilityAt, eligibilityScreeningSelect } from "./eligibility-now";

export type QueueRow = {
  id: string;
  createdAt: Date;
  absoluteFlagCount: number;
  relativeFlagCount: number;
  supersedesId: string | null;
  /**
   * Why the client is waiting: a screening awaiting review, or an eligible decision that is no
   * longer current (docs/clinical-rules.md §2 "Eligibility in time"), with its reason in words.
   */
  waiting: { kind: "AWAITING_REVIEW" } | { kind: "EXPIRED"; reason: string };
  /** Since when the client waits: the screening's creation, or the decision's expiry. */
  since: Date;
  client: {
    id: string;
    legalFirstName: string;
    legalLastName: string;
    preferredName: string | null;
    state: string;
  };
};

/**
 * Clients waiting for a prescriber in the actor's practice, longest waiting first, filtered: every
 * screening awaiting review, and every client whose eligible decision has expired (past the
 * practice's re-review interval, or an intake since with other flags), back in the queue until a
 * prescriber reviews them again. The decision itself stays as it was signed.
 */
export async function listScreeningQueue(actor: Actor, query: QueueQuery): Promise<Paged<QueueRow>> {
  await authorize(actor, "queue", "screening");
  const q = query.q?.trim();
  const practice = await db().practice.findUniqueOrThrow({
    where: { id: actor.practiceId },
    select: { settings: true, timeZone: true },
  });
  const now = new Date();
  // A loose bound in SQL (a few days' margin for month ends and time zones); the rule decides.
  const expiredBefore = addDays(
    subMonths(now, readPracticeSettings(practice.settings).eligibilityReviewMonths),
    3,
  );
  const where: Prisma.ScreeningWhereInput = {
    practiceId: actor.practiceId,
    OR: [
      { status: "AWAITING_REVIEW" },
      // An eligible decision nothing superseded, signed long enough ago to have expired.
      {
        status: "SIGNED",
        decision: "ELIGIBLE",
        supersededBy: { is: null },
        signedAt: { lte: expiredBefore },
      },
    ],
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
  };
  const found = await db().screening.findMany({
    where,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      status: true,
      createdAt: true,
      absoluteFlagCount: true,
      relativeFlagCount: true,
      supersedesId: true,
      client: {
        select: { ...clientNameSelect, state: true, screenings: { select: eligibilityScreeningSelect } },
      },
    },
  });
  const rows: QueueRow[] = [];
  for (const { client, status, ...s } of found) {
    const { screenings, ...who } = client;
    if (status === "AWAITING_REVIEW") {
      if (query.filter === "rereview" && !s.supersedesId) continue;
      rows.push({ ...s, client: who, waiting: { kind: "AWAITING_REVIEW" }, since: s.createdAt });
      continue;
    }
    // Listed only while it is the decision in force and the rule says it has expired.
    const e = eligibilityAt(screenings, practice, now);
    if (e.state !== "EXPIRED" || e.screeningId !== s.id) continue;
    rows.push({
      ...s,
      client: who,
      waiting: { kind: "EXPIRED", reason: e.expiry ?? "eligibility is no longer current" },
      since: e.expiresAt ?? s.createdAt,
    });
  }
  rows.sort((a, b) => a.since.getTime() - b.since.getTime() || a.id.localeCompare(b.id));
  const start = (query.page - 1) * PAGE_SIZE;
  const paged: Paged<QueueRow> = {
    items: rows.slice(start, start + PAGE_SIZE),
    page: query.page,
    pageSize: PAGE_SIZE,
    hasNext: rows.length > start + PAGE_SIZE,
  };
  await auditClientList(
    actor,
    "screening.queue",
    paged.items.map((r) => r.client.id),
  );
  return paged;
}
