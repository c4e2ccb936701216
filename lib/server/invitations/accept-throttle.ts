import "server-only";
import { ACCEPT_WINDOW_MS, MAX_ACCEPT_ATTEMPTS } from "@/lib/domain/invitations/invitation-status";
import { db } from "@/lib/server/core/db";
import { hashToken } from "@/lib/server/core/tokens";

const acceptThrottleKey = (ip: string) => hashToken(`invitation-accept|${ip}`);

/**
 * Counts one try at accepting an invitation from an address, before the link is looked up
 * and before any password is hashed, in one statement (as the two-step code counter in
 * lib/server/auth/two-step.ts does), so parallel tries cannot slip past the cap. Answers the
 * seconds to wait when the address has used up its tries (0 when this one may go ahead).
 * Tries made while refused do not extend the wait. Without an address (outside a request:
 * scripts and tests; a server request always has one) there is nothing to count by.
 */
export async function reserveAcceptAttempt(ip: string | null, now: Date): Promise<number> {
  if (!ip) return 0;
  const key = acceptThrottleKey(ip);
  const forgetBefore = new Date(now.getTime() - ACCEPT_WINDOW_MS);
  const [row] = await db().$queryRaw<{ failures: number; lastFailureAt: Date }[]>`
    INSERT INTO "SignInThrottle" ("key", "failures", "lastFailureAt") VALUES (${key}, 1, ${now})
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE WHEN "SignInThrottle"."lastFailureAt" <= ${forgetBefore} THEN 1
                        ELSE "SignInThrottle"."failures" + 1 END,
      "lastFailureAt" = CASE WHEN "SignInThrottle"."lastFailureAt" <= ${forgetBefore}
                               OR "SignInThrottle"."failures" < ${MAX_ACCEPT_ATTEMPTS} THEN ${now}
                             ELSE "SignInThrottle"."lastFailureAt" END
    RETURNING "failures", "lastFailureAt"`;
  if (!row || row.failures <= MAX_ACCEPT_ATTEMPTS) return 0;
  return Math.max(1, Math.ceil((row.lastFailureAt.getTime() + ACCEPT_WINDOW_MS - now.getTime()) / 1000));
}
