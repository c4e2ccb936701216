/** How long a password-reset link works (docs/security.md S9). */
export const RESET_TTL_MS = 30 * 60_000;

/** Requests for a reset link: per e-mail address, and per caller address, in a window. */
export const RESET_REQUESTS_PER_EMAIL = 3;
export const RESET_REQUESTS_PER_IP = 10;
export const RESET_WINDOW_MS = 15 * 60_000;

/** Wrong current passwords when changing one's password, per account, in a window. */
export const PASSWORD_CHANGE_FAILURES = 5;

export type ResetLinkStatus = "valid" | "used" | "expired" | "replaced";

/** What a reset link is at `now`: used once already, past its 30 minutes, replaced, or still good. */
export function resetLinkStatus(
  link: { usedAt: Date | null; revokedAt: Date | null; expiresAt: Date },
  now = new Date(),
): ResetLinkStatus {
  if (link.usedAt) return "used";
  if (link.revokedAt) return "replaced";
  if (link.expiresAt.getTime() <= now.getTime()) return "expired";
  return "valid";
}

export const resetLinkExpiry = (now: Date) => new Date(now.getTime() + RESET_TTL_MS);
