import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { seriesScope } from "@/lib/auth/relations";
import { displayName } from "@/lib/domain/clients/display-name";
import { clientNameSelect } from "@/lib/server/clients/client-selects";
import { auditMany } from "@/lib/server/core/audit";
import { authorize } from "@/lib/server/core/authorize";
import { db } from "@/lib/server/core/db";

/**
 * The prescriber's live view: every dosing session in progress (and records
 * awaiting a signature) for clients in their reach, with the latest vitals.
 */
export async function listLiveDosing(actor: Actor) {
  await authorize(actor, "read", "dosingRecord");
  const now = new Date();
  const since = new Date(now.getTime() - 36 * 3_600_000);
  const sessions = await db().session.findMany({
    where: {
      kind: "DOSING",
      deletedAt: null,
      series: seriesScope(actor),
      OR: [
        { status: "IN_PROGRESS" },
        { dosingRecords: { some: { status: "COMPLETED" } } },
        { status: "COMPLETED", startsAt: { gte: since } },
        // Ended early after a dose: its records stay open until discharge and completion.
        { status: "ENDED_EARLY", dosingRecords: { some: { status: "IN_PROGRESS" } } },
        { status: "ENDED_EARLY", startsAt: { gte: since } },
      ],
    },
    orderBy: { startsAt: "asc" },
    take: 100,
    select: {
      id: true,
      sequence: true,
      status: true,
      startsAt: true,
      series: { select: { therapist: { select: { name: true } } } },
      dosingRecords: {
        select: {
          id: true,
          status: true,
          checklistPassed: true,
          overrideReason: true,
          doseGivenAt: true,
          readyToLeaveAt: true,
          dischargedAt: true,
          client: { select: clientNameSelect },
          // The latest reading is the newest one not timed after now (docs/clinical-rules.md §3).
          vitals: {
            where: { takenAt: { lte: now } },
            orderBy: { takenAt: "desc" },
            take: 1,
            select: {
              takenAt: true,
              systolic: true,
              diastolic: true,
              heartRate: true,
              spo2: true,
              respiratoryRate: true,
              alerts: true,
            },
          },
          _count: { select: { adverseEvents: true, vitals: { where: { alerts: { isEmpty: false } } } } },
        },
      },
    },
  });
  const clientIds = [...new Set(sessions.flatMap((s) => s.dosingRecords.map((r) => r.client.id)))];
  await auditMany(
    actor,
    clientIds.map((id) => ({ action: "dosing_live.read", recordType: "Client", recordId: id, clientId: id })),
  );
  return sessions.map((s) => ({
    ...s,
    dosingRecords: s.dosingRecords.map(({ client, _count, vitals, ...r }) => ({
      ...r,
      client: { id: client.id, name: displayName(client) },
      latest: vitals[0] ?? null,
      adverseEvents: _count.adverseEvents,
      alertReadings: _count.vitals,
    })),
  }));
}
