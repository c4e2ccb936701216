import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/core/db";
import {
  CALENDAR_FEED_TTL_DAYS,
  calendarFeedIcs,
  calendarFeedStatus,
  createCalendarFeed,
  revokeCalendarFeed,
} from "@/lib/server/scheduling/calendar-feed";
import { createSeries } from "@/lib/server/scheduling/series-planning";
import { codeOf } from "../../fixtures/errors";
import { coupleScene, plannedSessions, schedulingScene } from "../../fixtures/journey";

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
    expect(await calendarFeedIcs(token, "192.0.2.65").catch(codeOf)).toBe("NOT_FOUND");
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

  it("a feed link expires after a year: the expired link answers 404, audited, and the date is shown", async () => {
    const { s, token, feed } = await feedScene();
    const status = await calendarFeedStatus(s.actors.therapist);
    const year = CALENDAR_FEED_TTL_DAYS * 86_400_000;
    expect(Math.abs((status.expiresAt?.getTime() ?? 0) - (feed.createdAt.getTime() + year))).toBeLessThan(
      5_000,
    );
    expect(status).toMatchObject({ active: true, expired: false });
    // A year and a day later, whoever kept the link tries it.
    await db().calendarFeed.update({
      where: { id: feed.id },
      data: { expiresAt: new Date(Date.now() - 86_400_000) },
    });
    expect(await calendarFeedIcs(token, "192.0.2.44").catch(codeOf)).toBe("NOT_FOUND");
    const denied = await db().auditEvent.findFirst({
      where: { recordId: feed.id, action: "calendar_feed.read", outcome: "DENIED" },
    });
    expect(denied).toMatchObject({ ip: "192.0.2.44", detail: { reason: "expired" } });
    expect(await calendarFeedStatus(s.actors.therapist)).toMatchObject({ active: false, expired: true });
  });

  it("rotating gives a new link at once; the old one stops working, audited", async () => {
    const { s, token, feed } = await feedScene();
    expect(events(await calendarFeedIcs(token))).toBe(16);
    const rotated = await createCalendarFeed(s.actors.therapist);
    const fresh = rotated.url.split("/").pop() ?? "";
    expect(fresh).not.toBe(token);
    expect(await calendarFeedIcs(token, "192.0.2.106").catch(codeOf)).toBe("NOT_FOUND");
    expect(events(await calendarFeedIcs(fresh))).toBe(16);
    const row = await db().auditEvent.findFirst({
      where: { actorUserId: s.therapist.id, action: "calendar_feed.rotate" },
    });
    expect(row?.detail).toMatchObject({ replaced: [feed.id] });
    expect(
      await db().auditEvent.count({
        where: { recordId: feed.id, action: "calendar_feed.read", outcome: "DENIED" },
      }),
    ).toBe(1);
  });
});
