import "server-only";
import { createHash } from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import type { Prisma } from "@/lib/generated/prisma/client";
import { type AuditActor, audit } from "@/lib/server/core/audit";
import { db } from "@/lib/server/core/db";

/**
 * Denials of callers who are not signed in (no session, or one that ended) written to
 * the audit trail per address and minute. Past this, they are only counted, and the
 * count is written with the next one audited from that address, so anonymous traffic
 * cannot grow the audit trail without bound (docs/security.md S8).
 */
export const UNAUTHENTICATED_AUDITS_PER_MINUTE = 10;

export type UnauthenticatedDenial = {
  /** "api.unauthenticated" (a route handler or server action) or "page.unauthenticated". */
  action: "api.unauthenticated" | "page.unauthenticated" | "calendar_feed.read";
  ip: string | null;
  recordType?: string;
  recordId?: string;
  /** The path asked for (never its query string), the method, the reason. */
  detail?: Record<string, Prisma.InputJsonValue>;
  /** Whose record was asked for, when known (a calendar feed's owner). */
  actor?: AuditActor | null;
};

/**
 * Counts the denial for its address in one statement; audits it (outcome DENIED) when
 * it is among the first `UNAUTHENTICATED_AUDITS_PER_MINUTE` of the address's minute.
 * The first audited row of a minute carries how many the minute before left out.
 * Returns whether a row was written.
 */
export async function auditUnauthenticated(denial: UnauthenticatedDenial): Promise<boolean> {
  const key = createHash("sha256")
    .update(`denial:${denial.ip ?? "unknown"}`)
    .digest("hex");
  const limit = UNAUTHENTICATED_AUDITS_PER_MINUTE;
  const [counted] = await db().$queryRaw<{ count: number; carried: number }[]>`
    INSERT INTO "DenialThrottle" ("key", "windowStart", "count", "carried")
    VALUES (${key}, now(), 1, 0)
    ON CONFLICT ("key") DO UPDATE SET
      "carried" = CASE WHEN "DenialThrottle"."windowStart" <= now() - interval '1 minute'
                       THEN GREATEST("DenialThrottle"."count" - ${limit}, 0) ELSE "DenialThrottle"."carried" END,
      "count" = CASE WHEN "DenialThrottle"."windowStart" <= now() - interval '1 minute'
                     THEN 1 ELSE "DenialThrottle"."count" + 1 END,
      "windowStart" = CASE WHEN "DenialThrottle"."windowStart" <= now() - interval '1 minute'
                           THEN now() ELSE "DenialThrottle"."windowStart" END
    RETURNING "count", "carried"`;
  if (!counted || counted.count > limit) return false;
  const carried =
    counted.count === 1 && counted.carried > 0 ? { notAuditedTheMinuteBefore: counted.carried } : {};
  await audit(
    denial.actor ?? null,
    {
      action: denial.action,
      recordType: denial.recordType,
      recordId: denial.recordId,
      outcome: "DENIED",
      detail: { ...denial.detail, ...carried },
    },
    undefined,
    denial.ip,
  );
  return true;
}

/**
 * A signed-in person refused a page for their role (a client opening a staff page, a
 * therapist an admin page): audited, then answered not-found by the caller.
 */
export async function auditPageDenial(actor: Actor, required: readonly string[]) {
  await audit(actor, { action: "page.denied", outcome: "DENIED", detail: { required: [...required] } });
}
