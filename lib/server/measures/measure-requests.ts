import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { plannedMeasurePoints, requestState, syncPlan } from "@/lib/domain/measures/measure-schedule";
import { audit } from "@/lib/server/core/audit";
import { authorize, deniedAsNotFound } from "@/lib/server/core/authorize";
import { db, type Tx } from "@/lib/server/core/db";

/** Points long past when they are first planned are not asked for: the moment has gone. */
const MISSED_AFTER_MS = 24 * 3_600_000;

/**
 * Keeps each participant's measure requests in step with the series: before
 * each dose, at the end, and 1 and 3 months after. Called whenever sessions are
 * created, moved or cancelled; answered requests never change. Keys carry the
 * series id so a client's next series plans its own points.
 */
export async function syncMeasureRequests(tx: Tx, seriesId: string) {
  const series = await tx.series.findUniqueOrThrow({
    where: { id: seriesId },
    select: {
      practice: { select: { timeZone: true } },
      sessions: {
        where: { deletedAt: null },
        select: { id: true, kind: true, sequence: true, startsAt: true, endsAt: true, status: true },
      },
      participants: { select: { clientId: true } },
    },
  });
  const planned = plannedMeasurePoints({ sessions: series.sessions, timeZone: series.practice.timeZone });
  const byKey = new Map(planned.map((p) => [p.key, p]));
  const prefix = `${seriesId}:`;
  const now = Date.now();
  for (const { clientId } of series.participants) {
    const existing = await tx.measureRequest.findMany({
      where: { clientId, seriesId },
      select: { id: true, key: true, dueAt: true, cancelledAt: true, response: { select: { id: true } } },
    });
    const plan = syncPlan(
      planned,
      existing
        .filter((r) => r.key?.startsWith(prefix))
        .map((r) => ({
          id: r.id,
          key: (r.key ?? "").slice(prefix.length),
          dueAt: r.dueAt,
          completed: Boolean(r.response),
          cancelled: Boolean(r.cancelledAt),
        })),
    );
    const fresh = plan.create.filter((p) => p.dueAt.getTime() > now - MISSED_AFTER_MS);
    if (fresh.length > 0) {
      await tx.measureRequest.createMany({
        data: fresh.map((p) => ({
          clientId,
          seriesId,
          sessionId: p.sessionId,
          scale: p.scale,
          variant: p.variant,
          context: p.context,
          key: `${prefix}${p.key}`,
          dueAt: p.dueAt,
          opensAt: p.opensAt,
        })),
        skipDuplicates: true,
      });
    }
    for (const m of plan.move) {
      const key = existing.find((r) => r.id === m.id)?.key?.slice(prefix.length) ?? "";
      await tx.measureRequest.update({
        where: { id: m.id },
        data: { dueAt: m.dueAt, opensAt: byKey.get(key)?.opensAt ?? m.dueAt },
      });
    }
    if (plan.cancel.length > 0) {
      await tx.measureRequest.updateMany({
        where: { id: { in: plan.cancel } },
        data: { cancelledAt: new Date() },
      });
    }
  }
}

/** The questionnaires the signed-in client is asked to complete now; the read is audited. */
export async function ownOpenMeasureRequests(actor: Actor) {
  await authorize(actor, "submit", "measure");
  if (!actor.clientId) return deniedAsNotFound(actor, { action: "measure_request.list" });
  const now = new Date();
  const requests = await db().measureRequest.findMany({
    where: {
      clientId: actor.clientId,
      client: { userId: actor.userId },
      cancelledAt: null,
      response: null,
      opensAt: { lte: now },
    },
    orderBy: { dueAt: "asc" },
    take: 20,
    select: { id: true, scale: true, variant: true, context: true, dueAt: true, opensAt: true },
  });
  await audit(actor, {
    action: "measure_request.list",
    recordType: "Client",
    recordId: actor.clientId,
    clientId: actor.clientId,
    detail: { count: requests.length },
  });
  return requests.map((r) => ({
    ...r,
    state: requestState({ ...r, opensAt: r.opensAt ?? r.dueAt, completedAt: null, cancelledAt: null }, now),
  }));
}
