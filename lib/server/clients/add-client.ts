import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { parseIsoDate } from "@/lib/domain/core/dates";
import { AppError } from "@/lib/errors";
import { audit } from "@/lib/server/core/audit";
import { authorize } from "@/lib/server/core/authorize";
import type { Tx } from "@/lib/server/core/db";
import { parseOrThrow } from "@/lib/server/core/parse";
import { hashToken, newToken } from "@/lib/server/core/tokens";
import { transaction } from "@/lib/server/core/transaction";
import {
  accountNoticeMail,
  accountWithEmail,
  auditAccountNotice,
} from "@/lib/server/invitations/existing-account";
import { expiry, invitationMail } from "@/lib/server/invitations/invitation-mail";
import { sendAfterCommit } from "@/lib/server/mail/send-mail";
import { type ClientInvitationInput, clientInvitationSchema } from "@/lib/validation/invitations";

/**
 * One client record per e-mail in a practice, so a double submit (or a retry
 * after a slow response) cannot create the client twice. Serialised per
 * practice and address with a transaction-scoped advisory lock, so two
 * concurrent submits cannot both pass the check.
 */
async function assertNoClientWithEmail(tx: Tx, practiceId: string, email: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`client-email:${practiceId}:${email}`}, 0))`;
  const existing = await tx.client.findFirst({
    where: { practiceId, deletedAt: null, email: { equals: email, mode: "insensitive" } },
    select: { id: true },
  });
  if (existing) {
    const message = "A client with this e-mail is already in your practice.";
    throw new AppError("CONFLICT", message, { fieldErrors: { email: [message] } });
  }
}

/**
 * Adds a client and invites them to the portal, in one transaction. A therapist
 * adding their own referral becomes the client's primary therapist; an admin
 * picks the therapist. The invitation mail goes out after the commit and never
 * turns the addition into an error. An address with an account in another practice
 * gets the same answer as a new one; its owner is told instead of invited
 * (lib/server/invitations/existing-account.ts).
 */
export async function addAndInviteClient(actor: Actor, input: ClientInvitationInput) {
  await authorize(actor, "invite", "client");
  const data = parseOrThrow(clientInvitationSchema, input);
  const therapistId = actor.role === "THERAPIST" ? actor.userId : data.therapistId;
  if (!therapistId) {
    throw new AppError("VALIDATION", "Choose the client's therapist.", {
      fieldErrors: { therapistId: ["Choose the client's therapist."] },
    });
  }
  const dateOfBirth = parseIsoDate(data.dateOfBirth);
  if (!dateOfBirth) throw new AppError("VALIDATION", "Enter a real date of birth.");
  const token = newToken();
  const now = new Date();
  const result = await transaction(actor, async (tx) => {
    const therapist = await tx.user.findFirst({
      where: { id: therapistId, practiceId: actor.practiceId, role: "THERAPIST", disabledAt: null },
      select: { id: true, practice: { select: { name: true } } },
    });
    if (!therapist) {
      throw new AppError("VALIDATION", "Choose a therapist of this practice.", {
        fieldErrors: { therapistId: ["Choose a therapist of this practice."] },
      });
    }
    await assertNoClientWithEmail(tx, actor.practiceId, data.email);
    const accountElsewhere = await accountWithEmail(tx, data.email, actor.practiceId);
    const client = await tx.client.create({
      data: {
        practiceId: actor.practiceId,
        legalFirstName: data.legalFirstName,
        legalLastName: data.legalLastName,
        preferredName: data.preferredName,
        email: data.email,
        dateOfBirth,
        state: data.state,
        stage: "INVITED",
        createdById: actor.userId,
        careTeam: { create: { userId: therapist.id, role: "PRIMARY_THERAPIST" } },
      },
      select: { id: true },
    });
    const invitation = await tx.invitation.create({
      data: {
        practiceId: actor.practiceId,
        kind: "CLIENT",
        email: data.email,
        name: data.preferredName ?? data.legalFirstName,
        role: "CLIENT",
        clientId: client.id,
        tokenHash: hashToken(token),
        expiresAt: expiry(now),
        invitedById: actor.userId,
      },
      select: { id: true },
    });
    await audit(
      actor,
      { action: "client.create", recordType: "Client", recordId: client.id, clientId: client.id },
      tx,
    );
    await audit(
      actor,
      { action: "invitation.create", recordType: "Invitation", recordId: invitation.id, clientId: client.id },
      tx,
    );
    if (accountElsewhere)
      await auditAccountNotice(actor, accountElsewhere, { id: invitation.id, kind: "CLIENT" }, tx);
    return {
      clientId: client.id,
      invitationId: invitation.id,
      practiceName: therapist.practice.name,
      accountElsewhere,
    };
  });
  const { accountElsewhere } = result;
  await sendAfterCommit(
    `Invitation ${result.invitationId}`,
    accountElsewhere
      ? accountNoticeMail(data.email, accountElsewhere, result.practiceName)
      : invitationMail(
          data.email,
          data.preferredName ?? data.legalFirstName,
          result.practiceName,
          token,
          "CLIENT",
          actor.practiceId,
          actor.userId,
        ),
  );
  return { clientId: result.clientId, invitationId: result.invitationId };
}
