import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { audit } from "@/lib/server/core/audit";
import { authorize } from "@/lib/server/core/authorize";
import { parseOrThrow } from "@/lib/server/core/parse";
import { hashToken, newToken } from "@/lib/server/core/tokens";
import { transaction } from "@/lib/server/core/transaction";
import { sendAfterCommit } from "@/lib/server/mail/send-mail";
import { type StaffInvitationInput, staffInvitationSchema } from "@/lib/validation/invitations";
import { accountNoticeMail, accountWithEmail, auditAccountNotice } from "./existing-account";
import { expiry, invitationMail } from "./invitation-mail";

/**
 * Admins invite therapists, prescribers and other admins. An address with an account
 * in another practice gets the same answer as a new one, and its owner a notice instead
 * of the link (./existing-account.ts).
 */
export async function inviteStaff(actor: Actor, input: StaffInvitationInput) {
  await authorize(actor, "create", "invitation");
  if (actor.role !== "ADMIN") {
    await audit(actor, { action: "invitation.create", outcome: "DENIED", detail: { kind: "STAFF" } });
    throw new AppError("FORBIDDEN", "Only practice admins invite staff.");
  }
  const data = parseOrThrow(staffInvitationSchema, input);
  const token = newToken();
  const now = new Date();
  const { invitation, practiceName, accountElsewhere } = await transaction(actor, async (tx) => {
    const accountElsewhere = await accountWithEmail(tx, data.email, actor.practiceId);
    const invitation = await tx.invitation.create({
      data: {
        practiceId: actor.practiceId,
        kind: "STAFF",
        email: data.email,
        name: data.name,
        role: data.role,
        tokenHash: hashToken(token),
        expiresAt: expiry(now),
        invitedById: actor.userId,
        staffDetails: {
          credentials: data.credentials ?? null,
          npi: data.npi ?? null,
          licences: data.licences,
        },
      },
      select: { id: true, practice: { select: { name: true } } },
    });
    await audit(
      actor,
      { action: "invitation.create", recordType: "Invitation", recordId: invitation.id },
      tx,
    );
    if (accountElsewhere)
      await auditAccountNotice(actor, accountElsewhere, { id: invitation.id, kind: "STAFF" }, tx);
    return { invitation, practiceName: invitation.practice.name, accountElsewhere };
  });
  await sendAfterCommit(
    `Invitation ${invitation.id}`,
    accountElsewhere
      ? accountNoticeMail(data.email, accountElsewhere, practiceName)
      : invitationMail(data.email, data.name, practiceName, token, "STAFF", actor.practiceId, actor.userId),
  );
  return { invitationId: invitation.id };
}
