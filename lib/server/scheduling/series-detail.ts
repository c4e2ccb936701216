import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { seriesScope } from "@/lib/auth/relations";
import type { GateResult } from "@/lib/domain/dosing/gates";
import { auditMany } from "@/lib/server/core/audit";
import { authorize, deniedAsNotFound } from "@/lib/server/core/authorize";
import { db } from "@/lib/server/core/db";
import { gateFromSeries, gateSeriesSelect, mayReadDosingGate } from "@/lib/server/dosing/dosing-gate";

/**
 * A series with its sessions and, for clinicians, whether the gates allow each
 * upcoming dosing session. The participants come back by name only: their
 * screenings, consents and safety flags feed the gates and stay here, and a
 * client (who may read the series they are in) gets no gates, since in a couple
 * each partner's eligibility, consent and safety status is their own.
 */
export async function getSeriesDetail(actor: Actor, seriesId: string) {
  await authorize(actor, "read", "series", { recordType: "Series", recordId: seriesId });
  const series = await db().series.findFirst({
    where: { id: seriesId, ...seriesScope(actor) },
    select: {
      ...gateSeriesSelect,
      kind: true,
      status: true,
      intention: true,
      location: true,
      telehealthUrl: true,
      therapist: { select: { id: true, name: true } },
      prescriber: { select: { id: true, name: true } },
      protocolTemplate: { select: { name: true, plan: true } },
      sessions: {
        where: { deletedAt: null },
        orderBy: { startsAt: "asc" },
        select: {
          id: true,
          kind: true,
          sequence: true,
          startsAt: true,
          endsAt: true,
          status: true,
          statusReason: true,
          version: true,
          clinician: { select: { name: true } },
          dosingRecords: { where: { doseGivenAt: { not: null } }, select: { id: true }, take: 1 },
          attendances: { select: { clientId: true, attended: true } },
        },
      },
    },
  });
  if (!series)
    return deniedAsNotFound(actor, { action: "series.read", recordType: "Series", recordId: seriesId });
  await auditMany(
    actor,
    series.participants.map(({ client }) => ({
      action: "series.read",
      recordType: "Series",
      recordId: series.id,
      clientId: client.id,
    })),
  );
  // Doses given and each partner's attendance are clinical facts: clinicians only.
  const clinical = mayReadDosingGate(actor);
  const gates: Record<string, GateResult> = clinical
    ? Object.fromEntries(
        series.sessions
          .filter((s) => s.kind === "DOSING" && ["SCHEDULED", "CONFIRMED"].includes(s.status))
          .map((s) => [s.id, gateFromSeries(series, s)]),
      )
    : {};
  const { practice: _practice, participants, sessions, ...rest } = series;
  return {
    series: {
      ...rest,
      sessions: sessions.map(({ dosingRecords, attendances, ...s }) => ({
        ...s,
        seriesKind: series.kind,
        doseGiven: clinical && dosingRecords.length > 0,
        attendance: clinical ? attendances : [],
      })),
      participants: participants.map(({ client }) => ({
        client: {
          id: client.id,
          preferredName: client.preferredName,
          legalFirstName: client.legalFirstName,
          legalLastName: client.legalLastName,
        },
      })),
    },
    gates,
  };
}
