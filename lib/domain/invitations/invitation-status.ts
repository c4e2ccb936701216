export type InvitationStatus = "pending" | "accepted" | "revoked" | "expired";

export function invitationStatus(
  i: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date },
  now = new Date(),
): InvitationStatus {
  if (i.acceptedAt) return "accepted";
  if (i.revokedAt) return "revoked";
  if (i.expiresAt <= now) return "expired";
  return "pending";
}

/**
 * A pending or expired invitation can get a fresh link; a used or revoked one
 * cannot (create a new invitation). The invitations page shows "Resend" by the
 * same rule.
 */
export const canResendInvitation = (status: InvitationStatus) => status === "pending" || status === "expired";
/** Only pending or expired invitations can be revoked. */
export const canRevokeInvitation = (status: InvitationStatus) => status === "pending" || status === "expired";

/**
 * Accepting invitations from one address (docs/security.md S9): at most 10 tries within
 * 15 minutes, then none until 15 minutes after the last counted one. A person needs one try,
 * or a few with typos; guessing links, or making the server hash passwords for bad ones, needs
 * many.
 */
export const MAX_ACCEPT_ATTEMPTS = 10;
export const ACCEPT_WINDOW_MS = 15 * 60_000;
