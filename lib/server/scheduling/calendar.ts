import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { seriesScope } from "@/lib/auth/relations";
import { displayName } from "@/lib/domain/clients/display-name";
import { clientNameSelect } from "@/lib/server/clients/client-selects";
import { auditMany } from "@/lib/server/core/audit";
import { authorize } from "@/lib/server/core/authorize";
import { db } from "@/lib/server/core/db";
import { parseOrThrow } from "@/lib/server/core/parse";
import { calendarRangeSchema } from "@/lib/validation/scheduling";

export type CalendarSession = {
  id: string;
  seriesId: string;
  kind: string;
  sequence: number | null;
  status: string;
  statusReason: string | null;
  startsAt: Date;
  endsAt: Date;
  version: number;
  location: string | null;
  telehealthUrl: string | null;
  clinician: string;
  clients: { id: string; name: string }[];
  /** Individual or couple: a couple's preparation and integration record each partner's attendance. */
  seriesKind: string;
  /** A dose was given in this session (for any participant): it can no longer be cancelled. */
  doseGiven: boolean;
  /** The partners' recorded attendance, empty until it is recorded. */
  attendance: { clientId: string; attended: boolean }[];
};

/**
 * The clinician's sessions in a range (at most 62 days): the ones they run and
 * those of the series they lead. Each client shown is audited, one statement.
 */
export async function listCalendarSessions(
  actor: Actor,
  range: { from: unknown; to: unknown },
): Promise<CalendarSession[]> {
  await authorize(actor, "read", "session");
  const { from, to } = parseOrThrow(calendarRangeSchema, range);
  const sessions = await db().session.findMany({
    where: {
      deletedAt: null,
      startsAt: { lt: to },
      endsAt: { gt: from },
      series: seriesScope(actor),
      OR: [{ clinicianId: actor.userId }, { series: { therapistId: actor.userId } }],
    },
    orderBy: { startsAt: "asc" },
    take: 500,
    select: {
      id: true,
      seriesId: true,
      kind: true,
      sequence: true,
      status: true,
      statusReason: true,
      startsAt: true,
      endsAt: true,
      version: true,
      location: true,
      telehealthUrl: true,
      clinician: { select: { name: true } },
      dosingRecords: { where: { doseGivenAt: { not: null } }, select: { id: true }, take: 1 },
      attendances: { select: { clientId: true, attended: true } },
      series: {
        select: {
          kind: true,
          participants: {
            select: {
              client: {
                select: clientNameSelect,
              },
            },
          },
        },
      },
    },
  });
  const clientIds = [...new Set(sessions.flatMap((s) => s.series.participants.map((p) => p.client.id)))];
  await auditMany(
    actor,
    clientIds.map((id) => ({ action: "calendar.read", recordType: "Client", recordId: id, clientId: id })),
  );
  return sessions.map(({ series, clinician, dosingRecords, attendances, ...s }) => ({
    ...s,
    clinician: clinician.name,
    clients: series.participants.map(({ client }) => ({ id: client.id, name: displayName(client) })),
    seriesKind: series.kind,
    doseGiven: dosingRecords.length > 0,
    attendance: attendances,
  }));
}
