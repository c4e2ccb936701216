import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { authorize } from "./authorize";
import { auditClientList } from "./clients";
import { db } from "./db";
import { type Paged, pageWindow, toPage } from "./pagination";

export type CaseloadRow = {
  id: string;
  legalFirstName: string;
  legalLastName: string;
  preferredName: string | null;
  stage: string;
  stageChangedAt: Date;
  nextSession: { id: string; kind: string; startsAt: Date } | null;
  openSafetyFlags: number;
};

type Enrichment = {
  clientId: string;
  sessionId: string | null;
  kind: string | null;
  startsAt: Date | null;
  openFlags: number;
};

/**
 * A clinician's caseload: the clients on their care team, with stage, next
 * session and open safety flags. Three queries whatever the page size.
 */
export async function getCaseload(actor: Actor, page: number): Promise<Paged<CaseloadRow>> {
  await authorize(actor, "list", "client");
  if (actor.role !== "THERAPIST" && actor.role !== "PRESCRIBER") {
    throw new AppError("FORBIDDEN", "Only clinicians have a caseload.");
  }
  const clients = await db().client.findMany({
    where: {
      practiceId: actor.practiceId,
      deletedAt: null,
      careTeam: { some: { userId: actor.userId, removedAt: null } },
    },
    orderBy: [{ legalLastName: "asc" }, { legalFirstName: "asc" }, { id: "asc" }],
    ...pageWindow(page),
    select: {
      id: true,
      legalFirstName: true,
      legalLastName: true,
      preferredName: true,
      stage: true,
      stageChangedAt: true,
    },
  });
  const paged = toPage(clients, page);
  const ids = paged.items.map((c) => c.id);
  const extra = ids.length ? await enrich(ids) : [];
  const byId = new Map(extra.map((e) => [e.clientId, e]));
  await auditClientList(actor, "caseload.read", ids);
  return {
    ...paged,
    items: paged.items.map((c) => {
      const e = byId.get(c.id);
      return {
        ...c,
        nextSession:
          e?.sessionId && e.kind && e.startsAt
            ? { id: e.sessionId, kind: e.kind, startsAt: e.startsAt }
            : null,
        openSafetyFlags: Number(e?.openFlags ?? 0),
      };
    }),
  };
}

/** Next upcoming session and open safety flags for each client, in one query. */
function enrich(clientIds: string[]) {
  return db().$queryRaw<Enrichment[]>`
    SELECT c.id AS "clientId", nxt.id AS "sessionId", nxt.kind::text AS kind, nxt."startsAt",
           (SELECT count(*)::int FROM "SafetyFlag" f
             WHERE f."clientId" = c.id AND f."reviewedAt" IS NULL) AS "openFlags"
    FROM unnest(${clientIds}::text[]) AS c(id)
    LEFT JOIN LATERAL (
      SELECT s.id, s.kind, s."startsAt"
      FROM "Session" s
      JOIN "SeriesParticipant" sp ON sp."seriesId" = s."seriesId"
      WHERE sp."clientId" = c.id
        AND s."deletedAt" IS NULL
        AND s.status IN ('SCHEDULED', 'CONFIRMED', 'IN_PROGRESS')
        AND s."endsAt" >= now()
      ORDER BY s."startsAt"
      LIMIT 1
    ) nxt ON true`;
}
