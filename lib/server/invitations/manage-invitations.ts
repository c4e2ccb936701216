import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { clientScope } from "@/lib/auth/relations";
import { type Paged, pageWindow, toPage } from "@/lib/domain/core/pagination";
import { canResendInvitation, invitationStatus } from "@/lib/domain/invitations/invitation-status";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { audit } from "@/lib/server/core/audit";
import { authorize, deniedAsNotFound } from "@/lib/server/core/authorize";
import { db } from "@/lib/server/core/db";
import { parseOrThrow } from "@/lib/server/core/parse";
import { hashToken, newToken } from "@/lib/server/core/tokens";
import { sendAfterCommit } from "@/lib/server/mail/send-mail";
import { invitationIdSchema } from "@/lib/validation/invitations";
import { accountElsewhere, accountNoticeMail, auditAccountNotice } from "./existing-account";
import { expiry, invitationMail } from "./invitation-mail";

export async function listInvitations(actor: Actor, page: number): Promise<Paged<InvitationRow>> {
  await authorize(actor, "list", "invitation");
  const rows = await db().invitation.findMany({
    where: { practiceId: actor.practiceId },
    orderBy: { createdAt: "desc" },
    ...pageWindow(page),
    select: invitationRowSelect,
  });
  await audit(actor, { action: "invitation.list", detail: { page, count: rows.length } });
  return toPage(rows, page);
}

const invitationRowSelect = {
  id: true,
  kind: true,
  email: true,
  name: true,
  role: true,
  clientId: true,
  createdAt: true,
  expiresAt: true,
  acceptedAt: true,
  revokedAt: true,
  invitedBy: { select: { name: true } },
} satisfies Prisma.InvitationSelect;
export type InvitationRow = Prisma.InvitationGetPayload<{ select: typeof invitationRowSelect }>;

export async function revokeInvitation(actor: Actor, id: string) {
  await authorize(actor, "revoke", "invitation");
  const { invitationId } = parseOrThrow(invitationIdSchema, { invitationId: id });
  const { count } = await db().invitation.updateMany({
    where: { id: invitationId, practiceId: actor.practiceId, acceptedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) {
    const exists = await db().invitation.findFirst({
      where: { id: invitationId, practiceId: actor.practiceId },
      select: { id: true },
    });
    if (!exists)
      return deniedAsNotFound(actor, {
        action: "invitation.revoke",
        recordType: "Invitation",
        recordId: invitationId,
      });
    throw new AppError("CONFLICT", "That invitation was already used or revoked.");
  }
  await audit(actor, { action: "invitation.revoke", recordType: "Invitation", recordId: invitationId });
}

/**
 * Issues a fresh link (the old one stops working) and mails it again. Admins may
 * resend any invitation of the practice; a therapist only a client invitation
 * for a client on their care team or one they invited themselves. Others get
 * not-found (audited). Revoked or used invitations stay closed: an admin's
 * revocation is never undone here.
 */
export async function resendInvitation(actor: Actor, id: string) {
  await authorize(actor, "create", "invitation");
  const { invitationId } = parseOrThrow(invitationIdSchema, { invitationId: id });
  const invitation = await db().invitation.findFirst({
    where: { id: invitationId, ...resendScope(actor) },
    select: {
      id: true,
      email: true,
      name: true,
      kind: true,
      clientId: true,
      acceptedAt: true,
      revokedAt: true,
      expiresAt: true,
      practiceId: true,
      practice: { select: { name: true } },
    },
  });
  if (!invitation) {
    return deniedAsNotFound(actor, {
      action: "invitation.resend",
      recordType: "Invitation",
      recordId: invitationId,
    });
  }
  const closed = "This invitation can no longer be resent: create a new invitation.";
  if (!canResendInvitation(invitationStatus(invitation))) throw new AppError("CONFLICT", closed);
  const token = newToken();
  const { count } = await db().invitation.updateMany({
    where: { id: invitation.id, acceptedAt: null, revokedAt: null },
    data: { tokenHash: hashToken(token), expiresAt: expiry(new Date()) },
  });
  if (count !== 1) throw new AppError("CONFLICT", closed);
  await audit(actor, {
    action: "invitation.resend",
    recordType: "Invitation",
    recordId: invitation.id,
    clientId: invitation.clientId,
  });
  // An address that has an account elsewhere by now gets the notice, never a link (./existing-account.ts).
  const elsewhere = await accountElsewhere(db(), invitation.email, invitation.practiceId);
  if (elsewhere) await auditAccountNotice(actor, elsewhere, invitation);
  await sendAfterCommit(
    `Invitation ${invitation.id}`,
    elsewhere
      ? accountNoticeMail(invitation.email, elsewhere, invitation.practice.name)
      : invitationMail(
          invitation.email,
          invitation.name,
          invitation.practice.name,
          token,
          invitation.kind,
          invitation.practiceId,
          actor.userId,
        ),
  );
}

/** Invitations the actor may resend (see `resendInvitation`). */
function resendScope(actor: Actor): Prisma.InvitationWhereInput {
  const practice = { practiceId: actor.practiceId };
  if (actor.role === "ADMIN")
    return { ...practice, OR: [{ clientId: null }, { client: { deletedAt: null } }] };
  if (actor.role === "THERAPIST") {
    return {
      ...practice,
      kind: "CLIENT",
      client: { deletedAt: null },
      OR: [{ invitedById: actor.userId }, { client: clientScope(actor) }],
    };
  }
  return { id: { in: [] } };
}
