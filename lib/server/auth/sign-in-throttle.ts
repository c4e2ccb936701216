import "server-only";
import {
  ACCOUNT_WINDOW_MS,
  accountRetryAfterSeconds,
  COUNT_CAP,
  KNOWN_ADDRESS_MS,
  LOCKOUT_MS,
  MAX_CONSECUTIVE_FAILURES,
  retryAfterSeconds,
} from "@/lib/domain/auth/sign-in-throttle";
import { serverEnv } from "@/lib/env";
import { db } from "@/lib/server/core/db";
import { hashToken } from "@/lib/server/core/tokens";

/**
 * The password throttle (docs/security.md S7). Every attempt is counted before the
 * password is checked, in one statement per counter (as the two-step code counter in
 * ./two-step.ts is), so parallel attempts cannot slip past a limit; a success takes
 * its count back. An unknown address (null) is one shared address for the account.
 */

const addressKey = (email: string, ip: string | null) => hashToken(`${email}|${ip ?? "-"}`);
const accountKey = (email: string) => hashToken(`account|${email}`);

export type Refusal = { limit: "address" | "account"; waitSeconds: number };

/**
 * Counts an attempt for the account from this address. Answers the seconds to wait
 * when the address has used up its attempts (0: go ahead). Attempts made while locked
 * are counted but do not extend the wait.
 */
async function reserveAddressAttempt(email: string, ip: string | null, now: Date): Promise<number> {
  const forgetBefore = new Date(now.getTime() - LOCKOUT_MS);
  const [row] = await db().$queryRaw<{ failures: number; lastFailureAt: Date }[]>`
    INSERT INTO "SignInThrottle" ("key", "failures", "lastFailureAt")
    VALUES (${addressKey(email, ip)}, 1, ${now})
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE WHEN "SignInThrottle"."lastFailureAt" <= ${forgetBefore} THEN 1
                        ELSE LEAST("SignInThrottle"."failures" + 1, ${COUNT_CAP}) END,
      "lastFailureAt" = CASE WHEN "SignInThrottle"."lastFailureAt" <= ${forgetBefore}
                               OR "SignInThrottle"."failures" < ${MAX_CONSECUTIVE_FAILURES} THEN ${now}
                             ELSE "SignInThrottle"."lastFailureAt" END
    RETURNING "failures", "lastFailureAt"`;
  if (!row || row.failures <= MAX_CONSECUTIVE_FAILURES) return 0;
  return Math.max(1, Math.ceil((row.lastFailureAt.getTime() + LOCKOUT_MS - now.getTime()) / 1000));
}

/** Counts an attempt for the account from anywhere; the seconds left in its window when over the limit. */
async function reserveAccountAttempt(email: string, now: Date, limit: number): Promise<number> {
  const windowFrom = new Date(now.getTime() - ACCOUNT_WINDOW_MS);
  const [row] = await db().$queryRaw<{ failures: number; firstFailureAt: Date | null }[]>`
    INSERT INTO "SignInThrottle" ("key", "failures", "lastFailureAt", "firstFailureAt")
    VALUES (${accountKey(email)}, 1, ${now}, ${now})
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE WHEN "SignInThrottle"."firstFailureAt" IS NULL
                          OR "SignInThrottle"."firstFailureAt" <= ${windowFrom} THEN 1
                        ELSE LEAST("SignInThrottle"."failures" + 1, ${COUNT_CAP}) END,
      "firstFailureAt" = CASE WHEN "SignInThrottle"."firstFailureAt" IS NULL
                                OR "SignInThrottle"."firstFailureAt" <= ${windowFrom} THEN ${now}
                              ELSE "SignInThrottle"."firstFailureAt" END,
      "lastFailureAt" = ${now}
    RETURNING "failures", "firstFailureAt"`;
  if (!row || row.failures <= limit) return 0;
  return accountRetryAfterSeconds(row, limit, now);
}

/**
 * Whether this address has signed in to the account (password and code) in the last
 * 90 days: its sessions remember the address they were opened from.
 */
async function knownAddress(email: string, ip: string | null, now: Date): Promise<boolean> {
  if (!ip) return false;
  const session = await db().authSession.findFirst({
    where: { ip, user: { email }, createdAt: { gte: new Date(now.getTime() - KNOWN_ADDRESS_MS) } },
    select: { id: true },
  });
  return session !== null;
}

/**
 * Counts this attempt against both limits before the password is checked. Answers the
 * refusal when the attempt must not be checked, or null when it may go ahead.
 */
export async function reserveSignInAttempt(
  email: string,
  ip: string | null,
  now: Date,
): Promise<Refusal | null> {
  const addressWait = await reserveAddressAttempt(email, ip, now);
  if (addressWait > 0) return { limit: "address", waitSeconds: addressWait };
  const accountWait = await reserveAccountAttempt(email, now, serverEnv().SIGN_IN_ACCOUNT_LIMIT);
  if (accountWait > 0 && !(await knownAddress(email, ip, now)))
    return { limit: "account", waitSeconds: accountWait };
  return null;
}

/** After a right password: the address starts afresh and the account gets its attempt back. */
export async function releaseSignInAttempt(email: string, ip: string | null) {
  await db().signInThrottle.deleteMany({ where: { key: addressKey(email, ip) } });
  await db().signInThrottle.updateMany({
    where: { key: accountKey(email), failures: { gt: 0 } },
    data: { failures: { decrement: 1 } },
  });
}

/**
 * The refusal the next attempt would get, without counting it: the sign-in route asks
 * this before next-auth runs, so that it can answer a real 429 with Retry-After.
 */
export async function signInRefusal(email: string, ip: string | null, now: Date): Promise<Refusal | null> {
  const keys = { address: addressKey(email, ip), account: accountKey(email) };
  const rows = await db().signInThrottle.findMany({ where: { key: { in: [keys.address, keys.account] } } });
  const address = rows.find((r) => r.key === keys.address) ?? null;
  const addressWait = retryAfterSeconds(address, now);
  if (addressWait > 0) return { limit: "address", waitSeconds: addressWait };
  const account = rows.find((r) => r.key === keys.account) ?? null;
  const accountWait = accountRetryAfterSeconds(account, serverEnv().SIGN_IN_ACCOUNT_LIMIT, now);
  if (accountWait > 0 && !(await knownAddress(email, ip, now)))
    return { limit: "account", waitSeconds: accountWait };
  return null;
}
