import "server-only";
import { serverEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { Tx } from "@/lib/server/core/db";
import type { Mail } from "@/lib/server/mail/send-mail";

export const INVITATION_TTL_DAYS = 7;
export const expiry = (now: Date) => new Date(now.getTime() + INVITATION_TTL_DAYS * 86_400_000);

/**
 * The invitation e-mail. It says who invites and links to the portal, nothing
 * about care (no intake, visits or treatment): mail is not a private channel.
 * In the development outbox only the sender and the practice's admins see it
 * (staff invitations: admins only), and the link is shown once.
 */
export function invitationMail(
  to: string,
  name: string,
  practiceName: string,
  token: string,
  kind: "CLIENT" | "STAFF",
  practiceId: string,
  senderId: string,
): Mail {
  const link = `${serverEnv().APP_URL}/invite/${token}`;
  const intro =
    kind === "CLIENT"
      ? `You're invited to ${practiceName}'s portal on Kapstone.`
      : `You're invited to join ${practiceName}'s team on Kapstone.`;
  return {
    to,
    practiceId,
    adminOnly: kind === "STAFF",
    senderId,
    secretLink: link,
    subject: `You're invited to ${practiceName}'s portal`,
    text: `Hello ${name},\n\n${intro}\n\nSet your password here (the link works once and expires in ${INVITATION_TTL_DAYS} days):\n${link}\n\nIf you were not expecting this, you can ignore this message.`,
  };
}

export async function assertEmailFree(tx: Tx, email: string) {
  const existing = await tx.user.findUnique({ where: { email }, select: { id: true } });
  if (existing) {
    throw new AppError("VALIDATION", "That e-mail already has an account.", {
      fieldErrors: { email: ["That e-mail already has an account."] },
    });
  }
}
