import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { Role } from "@/lib/auth/permissions";
import { evaluateSession, shouldTouch } from "@/lib/domain/session-policy";
import { audit } from "./audit";
import { db } from "./db";

export async function createAuthSession(
  user: { id: string; sessionVersion: number },
  ip: string | null,
  userAgent: string | null,
) {
  const s = await db().authSession.create({
    data: { userId: user.id, sessionVersion: user.sessionVersion, ip, userAgent },
    select: { id: true },
  });
  return s.id;
}

/**
 * The actor behind a session id, or null when the session is unknown, revoked,
 * idle too long, past 12 hours, or issued before the user's session version
 * changed. One query per request (plus a throttled lastSeenAt write).
 */
export async function resolveSession(
  sessionId: string,
  ip: string | null,
  now = new Date(),
): Promise<Actor | null> {
  const s = await db().authSession.findUnique({
    where: { id: sessionId },
    select: {
      id: true,
      createdAt: true,
      lastSeenAt: true,
      revokedAt: true,
      sessionVersion: true,
      user: {
        select: {
          id: true,
          role: true,
          name: true,
          email: true,
          practiceId: true,
          sessionVersion: true,
          disabledAt: true,
          client: { select: { id: true } },
          practice: { select: { timeZone: true } },
        },
      },
    },
  });
  if (!s) return null;
  const state = evaluateSession(s, s.user, now);
  if (state !== "ok") {
    if (!s.revokedAt) {
      await db().authSession.update({ where: { id: s.id }, data: { revokedAt: now } });
    }
    return null;
  }
  if (shouldTouch(s.lastSeenAt, now)) {
    await db().authSession.update({ where: { id: s.id }, data: { lastSeenAt: now } });
  }
  return {
    userId: s.user.id,
    role: s.user.role as Role,
    practiceId: s.user.practiceId,
    timeZone: s.user.practice.timeZone,
    name: s.user.name,
    email: s.user.email,
    clientId: s.user.client?.id ?? null,
    sessionId: s.id,
    ip,
  };
}

export async function revokeAuthSession(sessionId: string) {
  await db().authSession.updateMany({
    where: { id: sessionId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
}

/** Ends every session of the actor's account, on every device. */
export async function signOutEverywhere(actor: Actor) {
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.userId }, data: { sessionVersion: { increment: 1 } } });
    await tx.authSession.updateMany({
      where: { userId: actor.userId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    await audit(
      actor,
      { action: "auth.sign_out_everywhere", recordType: "User", recordId: actor.userId },
      tx,
    );
  });
}
