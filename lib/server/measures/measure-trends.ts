import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { clientScope } from "@/lib/auth/relations";
import { requestState, TRACKED_SCALES, trendSummary } from "@/lib/domain/measures/measure-schedule";
import { bandRanges, isScaleId } from "@/lib/domain/measures/scales";
import { audit } from "@/lib/server/core/audit";
import { authorize, deniedAsNotFound } from "@/lib/server/core/authorize";
import { db } from "@/lib/server/core/db";
import { measureScoreSelect } from "@/lib/server/measures/measure-selects";

/** A client's measures over time for the care team: trends, response and remission, and what is due. */
export async function getMeasureTrends(actor: Actor, clientId: string) {
  await authorize(actor, "read", "measure", { recordType: "Client", recordId: clientId, clientId });
  const client = await db().client.findFirst({
    where: { id: clientId, ...clientScope(actor) },
    select: {
      id: true,
      measureResponses: {
        orderBy: { takenAt: "asc" },
        select: measureScoreSelect,
      },
      measureRequests: {
        where: { cancelledAt: null, response: null },
        orderBy: { dueAt: "asc" },
        take: 30,
        select: { id: true, scale: true, context: true, dueAt: true, opensAt: true },
      },
    },
  });
  if (!client)
    return deniedAsNotFound(actor, { action: "measure.trends", recordType: "Client", recordId: clientId });
  await audit(actor, { action: "measure.trends", recordType: "Client", recordId: clientId, clientId });
  const now = new Date();
  const trends = TRACKED_SCALES.map((scale) => {
    const points = client.measureResponses
      .filter((m) => m.scale === scale && m.total !== null)
      .map((m) => ({ total: m.total ?? 0, takenAt: m.takenAt }));
    return {
      scale,
      points,
      summary: trendSummary(scale, points),
      bands: isScaleId(scale) ? bandRanges(scale) : [],
    };
  });
  const pending = client.measureRequests.map((r) => ({
    ...r,
    state: requestState({ ...r, opensAt: r.opensAt ?? r.dueAt, completedAt: null, cancelledAt: null }, now),
  }));
  return { trends, measures: client.measureResponses, pending };
}
