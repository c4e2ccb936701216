import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { careTeamMembership } from "@/lib/auth/relations";
import { type Paged, pageWindow, toPage } from "@/lib/domain/core/pagination";
import { AppError } from "@/lib/errors";
import { clientNameSelect } from "@/lib/server/clients/client-selects";
import { authorize } from "@/lib/server/core/authorize";
import { db } from "@/lib/server/core/db";
import { auditClientList } from "./client-list";

export type CaseloadRow = {
  id: string;
  legalFirstName: string;
  legalLastName: string;
  preferredName: string | null;
  stage: string;
  stageChangedAt: Date;
  nextSession: { id: string; kind: string; startsAt: Date } | null;
  openSafetyFlags: number;
  /** Completed sessions of the last 60 days whose note is missing or unsigned. */
  notesToSign: number;
  measuresDue: number;
  measuresOverdue: number;
  /** For prescribers: follow-ups they run in the next 7 days or left open. */
  followUpsDue: number;
  /** Dosing records completed and awaiting a prescriber's signature. */
  recordsToSign: number;
  /** Adverse events and out-of-range readings not yet reviewed (in unsigned records). */
  eventsToReview: number;
};

type Enrichment = {
  clientId: string;
  sessionId: string | null;
  kind: string | null;
  startsAt: Date | null;
  openFlags: number;
  notesToSign: number;
  measuresDue: number;
  measuresOverdue: number;
  followUpsDue: number;
  recordsToSign: number;
  eventsToReview: number;
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
      careTeam: { some: careTeamMembership(actor) },
    },
    orderBy: [{ legalLastName: "asc" }, { legalFirstName: "asc" }, { id: "asc" }],
    ...pageWindow(page),
    select: {
      ...clientNameSelect,
      stage: true,
      stageChangedAt: true,
    },
  });
  const paged = toPage(clients, page);
  const ids = paged.items.map((c) => c.id);
  const extra = ids.length ? await enrich(ids, actor.userId) : [];
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
        notesToSign: Number(e?.notesToSign ?? 0),
        measuresDue: Number(e?.measuresDue ?? 0),
        measuresOverdue: Number(e?.measuresOverdue ?? 0),
        followUpsDue: Number(e?.followUpsDue ?? 0),
        recordsToSign: Number(e?.recordsToSign ?? 0),
        eventsToReview: Number(e?.eventsToReview ?? 0),
      };
    }),
  };
}

/**
 * For each client, in one query: the next session, open safety flags, notes to
 * sign, measures due and overdue (2 days' grace), and for the prescriber their
 * follow-ups due, records to sign and events to review.
 */
function enrich(clientIds: string[], userId: string) {
  return db().$queryRaw<Enrichment[]>`
    SELECT c.id AS "clientId", nxt.id AS "sessionId", nxt.kind::text AS kind, nxt."startsAt",
      (SELECT count(*)::int FROM "SafetyFlag" f WHERE f."clientId" = c.id AND f."reviewedAt" IS NULL) AS "openFlags",
      (SELECT count(*)::int FROM "Session" s
         JOIN "SeriesParticipant" sp ON sp."seriesId" = s."seriesId" AND sp."clientId" = c.id
        WHERE s.status IN ('COMPLETED', 'ENDED_EARLY') AND s."deletedAt" IS NULL AND s."startsAt" > now() - interval '60 days'
          AND NOT EXISTS (SELECT 1 FROM "Note" n WHERE n."sessionId" = s.id AND n."isPrivate" = false
                            AND n.status = 'SIGNED' AND n."deletedAt" IS NULL)) AS "notesToSign",
      (SELECT count(*)::int FROM "MeasureRequest" r
        WHERE r."clientId" = c.id AND r."cancelledAt" IS NULL AND COALESCE(r."opensAt", r."dueAt") <= now()
          AND NOT EXISTS (SELECT 1 FROM "MeasureResponse" m WHERE m."requestId" = r.id)) AS "measuresDue",
      (SELECT count(*)::int FROM "MeasureRequest" r
        WHERE r."clientId" = c.id AND r."cancelledAt" IS NULL AND r."dueAt" < now() - interval '2 days'
          AND NOT EXISTS (SELECT 1 FROM "MeasureResponse" m WHERE m."requestId" = r.id)) AS "measuresOverdue",
      (SELECT count(*)::int FROM "Session" s
         JOIN "SeriesParticipant" sp ON sp."seriesId" = s."seriesId" AND sp."clientId" = c.id
        WHERE s.kind = 'FOLLOW_UP' AND s."clinicianId" = ${userId} AND s."deletedAt" IS NULL
          AND s.status IN ('SCHEDULED', 'CONFIRMED', 'IN_PROGRESS') AND s."startsAt" < now() + interval '7 days') AS "followUpsDue",
      (SELECT count(*)::int FROM "DosingRecord" d WHERE d."clientId" = c.id AND d.status = 'COMPLETED') AS "recordsToSign",
      (SELECT count(*)::int FROM "DosingRecord" d
         JOIN "AdverseEvent" a ON a."dosingRecordId" = d.id
        WHERE d."clientId" = c.id AND a."reviewedAt" IS NULL AND d.status <> 'SIGNED')
      + (SELECT count(*)::int FROM "DosingRecord" d
           JOIN "VitalSign" v ON v."dosingRecordId" = d.id
          WHERE d."clientId" = c.id AND d.status <> 'SIGNED' AND cardinality(v.alerts) > 0) AS "eventsToReview"
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
