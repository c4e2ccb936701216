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
