import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { audit } from "@/lib/server/core/audit";
import type { Tx } from "@/lib/server/core/db";
import { appLink, type Mail } from "@/lib/server/mail/send-mail";

/** Someone who already has an account with the address, in another practice. */
export type AccountElsewhere = { userId: string; practiceId: string };

const TAKEN = "That e-mail already has an account.";

/**
 * Whether an address someone is inviting already has an account (one account per address).
 * In the inviter's own practice they are told: the person is in the practice's lists already.
 * In another practice they are not (that would tell them who uses which practice): the
 * invitation is made as for a new address, and the account's owner gets a notice instead of
 * the link (docs/security.md S9). Answers that account, or null when there is none.
 */
export async function accountWithEmail(tx: Tx, email: string, practiceId: string) {
  const user = await tx.user.findUnique({ where: { email }, select: { id: true, practiceId: true } });
  if (!user) return null;
  if (user.practiceId === practiceId) {
    throw new AppError("VALIDATION", TAKEN, { fieldErrors: { email: [TAKEN] } });
  }
  return { userId: user.id, practiceId: user.practiceId } satisfies AccountElsewhere;
}

/** The account another practice has with this address, if any (resending an invitation). */
export async function accountElsewhere(tx: Tx, email: string, practiceId: string) {
  const user = await tx.user.findUnique({ where: { email }, select: { id: true, practiceId: true } });
  if (!user || user.practiceId === practiceId) return null;
  return { userId: user.id, practiceId: user.practiceId } satisfies AccountElsewhere;
}

/** The audit row of a notice, in the trail of the practice whose account it concerns. */
export async function auditAccountNotice(
  actor: Actor,
  account: AccountElsewhere,
  invitation: { id: string; kind: "CLIENT" | "STAFF" },
  tx?: Tx,
) {
  await audit(
    { userId: actor.userId, role: actor.role, practiceId: account.practiceId, ip: actor.ip },
    {
      action: "invitation.existing_account_notice",
      recordType: "User",
      recordId: account.userId,
      detail: { kind: invitation.kind, invitationId: invitation.id, fromPracticeId: actor.practiceId },
    },
    tx,
  );
}

/**
 * The notice to the owner of an account that someone in another practice tried to invite.
 * It names the inviting practice and nothing about care, and carries no link but sign-in.
 */
export function accountNoticeMail(to: string, account: AccountElsewhere, fromPracticeName: string): Mail {
  return {
    to,
    practiceId: account.practiceId,
    adminOnly: true,
    subject: "Someone tried to invite this address to Kapstone",
    text: `Hello,\n\nSomeone at ${fromPracticeName} tried to invite this address to Kapstone. You already have an account with this address, so no new account was made and no invitation link was sent.\n\nIf you expected this, ask ${fromPracticeName} to use another address for you. If not, you can ignore this message.\n\nYou can sign in to your account here:\n${appLink("/signin")}`,
  };
}
