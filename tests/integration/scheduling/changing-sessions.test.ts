import { describe, expect, it } from "vitest";
import { addCalendarDays, localDateOf, localTimeOf } from "@/lib/domain/core/zoned-time";
import { DEFAULT_PROTOCOL_PLAN } from "@/lib/domain/scheduling/protocol";
import type { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/server/core/db";
import { createSeries } from "@/lib/server/scheduling/series-planning";
import {
  cancelSession,
  changeSessionStatus,
  rescheduleSession,
} from "@/lib/server/scheduling/session-changes";
import { shiftSeries } from "@/lib/server/scheduling/shift-series";
import { codeOf } from "../../fixtures/errors";
import { createClient, DAY, HOUR, TZ } from "../../fixtures/factory";
import {
  coupleScene,
  plannedSessions,
  sceneWithConsents,
  schedulingScene,
  screenClientA,
} from "../../fixtures/journey";

/**
 * An individual series for client A (eligible, consent signed) that has already
 * had its preparation, dose 1 (given) and integration 1 (two days later): dose 2,
 * four days out, is confirmed, and the clinic allows one dose in any 7 days.
 */
async function seriesWithConfirmedDose2() {
  const s = await sceneWithConsents();
  await screenClientA(s);
  await db().practice.update({ where: { id: s.practice.id }, data: { settings: { maxDosesPer7Days: 1 } } });
  const template = await db().protocolTemplate.create({
    data: {
      practiceId: s.practice.id,
      name: "No follow-up",
      plan: { ...DEFAULT_PROTOCOL_PLAN, followUpAfterDose: null } as unknown as Prisma.InputJsonValue,
    },
  });
  const series = await db().series.create({
    data: {
      practiceId: s.practice.id,
      kind: "INDIVIDUAL",
      status: "ACTIVE",
      protocolTemplateId: template.id,
      therapistId: s.therapist.id,
      prescriberId: s.prescriber.id,
      participants: { create: { clientId: s.clientA.id } },
    },
  });
  const base = Math.floor(Date.now() / HOUR) * HOUR + HOUR;
  const at = (
    days: number,
    kind: "PREPARATION" | "DOSING" | "INTEGRATION",
    sequence: number | null,
    status: "COMPLETED" | "CONFIRMED" | "SCHEDULED",
  ) =>
    db().session.create({
      data: {
        seriesId: series.id,
        kind,
        sequence,
        status,
        startsAt: new Date(base + days * DAY),
        endsAt: new Date(base + days * DAY + HOUR),
        clinicianId: s.therapist.id,
      },
    });
  await at(-10, "PREPARATION", null, "COMPLETED");
  const dose1 = await at(-5, "DOSING", 1, "COMPLETED");
  // The gate counts doses recorded as given (docs/clinical-rules.md §1), not completed sessions.
  await db().dosingRecord.create({
    data: { sessionId: dose1.id, clientId: s.clientA.id, doseGivenAt: dose1.startsAt, status: "COMPLETED" },
  });
  await at(-3, "INTEGRATION", 1, "COMPLETED");
  const dose2 = await at(4, "DOSING", 2, "CONFIRMED");
  const integration2 = await at(5, "INTEGRATION", 2, "SCHEDULED");
  return { s, seriesId: series.id, dose2, integration2 };
}

describe("changing sessions", () => {
  it("reschedules with conflict checks and a version; cancels with a reason; shifts the rest", async () => {
    const { s, plan } = await schedulingScene();
    const { seriesId } = await createSeries(s.actors.therapist, {
      plan,
      sessions: await plannedSessions(s, plan),
    });
    const sessions = await db().session.findMany({ where: { seriesId }, orderBy: { startsAt: "asc" } });
    const [prep1, prep2] = sessions;
    if (!prep1 || !prep2) throw new Error("plan too short");
    const date = localDateOf(prep1.startsAt, TZ);
    await rescheduleSession(s.actors.therapist, {
      sessionId: prep1.id,
      version: 1,
      date,
      time: "14:00",
      durationMinutes: 60,
    });
    const moved = await db().session.findUniqueOrThrow({ where: { id: prep1.id } });
    expect(localTimeOf(moved.startsAt, TZ)).toBe("14:00");
    expect(
      await rescheduleSession(s.actors.therapist, {
        sessionId: prep1.id,
        version: 1,
        date,
        time: "15:00",
        durationMinutes: 60,
      }).catch(codeOf),
    ).toBe("CONFLICT");
    // Onto an hour the therapist already gives another client: a clash.
    const other = await createClient(s.practice.id, { therapistId: s.therapist.id });
    const otherSeries = await db().series.create({
      data: {
        practiceId: s.practice.id,
        kind: "INDIVIDUAL",
        therapistId: s.therapist.id,
        participants: { create: { clientId: other.client.id } },
      },
    });
    const busyAt = new Date(moved.startsAt.getTime() + 2 * 3_600_000);
    await db().session.create({
      data: {
        seriesId: otherSeries.id,
        kind: "INTEGRATION",
        startsAt: busyAt,
        endsAt: new Date(busyAt.getTime() + 3_600_000),
        clinicianId: s.therapist.id,
      },
    });
    const clash = await rescheduleSession(s.actors.therapist, {
      sessionId: prep1.id,
      version: 2,
      date,
      time: localTimeOf(busyAt, TZ),
      durationMinutes: 60,
    }).catch((e: AppError) => e.message);
    expect(clash).toMatch(/clashes/);

    await cancelSession(s.actors.therapist, {
      sessionId: prep2.id,
      version: 1,
      outcome: "NO_SHOW",
      reason: "Client unwell, rebooking",
    });
    expect((await db().session.findUniqueOrThrow({ where: { id: prep2.id } })).status).toBe("NO_SHOW");

    const before = await db().session.findMany({
      where: { seriesId, status: "SCHEDULED" },
      orderBy: { startsAt: "asc" },
    });
    await shiftSeries(s.actors.therapist, { seriesId, days: 7 });
    const after = await db().session.findMany({
      where: { id: { in: before.map((b) => b.id) } },
      orderBy: { startsAt: "asc" },
    });
    for (const [i, b] of before.entries()) {
      const a = after[i];
      expect(a && localDateOf(a.startsAt, TZ)).toBe(addCalendarDays(localDateOf(b.startsAt, TZ), 7));
      expect(a && localTimeOf(a.startsAt, TZ)).toBe(localTimeOf(b.startsAt, TZ));
    }
    const audits = await db().auditEvent.findMany({
      where: { recordId: prep1.id, action: "session.reschedule" },
    });
    expect(audits.length).toBe(2);
  });
});

describe("completing a session", () => {
  it("refuses a session that has not started yet, and completes it once it has", async () => {
    const { s, prep, partner } = await coupleScene();
    // A couple's preparation is completed with who attended (docs/clinical-rules.md §1 "Couples").
    const attended = [s.clientA.id, partner.id];
    const refused = (await changeSessionStatus(s.actors.therapist, {
      sessionId: prep.id,
      version: prep.version,
      action: "complete",
      attended,
    }).catch((e) => e)) as AppError;
    expect(refused.code).toBe("CONFLICT");
    expect(refused.message).toMatch(/not started yet/);
    expect((await db().session.findUniqueOrThrow({ where: { id: prep.id } })).status).toBe("SCHEDULED");

    await db().session.update({
      where: { id: prep.id },
      data: { startsAt: new Date(Date.now() - 2 * HOUR), endsAt: new Date(Date.now() - HOUR) },
    });
    await changeSessionStatus(s.actors.therapist, {
      sessionId: prep.id,
      version: prep.version,
      action: "complete",
      attended,
    });
    expect((await db().session.findUniqueOrThrow({ where: { id: prep.id } })).status).toBe("COMPLETED");
  });

  it("refuses to complete a dosing session outside its dosing records, even after it has begun", async () => {
    const { s, dose1 } = await coupleScene();
    await db().session.update({
      where: { id: dose1.id },
      data: {
        status: "IN_PROGRESS",
        startsAt: new Date(Date.now() - 2 * HOUR),
        endsAt: new Date(Date.now() + HOUR),
      },
    });
    const refused = (await changeSessionStatus(s.actors.therapist, {
      sessionId: dose1.id,
      version: dose1.version,
      action: "complete",
    }).catch((e) => e)) as AppError;
    expect(refused.code).toBe("CONFLICT");
    expect(refused.message).toMatch(/dosing record/);
    expect((await db().session.findUniqueOrThrow({ where: { id: dose1.id } })).status).toBe("IN_PROGRESS");
  });
});

describe("shifting a series", () => {
  it("checks the role first, and answers a series off the care team with an audited 404", async () => {
    const { s, seriesId } = await coupleScene();
    expect(await shiftSeries(s.actors.prescriber, { seriesId, days: 7 }).catch(codeOf)).toBe("FORBIDDEN");
    expect(await shiftSeries(s.actors.clientA, { seriesId, days: 7 }).catch(codeOf)).toBe("FORBIDDEN");
    expect(await shiftSeries(s.actors.otherTherapist, { seriesId, days: 7 }).catch(codeOf)).toBe("NOT_FOUND");
    const denied = await db().auditEvent.findMany({
      where: { recordId: seriesId, outcome: "DENIED" },
      select: { actorUserId: true, action: true },
    });
    expect(denied).toEqual(
      expect.arrayContaining([
        { actorUserId: s.actors.prescriber.userId, action: "session.update" },
        { actorUserId: s.actors.clientA.userId, action: "session.update" },
        { actorUserId: s.actors.otherTherapist.userId, action: "series.shift" },
      ]),
    );
    expect(await db().session.count({ where: { seriesId, version: { gt: 1 } } })).toBe(0);
  });

  it("re-runs the gate of a confirmed dose: a shift that would break it moves nothing", async () => {
    const { s, seriesId, dose2, integration2 } = await seriesWithConfirmedDose2();
    // Three days earlier puts dose 2 six days after dose 1, over the clinic's one dose in 7 days.
    const refused = (await shiftSeries(s.actors.therapist, { seriesId, days: -3 }).catch(
      (e) => e,
    )) as AppError;
    expect(refused.code).toBe("BLOCKED");
    expect(refused.message).toMatch(/doses within 7 days/);
    const after = await db().session.findMany({ where: { id: { in: [dose2.id, integration2.id] } } });
    for (const x of after) {
      const before = x.id === dose2.id ? dose2 : integration2;
      expect(x.startsAt).toEqual(before.startsAt);
      expect(x.version).toBe(before.version);
    }
    expect(
      await db().auditEvent.count({
        where: { recordId: dose2.id, action: "series.shift", outcome: "DENIED" },
      }),
    ).toBe(1);
    // Two days later keeps every gate open, so it goes through.
    expect(await shiftSeries(s.actors.therapist, { seriesId, days: 2 })).toEqual({ moved: 2 });
  });
});
