import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { seriesScope } from "@/lib/auth/relations";
import { shiftSessions } from "@/lib/domain/scheduling/series-plan";
import { AppError } from "@/lib/errors";
import { authorize, deniedAsNotFound } from "@/lib/server/core/authorize";
import { parseOrThrow } from "@/lib/server/core/parse";
import { transaction } from "@/lib/server/core/transaction";
import { syncMeasureRequests } from "@/lib/server/measures/measure-requests";
import { type ShiftSeriesInput, shiftSeriesSchema } from "@/lib/validation/scheduling";
import {
  assertMovable,
  assertMovedDosesAllowed,
  auditEach,
  loadSession,
  RESEND_REMINDERS,
} from "./session-moves";

/**
 * Moves every upcoming session of a series by N local days (wall-clock times kept
 * across DST), with the checks a reschedule runs: series order, everyone's
 * calendar, and the gate of every confirmed dose. Any refusal moves nothing.
 */
export async function shiftSeries(actor: Actor, input: ShiftSeriesInput) {
  const data = parseOrThrow(shiftSeriesSchema, input);
  await authorize(actor, "update", "session", { recordType: "Series", recordId: data.seriesId });
  return transaction(actor, async (tx) => {
    const series = await tx.series.findFirst({
      where: { id: data.seriesId, ...seriesScope(actor) },
      select: { id: true },
    });
    if (!series)
      return deniedAsNotFound(actor, {
        action: "series.shift",
        recordType: "Series",
        recordId: data.seriesId,
      });
    const now = new Date();
    const anchor = await tx.session.findFirst({
      where: {
        seriesId: series.id,
        deletedAt: null,
        status: { in: ["SCHEDULED", "CONFIRMED"] },
        startsAt: { gte: now },
      },
      orderBy: { startsAt: "asc" },
      select: { id: true },
    });
    if (!anchor) throw new AppError("CONFLICT", "This series has no upcoming sessions to move.");
    const s = await loadSession(tx, actor, anchor.id, "series.shift");
    const upcoming = s.series.sessions.filter(
      (x) => ["SCHEDULED", "CONFIRMED"].includes(x.status) && x.startsAt >= now,
    );
    const shifted = shiftSessions(upcoming, data.days, actor.timeZone);
    const moves = new Map(
      upcoming.map((x, i) => [
        x.id,
        { startsAt: shifted[i]?.startsAt ?? x.startsAt, endsAt: shifted[i]?.endsAt ?? x.endsAt },
      ]),
    );
    await assertMovable(tx, actor, s, moves);
    for (const x of upcoming) {
      const { count } = await tx.session.updateMany({
        where: { id: x.id, version: x.version },
        data: { ...moves.get(x.id), ...RESEND_REMINDERS, version: { increment: 1 } },
      });
      if (count !== 1)
        throw new AppError(
          "CONFLICT",
          "A session of this series was changed by someone else. Reload to see it.",
        );
    }
    await assertMovedDosesAllowed(tx, s, [...moves.keys()], "series.shift");
    await syncMeasureRequests(tx, s.seriesId);
    await auditEach(tx, actor, s, "series.shift", { days: data.days, sessions: moves.size });
    return { moved: moves.size };
  });
}
