import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { seriesScope } from "@/lib/auth/relations";
import { icsCalendar, icsFilename, initials } from "@/lib/domain/ics";
import { SESSION_KIND_PURPOSE } from "@/lib/domain/protocol";
import { sessionLabel } from "@/lib/domain/session-label";
import { serverEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { audit, auditMany } from "./audit";
import { authorize, deniedAsNotFound } from "./authorize";
import { db } from "./db";
import { hashToken, newToken } from "./tokens";

const STATUS = { CANCELLED: "CANCELLED", NO_SHOW: "CANCELLED", SCHEDULED: "TENTATIVE" } as const;
const icsStatus = (status: string) => STATUS[status as keyof typeof STATUS] ?? "CONFIRMED";

/** One session as an .ics file, for the client (their own) or their care team. */
export async function sessionIcs(actor: Actor, sessionId: string) {
  await authorize(actor, "read", "session", { recordType: "Session", recordId: sessionId });
  const session = await db().session.findFirst({
    where: {
      id: sessionId,
      deletedAt: null,
      series: seriesScope(actor),
    },
    select: {
      id: true,
      kind: true,
      sequence: true,
      status: true,
      startsAt: true,
      endsAt: true,
      location: true,
      telehealthUrl: true,
      updatedAt: true,
      version: true,
      series: {
        select: {
          practice: { select: { name: true, timeZone: true } },
          participants: { select: { clientId: true } },
        },
      },
    },
  });
  if (!session)
    return deniedAsNotFound(actor, { action: "session.export", recordType: "Session", recordId: sessionId });
  await auditMany(
    actor,
    session.series.participants.map((p) => ({
      action: "session.export",
      recordType: "Session",
      recordId: session.id,
      clientId: p.clientId,
    })),
  );
  const summary = `${sessionLabel(session)} (${session.series.practice.name})`;
  const body = icsCalendar(
    [
      {
        uid: `${session.id}@kapstone`,
        start: session.startsAt,
        end: session.endsAt,
        summary,
        description: SESSION_KIND_PURPOSE[session.kind],
        location: session.location ?? undefined,
        url: session.telehealthUrl ?? undefined,
        status: icsStatus(session.status),
        sequence: session.version,
        updatedAt: session.updatedAt,
      },
    ],
    { name: session.series.practice.name },
  );
  return {
    body,
    filename: icsFilename(sessionLabel(session), session.startsAt, session.series.practice.timeZone),
  };
}

/** Creates a private calendar feed URL for the clinician (any previous one stops working). */
export async function createCalendarFeed(actor: Actor) {
  await authorize(actor, "read", "session");
  const token = newToken();
  await db().$transaction(async (tx) => {
    await tx.calendarFeed.updateMany({
      where: { userId: actor.userId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    const feed = await tx.calendarFeed.create({
      data: { userId: actor.userId, tokenHash: hashToken(token) },
    });
    await audit(actor, { action: "calendar_feed.create", recordType: "CalendarFeed", recordId: feed.id }, tx);
  });
  return { url: `${serverEnv().APP_URL}/api/calendar/feed/${token}` };
}

export async function revokeCalendarFeed(actor: Actor) {
  await authorize(actor, "read", "session");
  const { count } = await db().calendarFeed.updateMany({
    where: { userId: actor.userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  await audit(actor, {
    action: "calendar_feed.revoke",
    recordType: "User",
    recordId: actor.userId,
    detail: { revoked: count },
  });
}

export async function calendarFeedStatus(actor: Actor) {
  const feed = await db().calendarFeed.findFirst({
    where: { userId: actor.userId, revokedAt: null },
    select: { createdAt: true },
  });
  return { active: Boolean(feed), createdAt: feed?.createdAt ?? null };
}

/**
 * The clinician's sessions (30 days back, 180 ahead) for a calendar app. The URL
 * is the only key, so the feed names clients by initials only.
 */
export async function calendarFeedIcs(token: string) {
  const feed = await db().calendarFeed.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      revokedAt: true,
      user: {
        select: {
          id: true,
          role: true,
          practiceId: true,
          disabledAt: true,
          practice: { select: { name: true } },
        },
      },
    },
  });
  if (!feed || feed.revokedAt || feed.user.disabledAt) throw new AppError("NOT_FOUND", "Not found.");
  const now = Date.now();
  const sessions = await db().session.findMany({
    where: {
      deletedAt: null,
      startsAt: { gte: new Date(now - 30 * 86_400_000), lt: new Date(now + 180 * 86_400_000) },
      series: { practiceId: feed.user.practiceId, deletedAt: null },
      OR: [{ clinicianId: feed.user.id }, { series: { therapistId: feed.user.id } }],
    },
    orderBy: { startsAt: "asc" },
    take: 1000,
    select: {
      id: true,
      kind: true,
      sequence: true,
      status: true,
      startsAt: true,
      endsAt: true,
      location: true,
      version: true,
      updatedAt: true,
      series: {
        select: {
          participants: { select: { client: { select: { legalFirstName: true, legalLastName: true } } } },
        },
      },
    },
  });
  await audit(
    { userId: feed.user.id, role: feed.user.role, practiceId: feed.user.practiceId, ip: null },
    {
      action: "calendar_feed.read",
      recordType: "CalendarFeed",
      recordId: feed.id,
      detail: { sessions: sessions.length },
    },
  );
  return icsCalendar(
    sessions.map((s) => ({
      uid: `${s.id}@kapstone`,
      start: s.startsAt,
      end: s.endsAt,
      summary: `${sessionLabel(s)} · ${s.series.participants.map((p) => initials(p.client.legalFirstName, p.client.legalLastName)).join(" & ")}`,
      location: s.location ?? undefined,
      status: icsStatus(s.status),
      sequence: s.version,
      updatedAt: s.updatedAt,
    })),
    { name: `Kapstone · ${feed.user.practice.name}` },
  );
}
