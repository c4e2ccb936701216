import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import PgBoss from "pg-boss";
import { describe, expect, it } from "vitest";
import { addCalendarDays, localDateOf, zonedDateTime } from "@/lib/domain/core/zoned-time";
import { DEFAULT_PROTOCOL_PLAN } from "@/lib/domain/scheduling/protocol";
import { serverEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { type Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { type Db, db } from "@/lib/server/core/db";
import { getSessionGate } from "@/lib/server/dosing/dosing-gate";
import { REMINDERS_SEND, scanReminders } from "@/lib/server/jobs/job-runner";
import { calendarFeedIcs, createCalendarFeed } from "@/lib/server/scheduling/calendar-feed";
import { getOwnSchedule } from "@/lib/server/scheduling/client-schedule";
import { appointmentTime, claimDueReminders, sendReminder } from "@/lib/server/scheduling/reminders";
import { getSeriesDetail } from "@/lib/server/scheduling/series-detail";
import { changeSessionStatus, rescheduleSession } from "@/lib/server/scheduling/session-changes";
import { shiftSeries } from "@/lib/server/scheduling/shift-series";
import { createClient } from "../../fixtures/factory";
import {
  createDefaultTemplate,
  createWeeklySeries,
  sceneWithConsents,
  screenClientA,
} from "../../fixtures/journey";

const codeOf = (e: unknown) => (e instanceof AppError ? e.code : String(e));
const TZ = "America/Los_Angeles";
const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Client A is eligible and has signed; the partner (same therapist) is not screened and has an open flag. */
async function coupleScene() {
  const s = await sceneWithConsents();
  const template = await createDefaultTemplate(s);
  await screenClientA(s);
  const partner = (await createClient(s.practice.id, { therapistId: s.therapist.id, withAccount: true }))
    .client;
  await db().client.update({ where: { id: partner.id }, data: { preferredName: "Robin" } });
  const flag = await db().safetyFlag.create({
    data: { clientId: partner.id, kind: "SUICIDE_RISK", reason: "C-SSRS item 2 answered yes" },
  });
  const { seriesId } = await createWeeklySeries(
    s,
    template.id,
    addCalendarDays(localDateOf(new Date(), TZ), 14),
    {
      partnerId: partner.id,
      weekday: 2,
      time: "10:00",
      location: "Room 2",
    },
  );
  const sessions = await db().session.findMany({ where: { seriesId }, orderBy: { startsAt: "asc" } });
  const first = (kind: string) => {
    const found = sessions.find((x) => x.kind === kind);
    if (!found) throw new Error(`no ${kind} session`);
    return found;
  };
  return { s, partner, flag, seriesId, prep: first("PREPARATION"), dose1: first("DOSING") };
}

/**
 * An individual series for client A (eligible, consent signed) that has already
 * had its preparation, dose 1 and integration 1: dose 2, four days out, is
 * confirmed, and the clinic allows one dose in any 7 days.
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
  await at(-5, "DOSING", 1, "COMPLETED");
  await at(-4, "INTEGRATION", 1, "COMPLETED");
  const dose2 = await at(4, "DOSING", 2, "CONFIRMED");
  const integration2 = await at(5, "INTEGRATION", 2, "SCHEDULED");
  return { s, seriesId: series.id, dose2, integration2 };
}

/** The SQL statements `work` sends (BEGIN/COMMIT left out), through a logging client. */
async function statementsOf(work: () => Promise<unknown>) {
  const holder = globalThis as unknown as { kapstonePrisma?: Db };
  const previous = holder.kapstonePrisma;
  const logging = new PrismaClient({
    adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL, max: 4 }),
    omit: { user: { passwordHash: true, mfaSecret: true } },
    log: [{ emit: "event", level: "query" }],
  });
  const statements: string[] = [];
  logging.$on("query", (e) => statements.push(e.query));
  holder.kapstonePrisma = logging as unknown as Db;
  try {
    const result = await work();
    return { result, statements: statements.filter((q) => !/^(BEGIN|COMMIT|ROLLBACK)\b/i.test(q.trim())) };
  } finally {
    holder.kapstonePrisma = previous;
    await logging.$disconnect();
  }
}

describe("a client in a couples series does not see their partner's clinical status", () => {
  it("the session gate is for clinicians only; the client is refused and the refusal audited", async () => {
    const { s, dose1 } = await coupleScene();
    expect(await getSessionGate(s.actors.clientA, dose1.id).catch(codeOf)).toBe("FORBIDDEN");
    const denied = await db().auditEvent.count({
      where: { actorUserId: s.actors.clientA.userId, recordId: dose1.id, outcome: "DENIED" },
    });
    expect(denied).toBe(1);
    // Staff see the whole gate, as before.
    const gate = await getSessionGate(s.actors.therapist, dose1.id);
    expect(gate?.blocks.map((b) => b.code)).toEqual(
      expect.arrayContaining(["NOT_ELIGIBLE", "OPEN_SAFETY_FLAG"]),
    );
  });

  it("series detail for a client carries no gates and no one's screenings, consents or flags", async () => {
    const { s, partner, flag, seriesId, dose1 } = await coupleScene();
    const mine = await getSeriesDetail(s.actors.clientA, seriesId);
    expect(mine.gates).toEqual({});
    const text = JSON.stringify(mine);
    expect(text).not.toContain(flag.id);
    expect(text).not.toMatch(/safetyFlags|screenings|consentSignatures|eligib|safety flag/i);
    expect(mine.series.participants.map((p) => p.client.id).sort()).toEqual(
      [s.clientA.id, partner.id].sort(),
    );
    expect(mine.series.sessions.length).toBeGreaterThan(10);

    const staff = await getSeriesDetail(s.actors.therapist, seriesId);
    const codes = staff.gates[dose1.id]?.blocks.filter((b) => b.clientId === partner.id).map((b) => b.code);
    expect(codes).toEqual(expect.arrayContaining(["NOT_ELIGIBLE", "OPEN_SAFETY_FLAG"]));
    expect(JSON.stringify(staff.series)).not.toContain(flag.id);
  });
});

describe("completing a session", () => {
  it("refuses a session that has not started yet, and completes it once it has", async () => {
    const { s, prep } = await coupleScene();
    const refused = (await changeSessionStatus(s.actors.therapist, {
      sessionId: prep.id,
      version: prep.version,
      action: "complete",
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

describe("a refused dose keeps its audit row", () => {
  it("confirming a dose the gate blocks leaves a denial row per participant", async () => {
    const { s, partner, dose1 } = await coupleScene();
    expect(
      await changeSessionStatus(s.actors.therapist, {
        sessionId: dose1.id,
        version: dose1.version,
        action: "confirm",
      }).catch(codeOf),
    ).toBe("BLOCKED");
    const rows = await db().auditEvent.findMany({
      where: { recordId: dose1.id, action: "session.confirm", outcome: "DENIED" },
    });
    expect(rows.map((r) => r.clientId).sort()).toEqual([s.clientA.id, partner.id].sort());
    expect(rows[0]?.detail).toMatchObject({ blocked: expect.arrayContaining(["OPEN_SAFETY_FLAG"]) });
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

describe("moving a session sends its reminders again", () => {
  it("rescheduling and shifting clear the sent reminders; a change of length alone does not", async () => {
    const { s, seriesId, dose1 } = await coupleScene();
    const sent = { reminderSentAt: new Date(), prepReminderSentAt: new Date() };
    await db().session.updateMany({ where: { seriesId }, data: sent });

    const date = localDateOf(dose1.startsAt, TZ);
    await rescheduleSession(s.actors.therapist, {
      sessionId: dose1.id,
      version: 1,
      date,
      time: "10:00",
      durationMinutes: 150,
    });
    let row = await db().session.findUniqueOrThrow({ where: { id: dose1.id } });
    expect(row.reminderSentAt).not.toBeNull();

    await rescheduleSession(s.actors.therapist, {
      sessionId: dose1.id,
      version: 2,
      date,
      time: "12:00",
      durationMinutes: 150,
    });
    row = await db().session.findUniqueOrThrow({ where: { id: dose1.id } });
    expect(row.reminderSentAt).toBeNull();
    expect(row.prepReminderSentAt).toBeNull();

    await db().session.updateMany({ where: { seriesId }, data: sent });
    await shiftSeries(s.actors.therapist, { seriesId, days: 7 });
    const stillSent = await db().session.count({
      where: { seriesId, OR: [{ reminderSentAt: { not: null } }, { prepReminderSentAt: { not: null } }] },
    });
    expect(stillSent).toBe(0);
  });
});

describe("reminders", () => {
  /** Sessions far ahead, where no other test's reminder scan looks. */
  async function dueSessions(count: number) {
    const { s, seriesId, partner } = await coupleScene();
    const day = addCalendarDays(localDateOf(new Date(), TZ), 600 + Math.floor(Math.random() * 300));
    const startsAt = zonedDateTime(day, "10:00", TZ);
    const sessions = [];
    for (let i = 0; i < count; i++) {
      sessions.push(
        await db().session.create({
          data: {
            seriesId,
            kind: i === 0 ? "DOSING" : "INTEGRATION",
            sequence: 1,
            startsAt: new Date(startsAt.getTime() + i * HOUR),
            endsAt: new Date(startsAt.getTime() + i * HOUR + HOUR),
            location: "Room 2",
            telehealthUrl: "https://video.example/room-42",
            clinicianId: s.therapist.id,
          },
        }),
      );
    }
    return { s, partner, sessions, startsAt };
  }

  it("claims every due session in one statement, and two scans at once never claim the same one", async () => {
    const { sessions, startsAt } = await dueSessions(4);
    const ids = new Set(sessions.map((x) => x.id));
    const now = new Date(startsAt.getTime() - 20 * HOUR);
    const { result, statements } = await statementsOf(() => claimDueReminders(now));
    expect(statements).toHaveLength(1);
    const mine = (result as Awaited<ReturnType<typeof claimDueReminders>>).filter((j) =>
      ids.has(j.sessionId),
    );
    expect(mine.filter((j) => j.kind === "reminder")).toHaveLength(4);
    expect(mine.filter((j) => j.kind === "prep").map((j) => j.sessionId)).toEqual([sessions[0]?.id]);

    await db().session.updateMany({
      where: { id: { in: [...ids] } },
      data: { reminderSentAt: null, prepReminderSentAt: null },
    });
    const [a, b] = await Promise.all([claimDueReminders(now), claimDueReminders(now)]);
    const claimed = [...a, ...b].filter((j) => ids.has(j.sessionId)).map((j) => `${j.sessionId}:${j.kind}`);
    expect(claimed).toHaveLength(5);
    expect(new Set(claimed).size).toBe(5);
  });

  it("marks reminders sent only together with queueing them: a queue failure leaves them for the next scan", async () => {
    const { sessions, startsAt } = await dueSessions(2);
    const ids = sessions.map((x) => x.id);
    const now = new Date(startsAt.getTime() - 20 * HOUR);
    const unclaimed = () =>
      db().session.count({ where: { id: { in: ids }, reminderSentAt: null, prepReminderSentAt: null } });

    await expect(
      claimDueReminders(now, async () => {
        throw new Error("the job queue is unreachable");
      }),
    ).rejects.toThrow(/unreachable/);
    expect(await unclaimed()).toBe(2);

    const schema = `pgboss_reminders_${randomUUID().slice(0, 8)}`;
    const boss = new PgBoss({ connectionString: process.env.DATABASE_URL, schema, max: 2, supervise: false });
    await boss.start();
    try {
      await boss.createQueue(REMINDERS_SEND);
      const jobs = await scanReminders(boss, now);
      expect(jobs.filter((j) => ids.includes(j.sessionId))).toHaveLength(3);
      expect(await unclaimed()).toBe(0);
      const queued = await db().$queryRawUnsafe<{ data: { sessionId: string; kind: string } }[]>(
        `SELECT data FROM "${schema}".job WHERE name = $1`,
        REMINDERS_SEND,
      );
      const mine = queued
        .map((q) => `${q.data.sessionId}:${q.data.kind}`)
        .filter((k) => ids.includes(k.split(":")[0] ?? ""));
      expect(mine.sort()).toEqual([`${ids[0]}:prep`, `${ids[0]}:reminder`, `${ids[1]}:reminder`].sort());
    } finally {
      await boss.stop({ graceful: false, wait: true });
      await db().$executeRawUnsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    }
  });

  it("says only the practice and the time, and links to the portal's schedule", async () => {
    const { s, partner, sessions, startsAt } = await dueSessions(1);
    const dose = sessions[0];
    if (!dose) throw new Error("no session");
    const now = new Date(startsAt.getTime() - 20 * HOUR);
    expect(await sendReminder({ sessionId: dose.id, kind: "reminder" }, now)).toBe(2);
    expect(await sendReminder({ sessionId: dose.id, kind: "prep" }, now)).toBe(2);
    const mail = await db().outboxMessage.findMany({
      where: { to: { in: [s.clientA.email, partner.email] }, subject: { contains: "appointment" } },
    });
    expect(mail).toHaveLength(4);
    const portal = `${serverEnv().APP_URL}/portal/schedule`;
    const reminder = mail.find((m) => m.to === s.clientA.email && m.subject.startsWith("Reminder"));
    expect(reminder?.subject).toBe(`Reminder: your appointment at ${s.practice.name} tomorrow at 10:00 AM`);
    const prep = mail.find((m) => m.to === s.clientA.email && !m.subject.startsWith("Reminder"));
    expect(prep?.text).toContain("Please read how to prepare for your appointment");
    const therapist = await db().user.findUniqueOrThrow({ where: { id: s.therapist.id } });
    for (const m of mail) {
      expect(m.text).toContain(portal);
      const all = `${m.subject}\n${m.text}`;
      expect(all).not.toMatch(
        /dos(e|ing)|ketamine|medicine|fast|food|drive|integration|preparation session/i,
      );
      expect(all).not.toContain(therapist.name);
      expect(all).not.toContain("Room 2");
      expect(all).not.toContain("video.example");
    }
  });

  it("names the day in the practice's time zone", () => {
    const startsAt = zonedDateTime("2031-03-12", "10:00", TZ);
    expect(appointmentTime(startsAt, zonedDateTime("2031-03-12", "07:00", TZ), TZ)).toBe("today at 10:00 AM");
    expect(appointmentTime(startsAt, zonedDateTime("2031-03-11", "23:30", TZ), TZ)).toBe(
      "tomorrow at 10:00 AM",
    );
    expect(appointmentTime(startsAt, zonedDateTime("2031-03-10", "23:00", TZ), TZ)).toBe(
      "on Wednesday, March 12 at 10:00 AM",
    );
  });
});

describe("the calendar feed", () => {
  async function feedScene() {
    const scene = await coupleScene();
    const { url } = await createCalendarFeed(scene.s.actors.therapist);
    const token = url.split("/").pop() ?? "";
    const feed = await db().calendarFeed.findFirstOrThrow({
      where: { userId: scene.s.therapist.id, revokedAt: null },
    });
    return { ...scene, token, feed };
  }
  const events = (ics: string) => ics.split("BEGIN:VEVENT").length - 1;

  it("titles events without the kind of session or the dose number, and audits every client shown", async () => {
    const { s, partner, token, feed } = await feedScene();
    const ics = await calendarFeedIcs(token);
    expect(events(ics)).toBe(16);
    expect(ics).toContain("SUMMARY:Kapstone session · T.C. & T.C.");
    expect(ics).not.toMatch(/Dose|Dosing|Preparation|Integration|Closing|follow-up/i);
    expect(ics).not.toContain("DESCRIPTION");
    expect(ics).toContain("LOCATION:Room 2");
    const rows = await db().auditEvent.findMany({
      where: { recordId: feed.id, action: "calendar_feed.read" },
    });
    expect(rows.map((r) => r.clientId).sort()).toEqual([s.clientA.id, partner.id].sort());
  });

  it("drops a series once a client leaves the owner's care team", async () => {
    const { s, partner, token } = await feedScene();
    await db().careTeamMember.updateMany({
      where: { clientId: partner.id, userId: s.therapist.id },
      data: { removedAt: new Date() },
    });
    expect(events(await calendarFeedIcs(token))).toBe(0);
  });

  it("answers 404 when the owner is disabled or may no longer read sessions, or the token is revoked", async () => {
    const { s, token, feed } = await feedScene();
    await db().user.update({ where: { id: s.therapist.id }, data: { role: "ADMIN" } });
    expect(await calendarFeedIcs(token).catch(codeOf)).toBe("NOT_FOUND");
    expect(await db().auditEvent.count({ where: { recordId: feed.id, outcome: "DENIED" } })).toBe(1);
    await db().user.update({
      where: { id: s.therapist.id },
      data: { role: "THERAPIST", disabledAt: new Date() },
    });
    expect(await calendarFeedIcs(token).catch(codeOf)).toBe("NOT_FOUND");
    await db().user.update({ where: { id: s.therapist.id }, data: { disabledAt: null } });
    expect(events(await calendarFeedIcs(token))).toBe(16);
    await db().calendarFeed.update({ where: { id: feed.id }, data: { revokedAt: new Date() } });
    expect(await calendarFeedIcs(token).catch(codeOf)).toBe("NOT_FOUND");
    expect(await calendarFeedIcs("not-a-token").catch(codeOf)).toBe("NOT_FOUND");
  });
});

describe("other checks in scheduling", () => {
  it("a staff member asking for a client's own schedule gets an audited 404", async () => {
    const { s } = await coupleScene();
    expect(await getOwnSchedule(s.actors.therapist).catch(codeOf)).toBe("NOT_FOUND");
    expect(
      await db().auditEvent.count({
        where: { actorUserId: s.therapist.id, action: "schedule.read", outcome: "DENIED" },
      }),
    ).toBe(1);
  });

  it("previewing a series audits each client it is planned for", async () => {
    const { s, partner } = await coupleScene();
    const rows = await db().auditEvent.findMany({
      where: { actorUserId: s.therapist.id, action: "series.preview" },
    });
    expect(rows.map((r) => r.clientId).sort()).toEqual([s.clientA.id, partner.id].sort());
  });
});
