import { describe, expect, it } from "vitest";
import { addCalendarDays, localDateOf, localTimeOf } from "@/lib/domain/core/zoned-time";
import { AppError } from "@/lib/errors";
import { db } from "@/lib/server/core/db";
import { listCalendarSessions } from "@/lib/server/scheduling/calendar";
import {
  calendarFeedIcs,
  createCalendarFeed,
  revokeCalendarFeed,
} from "@/lib/server/scheduling/calendar-feed";
import { claimDueReminders, sendReminder } from "@/lib/server/scheduling/reminders";
import { getSeriesDetail } from "@/lib/server/scheduling/series-detail";
import { createSeries, previewSeries } from "@/lib/server/scheduling/series-planning";
import {
  cancelSession,
  changeSessionStatus,
  rescheduleSession,
} from "@/lib/server/scheduling/session-changes";
import { shiftSeries } from "@/lib/server/scheduling/shift-series";
import { createClient } from "../../fixtures/factory";
import {
  createDefaultTemplate,
  plannedSessions,
  sceneWithConsents,
  screenClientA,
  weeklyPlan,
} from "../../fixtures/journey";

const codeOf = (e: unknown) => (e instanceof AppError ? e.code : String(e));
const TZ = "America/Los_Angeles";

async function schedulingScene() {
  const s = await sceneWithConsents();
  const template = await createDefaultTemplate(s);
  // Client A becomes eligible; a partner on the same care team is not screened yet.
  await screenClientA(s);
  const partner = await createClient(s.practice.id, { therapistId: s.therapist.id });
  const plan = weeklyPlan(s, template.id, addCalendarDays(localDateOf(new Date(), TZ), 14), {
    partnerId: partner.client.id,
    weekday: 2,
    time: "10:00",
    location: "Room 2",
  });
  return { s, template, partner: partner.client, plan };
}

describe("planning a series", () => {
  it("previews the default protocol: 2 preparations, 6 doses each with an integration, a follow-up and a closing", async () => {
    const { s, plan } = await schedulingScene();
    const preview = await previewSeries(s.actors.therapist, plan);
    const kinds = preview.sessions.map((x) => x.kind);
    expect(kinds.filter((k) => k === "PREPARATION")).toHaveLength(2);
    expect(kinds.filter((k) => k === "DOSING")).toHaveLength(6);
    expect(kinds.filter((k) => k === "INTEGRATION")).toHaveLength(6);
    expect(kinds.filter((k) => k === "FOLLOW_UP")).toHaveLength(1);
    expect(kinds.at(-1)).toBe("CLOSING");
    expect(preview.sessions.every((x) => x.conflicts.length === 0)).toBe(true);
    expect(localTimeOf(preview.sessions[0]?.startsAt ?? new Date(), TZ)).toBe("10:00");
    expect(await db().session.count({ where: { series: { practiceId: s.practice.id } } })).toBe(0);
  });

  it("creates every session in one transaction, with audit rows for both partners", async () => {
    const { s, plan, partner } = await schedulingScene();
    const { seriesId } = await createSeries(s.actors.therapist, {
      plan,
      sessions: await plannedSessions(s, plan),
    });
    expect(await db().session.count({ where: { seriesId } })).toBe(16);
    const series = await db().series.findUniqueOrThrow({
      where: { id: seriesId },
      include: { participants: true },
    });
    expect(series.kind).toBe("COUPLE");
    const audits = await db().auditEvent.findMany({ where: { recordId: seriesId, action: "series.create" } });
    expect(audits.map((a) => a.clientId).sort()).toEqual([s.clientA.id, partner.id].sort());
    expect((await db().client.findUniqueOrThrow({ where: { id: s.clientA.id } })).stage).toBe("IN_SERIES");
  });

  it("a conflict in session 5 creates nothing at all", async () => {
    const { s, plan } = await schedulingScene();
    const sessions = await plannedSessions(s, plan);
    const fifth = sessions[4];
    if (!fifth) throw new Error("plan too short");
    // The therapist is already busy then, in another client's series.
    const other = await createClient(s.practice.id, { therapistId: s.therapist.id });
    const busy = await db().series.create({
      data: {
        practiceId: s.practice.id,
        kind: "INDIVIDUAL",
        therapistId: s.therapist.id,
        participants: { create: { clientId: other.client.id } },
      },
    });
    await db().session.create({
      data: {
        seriesId: busy.id,
        kind: "PREPARATION",
        startsAt: fifth.startsAt,
        endsAt: fifth.endsAt,
        clinicianId: s.therapist.id,
      },
    });
    expect(await createSeries(s.actors.therapist, { plan, sessions }).catch(codeOf)).toBe("CONFLICT");
    expect(await db().series.count({ where: { participants: { some: { clientId: s.clientA.id } } } })).toBe(
      0,
    );
    const preview = await previewSeries(s.actors.therapist, plan);
    expect(preview.sessions[4]?.conflicts[0]?.what).toMatch(/Preparation/);
  });

  it("only the care team's therapist schedules", async () => {
    const { s, plan } = await schedulingScene();
    const sessions = await plannedSessions(s, plan);
    expect(await createSeries(s.actors.otherTherapist, { plan, sessions }).catch(codeOf)).toBe("NOT_FOUND");
    expect(await createSeries(s.actors.prescriber, { plan, sessions }).catch(codeOf)).toBe("FORBIDDEN");
    expect(await createSeries(s.actors.clientA, { plan, sessions }).catch(codeOf)).toBe("FORBIDDEN");
    const denied = await db().auditEvent.count({
      where: { actorUserId: s.otherTherapist.id, outcome: "DENIED" },
    });
    expect(denied).toBeGreaterThan(0);
  });

  it("refuses a plan out of order (an integration moved past the next dose)", async () => {
    const { s, plan } = await schedulingScene();
    const sessions = await plannedSessions(s, plan);
    const integration = sessions.find((x) => x.kind === "INTEGRATION");
    if (integration) {
      integration.startsAt = new Date(integration.startsAt.getTime() + 10 * 86_400_000);
      integration.endsAt = new Date(integration.endsAt.getTime() + 10 * 86_400_000);
    }
    expect(await createSeries(s.actors.therapist, { plan, sessions }).catch(codeOf)).toBe("VALIDATION");
  });
});

describe("dosing gates on the server", () => {
  it("refuses to confirm a couple's dose while a partner is not eligible, and says why", async () => {
    const { s, plan, partner } = await schedulingScene();
    const { seriesId } = await createSeries(s.actors.therapist, {
      plan,
      sessions: await plannedSessions(s, plan),
    });
    const { series, gates } = await getSeriesDetail(s.actors.therapist, seriesId);
    const dose1 = series.sessions.find((x) => x.kind === "DOSING" && x.sequence === 1);
    if (!dose1) throw new Error("no dose 1");
    const gate = gates[dose1.id];
    expect(gate?.allowed).toBe(false);
    expect(gate?.blocks.map((b) => b.code)).toEqual(
      expect.arrayContaining(["NOT_ELIGIBLE", "NO_PREPARATION", "CONSENT_NOT_CURRENT"]),
    );
    expect(gate?.blocks.find((b) => b.code === "NOT_ELIGIBLE")?.clientId).toBe(partner.id);
    const refused = (await changeSessionStatus(s.actors.therapist, {
      sessionId: dose1.id,
      version: dose1.version,
      action: "confirm",
    }).catch((e) => e)) as AppError;
    expect(refused.code).toBe("BLOCKED");
    expect(refused.message).toContain(partner.legalFirstName);
    expect((await db().session.findUniqueOrThrow({ where: { id: dose1.id } })).status).toBe("SCHEDULED");
    // Preparation sessions have no gate.
    const prep = series.sessions.find((x) => x.kind === "PREPARATION");
    if (!prep) throw new Error("no prep");
    await changeSessionStatus(s.actors.therapist, {
      sessionId: prep.id,
      version: prep.version,
      action: "confirm",
    });
  });
});

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

  it("shows the therapist's sessions on the calendar, and nobody else's", async () => {
    const { s, plan } = await schedulingScene();
    await createSeries(s.actors.therapist, { plan, sessions: await plannedSessions(s, plan) });
    const from = new Date();
    const to = new Date(Date.now() + 60 * 86_400_000);
    const mine = await listCalendarSessions(s.actors.therapist, { from, to });
    expect(mine.length).toBeGreaterThan(5);
    expect(await listCalendarSessions(s.actors.otherTherapist, { from, to })).toEqual([]);
    expect(
      await listCalendarSessions(s.actors.therapist, {
        from,
        to: new Date(Date.now() + 90 * 86_400_000),
      }).catch(codeOf),
    ).toBe("VALIDATION");
  });
});

describe("calendar feed and reminders", () => {
  it("the feed names clients by initials only, and stops when revoked", async () => {
    const { s, plan } = await schedulingScene();
    await createSeries(s.actors.therapist, { plan, sessions: await plannedSessions(s, plan) });
    const { url } = await createCalendarFeed(s.actors.therapist);
    const token = url.split("/").pop() ?? "";
    const ics = await calendarFeedIcs(token);
    expect(ics).toContain("BEGIN:VCALENDAR");
    expect(ics).toContain("T.C.");
    expect(ics).not.toContain(s.clientA.legalLastName);
    await revokeCalendarFeed(s.actors.therapist);
    expect(await calendarFeedIcs(token).catch(codeOf)).toBe("NOT_FOUND");
  });

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
});
