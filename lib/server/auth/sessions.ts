import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { isStaff, type Role } from "@/lib/auth/permissions";
import { readPracticeSecurity } from "@/lib/domain/admin/practice-settings";
import { evaluateSession, shouldTouch } from "@/lib/domain/auth/session-policy";
import { twoStepSetupDue } from "@/lib/domain/auth/two-step-policy";
import { audit } from "@/lib/server/core/audit";
import { db } from "@/lib/server/core/db";
import { transaction } from "@/lib/server/core/transaction";

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

type SessionRow = {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  revokedAt: Date | null;
  sessionVersion: number;
  userId: string;
  role: string;
  name: string;
  email: string;
  practiceId: string;
  userSessionVersion: number;
  disabledAt: Date | null;
  clientId: string | null;
  timeZone: string;
  mfaEnabledAt: Date | null;
  requireTwoStep: unknown;
};

/**
 * The actor behind a session id, or null when the session is unknown, revoked,
 * idle too long, past 12 hours, or issued before the user's session version
 * changed. The actor says whether the practice's required two-step sign-in is
 * still to be set up (docs/security.md S5). One query per request (plus a lastSeenAt write at most once a minute).
 * It runs before every page and API, so it is one plain SQL join: a nested
 * Prisma read of the same costs two to three times the CPU.
 */
export async function resolveSession(
  sessionId: string,
  ip: string | null,
  now = new Date(),
): Promise<Actor | null> {
  const [s] = await db().$queryRaw<SessionRow[]>`
    SELECT s."id", s."createdAt", s."lastSeenAt", s."revokedAt", s."sessionVersion",
           u."id" AS "userId", u."role"::text AS "role", u."name", u."email", u."practiceId",
           u."sessionVersion" AS "userSessionVersion", u."disabledAt", u."mfaEnabledAt",
           c."id" AS "clientId", p."timeZone", p."settings" -> 'requireTwoStep' AS "requireTwoStep"
    FROM "AuthSession" s
    JOIN "User" u ON u."id" = s."userId"
    JOIN "Practice" p ON p."id" = u."practiceId"
    LEFT JOIN "Client" c ON c."userId" = u."id"
    WHERE s."id" = ${sessionId}`;
  if (!s) return null;
  const state = evaluateSession(
    s,
    { role: s.role, sessionVersion: s.userSessionVersion, disabledAt: s.disabledAt },
    now,
  );
  if (state !== "ok") {
    if (!s.revokedAt) {
      await db().authSession.updateMany({ where: { id: s.id, revokedAt: null }, data: { revokedAt: now } });
    }
    return null;
  }
  if (shouldTouch(s.lastSeenAt, now)) {
    await db().authSession.updateMany({ where: { id: s.id }, data: { lastSeenAt: now } });
  }
  return {
    userId: s.userId,
    role: s.role as Role,
    practiceId: s.practiceId,
    timeZone: s.timeZone,
    name: s.name,
    email: s.email,
    clientId: s.clientId,
    sessionId: s.id,
    ip,
    twoStepSetupDue: twoStepSetupDue({
      staff: isStaff(s.role as Role),
      practiceRequires: readPracticeSecurity({ requireTwoStep: s.requireTwoStep }).requireTwoStep,
      mfaOn: s.mfaEnabledAt !== null,
    }),
  };
}

export async function revokeAuthSession(sessionId: string) {
  await db().authSession.updateMany({
    where: { id: sessionId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
}

/** Ends one browser's session (sign-out, idle sign-out); audited while it was still valid. */
export async function signOutSession(sessionId: string, ip: string | null, reason: "signed-out" | "idle") {
  const actor = await resolveSession(sessionId, ip);
  await revokeAuthSession(sessionId);
  if (actor) {
    await audit(actor, {
      action: "auth.sign_out",
      recordType: "User",
      recordId: actor.userId,
      detail: { reason },
    });
  }
}

/** Ends every session of the actor's account, on every device. */
export async function signOutEverywhere(actor: Actor) {
  await transaction(actor, async (tx) => {
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
