import "server-only";
import { db } from "@/lib/server/core/db";
import { hashToken } from "@/lib/server/core/tokens";

/**
 * A counter of attempts per key in a window, kept in the SignInThrottle table
 * (under keys of its own, hashed) so that it holds across app instances.
 * Counting and checking are one statement, so parallel requests cannot slip
 * past the limit. Answers the seconds to wait (0: this attempt may go ahead).
 * Attempts past the limit do not extend the wait; the count starts again once
 * `windowMs` has passed since the last counted attempt.
 */
export async function reserveAttempt(
  kind: string,
  subject: string,
  max: number,
  windowMs: number,
  now: Date,
): Promise<number> {
  const key = hashToken(`${kind}|${subject}`);
  const forgetBefore = new Date(now.getTime() - windowMs);
  const [row] = await db().$queryRaw<{ failures: number; lastFailureAt: Date }[]>`
    INSERT INTO "SignInThrottle" ("key", "failures", "lastFailureAt") VALUES (${key}, 1, ${now})
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE WHEN "SignInThrottle"."lastFailureAt" <= ${forgetBefore} THEN 1
                        ELSE "SignInThrottle"."failures" + 1 END,
      "lastFailureAt" = CASE WHEN "SignInThrottle"."lastFailureAt" <= ${forgetBefore}
                               OR "SignInThrottle"."failures" < ${max} THEN ${now}
                             ELSE "SignInThrottle"."lastFailureAt" END
    RETURNING "failures", "lastFailureAt"`;
  if (!row || row.failures <= max) return 0;
  return Math.max(1, Math.ceil((row.lastFailureAt.getTime() + windowMs - now.getTime()) / 1000));
}

/** Forgets the attempts of a key (after a success). */
export async function clearAttempts(kind: string, subject: string) {
  await db().signInThrottle.deleteMany({ where: { key: hashToken(`${kind}|${subject}`) } });
}
