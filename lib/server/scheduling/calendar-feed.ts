import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { isStaff, type Role } from "@/lib/auth/permissions";
import { seriesScope } from "@/lib/auth/relations";
import { readPracticeSecurity } from "@/lib/domain/admin/practice-settings";
import { twoStepSetupDue } from "@/lib/domain/auth/two-step-policy";
import { icsCalendar, icsFilename, initials } from "@/lib/domain/scheduling/ics";
import { serverEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { auditUnauthenticated } from "@/lib/server/auth/denials";
import { audit, auditMany } from "@/lib/server/core/audit";
import { authorize, deniedAsNotFound } from "@/lib/server/core/authorize";
import { db } from "@/lib/server/core/db";
import { hashToken, newToken } from "@/lib/server/core/tokens";
import { transaction } from "@/lib/server/core/transaction";
import { appLink } from "@/lib/server/mail/send-mail";

// A session ended early took place (a dose was given): it stays in the calendar as it happened.
const STATUS = {
  CANCELLED: "CANCELLED",
  NO_SHOW: "CANCELLED",
  SCHEDULED: "TENTATIVE",
  ENDED_EARLY: "CONFIRMED",
} as const;
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
      status: true,
      startsAt: true,
      endsAt: true,
      location: true,
      telehealthUrl: true,
      updatedAt: true,
      version: true,
      series: {
        select: {
          id: true,
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
  // Calendar apps sync to third-party clouds: the event names the practice, not the treatment;
  // what the session is for and how to prepare stay behind the sign-in.
  const summary = `Appointment at ${session.series.practice.name}`;
  const details = actor.role === "CLIENT" ? "/portal/schedule" : `/series/${session.series.id}`;
  const body = icsCalendar(
    [
      {
        uid: `${session.id}@kapstone`,
        start: session.startsAt,
        end: session.endsAt,
        summary,
        description: `Details: ${appLink(details)}`,
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
    filename: icsFilename("Appointment", session.startsAt, session.series.practice.timeZone),
  };
}

/** How long a calendar feed link works: a year, then the clinician makes a new one. */
export const CALENDAR_FEED_TTL_DAYS = 365;

/**
 * Creates a private calendar feed URL for the clinician, working for `CALENDAR_FEED_TTL_DAYS`.
 * Any previous one stops working at once, in the same transaction: making a new link is how a
 * feed is rotated (audited as `calendar_feed.rotate`, naming the feeds it replaced).
 */
export async function createCalendarFeed(actor: Actor) {
  await authorize(actor, "read", "session");
  const token = newToken();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + CALENDAR_FEED_TTL_DAYS * 86_400_000);
  await transaction(actor, async (tx) => {
    const replaced = await tx.calendarFeed.updateManyAndReturn({
      where: { userId: actor.userId, revokedAt: null },
      data: { revokedAt: now },
      select: { id: true },
    });
    const feed = await tx.calendarFeed.create({
      data: { userId: actor.userId, tokenHash: hashToken(token), expiresAt },
    });
    const live = replaced.map((r) => r.id);
    await audit(
      actor,
      {
        action: live.length > 0 ? "calendar_feed.rotate" : "calendar_feed.create",
        recordType: "CalendarFeed",
        recordId: feed.id,
        detail: { expiresAt: expiresAt.toISOString(), ...(live.length > 0 ? { replaced: live } : {}) },
      },
      tx,
    );
  });
  return { url: `${serverEnv().APP_URL}/api/calendar/feed/${token}`, expiresAt };
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

/** Whether the actor has a calendar feed running, and until when (for the schedule page). */
export async function calendarFeedStatus(actor: Actor) {
  await authorize(actor, "read", "session");
  const feed = await db().calendarFeed.findFirst({
    where: { userId: actor.userId, revokedAt: null },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true, expiresAt: true },
  });
  const expired = feed ? feed.expiresAt <= new Date() : false;
  return {
    active: Boolean(feed) && !expired,
    expired,
    createdAt: feed?.createdAt ?? null,
    expiresAt: feed?.expiresAt ?? null,
  };
}

/** What an event in a clinician's feed is called: no session kind, no dose number, initials only. */
export const FEED_EVENT_TITLE = "Kapstone session";

/**
 * The clinician's sessions (30 days back, 180 ahead) for a calendar app. The URL
 * is the only key and the events land in a third-party calendar, so each event
 * says only that there is a session, with whom (initials), and where (room or
 * video link). The feed reads as its owner would: the same permission and care
 * team scope, so a client who leaves the owner's care team leaves the feed, and
 * a disabled owner, an expired or a revoked token answers 404 (audited as denied, at most
 * `UNAUTHENTICATED_AUDITS_PER_MINUTE` rows per address and minute).
 */
export async function calendarFeedIcs(token: string, ip: string | null = null) {
  const feed = await db().calendarFeed.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      revokedAt: true,
      expiresAt: true,
      user: {
        select: {
          id: true,
          role: true,
          name: true,
          email: true,
          practiceId: true,
          disabledAt: true,
          mfaEnabledAt: true,
          practice: { select: { name: true, timeZone: true, settings: true } },
        },
      },
    },
  });
  if (!feed) throw new AppError("NOT_FOUND", "Not found.");
  const refused = feed.revokedAt
    ? "revoked"
    : feed.expiresAt <= new Date()
      ? "expired"
      : feed.user.disabledAt
        ? "owner disabled"
        : null;
  if (refused) {
    // Whoever holds the old link is not signed in: audited, bounded per address.
    await auditUnauthenticated({
      action: "calendar_feed.read",
      ip,
      recordType: "CalendarFeed",
      recordId: feed.id,
      actor: { userId: feed.user.id, role: feed.user.role as Role, practiceId: feed.user.practiceId, ip },
      detail: { reason: refused },
    });
    throw new AppError("NOT_FOUND", "Not found.");
  }
  const owner: Actor = {
    userId: feed.user.id,
    role: feed.user.role as Role,
    practiceId: feed.user.practiceId,
    timeZone: feed.user.practice.timeZone,
    name: feed.user.name,
    email: feed.user.email,
    clientId: null,
    sessionId: `calendar-feed:${feed.id}`,
    ip,
    // An owner who has yet to set up the two-step sign-in their practice requires gets nothing here either.
    twoStepSetupDue: twoStepSetupDue({
      staff: isStaff(feed.user.role as Role),
      practiceRequires: readPracticeSecurity(feed.user.practice.settings).requireTwoStep,
      mfaOn: feed.user.mfaEnabledAt !== null,
    }),
  };
  try {
    await authorize(owner, "read", "session", { recordType: "CalendarFeed", recordId: feed.id });
  } catch (e) {
    // The owner's role may no longer read sessions (the denial is audited): the feed is gone.
    if (e instanceof AppError) throw new AppError("NOT_FOUND", "Not found.");
    throw e;
  }
  const now = Date.now();
  const sessions = await db().session.findMany({
    where: {
      deletedAt: null,
      startsAt: { gte: new Date(now - 30 * 86_400_000), lt: new Date(now + 180 * 86_400_000) },
      series: seriesScope(owner),
      OR: [{ clinicianId: owner.userId }, { series: { therapistId: owner.userId } }],
    },
    orderBy: { startsAt: "asc" },
    take: 1000,
    select: {
      id: true,
      status: true,
      startsAt: true,
      endsAt: true,
      location: true,
      telehealthUrl: true,
      version: true,
      updatedAt: true,
      series: {
        select: {
          participants: {
            select: { client: { select: { id: true, legalFirstName: true, legalLastName: true } } },
          },
        },
      },
    },
  });
  const clientIds = [...new Set(sessions.flatMap((s) => s.series.participants.map((p) => p.client.id)))];
  const read = { action: "calendar_feed.read", recordType: "CalendarFeed", recordId: feed.id };
  await auditMany(
    owner,
    clientIds.length > 0
      ? clientIds.map((clientId) => ({ ...read, clientId, detail: { sessions: sessions.length } }))
      : [{ ...read, detail: { sessions: 0 } }],
  );
  return icsCalendar(
    sessions.map((s) => ({
      uid: `${s.id}@kapstone`,
      start: s.startsAt,
      end: s.endsAt,
      summary: `${FEED_EVENT_TITLE} · ${s.series.participants.map((p) => initials(p.client.legalFirstName, p.client.legalLastName)).join(" & ")}`,
      location: s.location ?? (s.telehealthUrl ? "Video call" : undefined),
      url: s.telehealthUrl ?? undefined,
      status: icsStatus(s.status),
      sequence: s.version,
      updatedAt: s.updatedAt,
    })),
    { name: `Kapstone · ${feed.user.practice.name}` },
  );
}
