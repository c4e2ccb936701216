import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { seriesScope } from "@/lib/auth/relations";
import { readPracticeSettings } from "@/lib/domain/admin/practice-settings";
import { audit } from "@/lib/server/core/audit";
import { authorize, deniedAsNotFound } from "@/lib/server/core/authorize";
import { db } from "@/lib/server/core/db";

/** The client's own sessions from a week ago on, with the clinic's dosing-day preparation rules. */
export async function getOwnSchedule(actor: Actor) {
  await authorize(actor, "read", "session");
  if (actor.role !== "CLIENT" || !actor.clientId)
    return deniedAsNotFound(actor, { action: "schedule.read", recordType: "Client" });
  const [sessions, practice] = await Promise.all([
    db().session.findMany({
      where: {
        deletedAt: null,
        endsAt: { gte: new Date(Date.now() - 7 * 86_400_000) },
        series: seriesScope(actor),
      },
      orderBy: { startsAt: "asc" },
      take: 100,
      select: {
        id: true,
        kind: true,
        sequence: true,
        status: true,
        startsAt: true,
        endsAt: true,
        location: true,
        telehealthUrl: true,
        clinician: { select: { name: true } },
      },
    }),
    db().practice.findUniqueOrThrow({
      where: { id: actor.practiceId },
      select: { settings: true, name: true },
    }),
  ]);
  await audit(actor, {
    action: "schedule.read",
    recordType: "Client",
    recordId: actor.clientId,
    clientId: actor.clientId,
  });
  return { sessions, settings: readPracticeSettings(practice.settings), practiceName: practice.name };
}
