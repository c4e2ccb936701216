import "server-only";
import { ACCEPT_WINDOW_MS, MAX_ACCEPT_ATTEMPTS } from "@/lib/domain/invitations/invitation-status";
import { reserveAttempt } from "@/lib/server/auth/attempt-limits";

/**
 * Counts one try at accepting an invitation from an address, before the link is looked up
 * and before any password is hashed, in one statement (lib/server/auth/attempt-limits.ts),
 * so parallel tries cannot slip past the cap. Answers the seconds to wait when the address has used up its tries (0 when this one may go ahead).
 * Tries made while refused do not extend the wait. Without an address (outside a request:
 * scripts and tests; a server request always has one) there is nothing to count by.
 */
export async function reserveAcceptAttempt(ip: string | null, now: Date): Promise<number> {
  if (!ip) return 0;
  return reserveAttempt("invitation-accept", ip, MAX_ACCEPT_ATTEMPTS, ACCEPT_WINDOW_MS, now);
}
