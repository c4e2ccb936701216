import { PrismaPg } from "@prisma/adapter-pg";
import { describe, expect, it } from "vitest";
import { addCalendarDays, localDateOf, zonedDateTime } from "@/lib/domain/core/zoned-time";
import { serverEnv } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { type Db, db } from "@/lib/server/core/db";
import { REMINDERS_SEND, scanReminders } from "@/lib/server/jobs/job-runner";
import { appointmentTime, claimDueReminders, sendReminder } from "@/lib/server/scheduling/reminders";
import { createSeries } from "@/lib/server/scheduling/series-planning";
import { rescheduleSession } from "@/lib/server/scheduling/session-changes";
import { shiftSeries } from "@/lib/server/scheduling/shift-series";
import { HOUR, TZ } from "../../fixtures/factory";
import { coupleScene, plannedSessions, schedulingScene } from "../../fixtures/journey";
import { ownJobQueue } from "../../fixtures/owner";

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

describe("appointment reminders", () => {
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

  it("queues each reminder once and sends it to every participant", async () => {
    const { s, plan } = await schedulingScene();
    const { seriesId } = await createSeries(s.actors.therapist, {
      plan,
      sessions: await plannedSessions(s, plan),
    });
    const dose = await db().session.findFirstOrThrow({
      where: { seriesId, kind: "DOSING" },
      orderBy: { startsAt: "asc" },
    });
    const now = new Date(dose.startsAt.getTime() - 20 * 3_600_000);
    const jobs = (await claimDueReminders(now)).filter((j) => j.sessionId === dose.id);
    expect(jobs.map((j) => j.kind).sort()).toEqual(["prep", "reminder"]);
    expect((await claimDueReminders(now)).filter((j) => j.sessionId === dose.id)).toEqual([]);
    for (const job of jobs) expect(await sendReminder(job)).toBe(2);
    const mail = await db().outboxMessage.findFirstOrThrow({
      where: { to: s.clientA.email, subject: { startsWith: "Please prepare" } },
    });
    expect(mail.text).toMatch(/how to prepare .* in your portal/);
    expect(mail.text).not.toMatch(/dosing|ketamine|food/i);
  });

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

    const { schema, boss, drop } = await ownJobQueue("pgboss_reminders");
    try {
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
      await drop();
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
