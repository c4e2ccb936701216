import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import { clientScope } from "@/lib/auth/relations";
import { parseIsoDate } from "@/lib/domain/dates";
import { serverEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { type AcceptInvitationInput, acceptInvitationSchema } from "@/lib/validation/auth";
import {
  type ClientInvitationInput,
  clientInvitationSchema,
  invitationIdSchema,
  type StaffInvitationInput,
  staffInvitationSchema,
} from "@/lib/validation/invitations";
import { audit } from "./audit";
import { authorize, deniedAsNotFound } from "./authorize";
import { db, type Tx } from "./db";
import { type Mail, sendAfterCommit } from "./mail";
import { type Paged, pageWindow, toPage } from "./pagination";
import { hashToken, newToken } from "./tokens";
import { parseOrThrow } from "./validate";

export const INVITATION_TTL_DAYS = 7;
const expiry = (now: Date) => new Date(now.getTime() + INVITATION_TTL_DAYS * 86_400_000);

/**
 * The invitation e-mail. It says who invites and links to the portal, nothing
 * about care (no intake, visits or treatment): mail is not a private channel.
 */
export function invitationMail(
  to: string,
  name: string,
  practiceName: string,
  token: string,
  kind: "CLIENT" | "STAFF",
  practiceId: string,
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
    subject: `You're invited to ${practiceName}'s portal`,
    text: `Hello ${name},\n\n${intro}\n\nSet your password here (the link works once and expires in ${INVITATION_TTL_DAYS} days):\n${link}\n\nIf you were not expecting this, you can ignore this message.`,
  };
}

async function assertEmailFree(tx: Tx, email: string) {
  const existing = await tx.user.findUnique({ where: { email }, select: { id: true } });
  if (existing) {
    throw new AppError("VALIDATION", "That e-mail already has an account.", {
      fieldErrors: { email: ["That e-mail already has an account."] },
    });
  }
}

/** Admins invite therapists, prescribers and other admins. */
export async function inviteStaff(actor: Actor, input: StaffInvitationInput) {
  await authorize(actor, "create", "invitation");
  if (actor.role !== "ADMIN") {
    await audit(actor, { action: "invitation.create", outcome: "DENIED", detail: { kind: "STAFF" } });
    throw new AppError("FORBIDDEN", "Only practice admins invite staff.");
  }
  const data = parseOrThrow(staffInvitationSchema, input);
  const token = newToken();
  const now = new Date();
  const { invitation, practiceName } = await db().$transaction(async (tx) => {
    await assertEmailFree(tx, data.email);
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
          licenseStates: data.licenseStates,
        },
      },
      select: { id: true, practice: { select: { name: true } } },
    });
    await audit(
      actor,
      { action: "invitation.create", recordType: "Invitation", recordId: invitation.id },
      tx,
    );
    return { invitation, practiceName: invitation.practice.name };
  });
  await sendAfterCommit(
    `Invitation ${invitation.id}`,
    invitationMail(data.email, data.name, practiceName, token, "STAFF", actor.practiceId),
  );
  return { invitationId: invitation.id };
}

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
 * turns the addition into an error.
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
  const result = await db().$transaction(async (tx) => {
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
    await assertEmailFree(tx, data.email);
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
    return { clientId: client.id, invitationId: invitation.id, practiceName: therapist.practice.name };
  });
  await sendAfterCommit(
    `Invitation ${result.invitationId}`,
    invitationMail(
      data.email,
      data.preferredName ?? data.legalFirstName,
      result.practiceName,
      token,
      "CLIENT",
      actor.practiceId,
    ),
  );
  return { clientId: result.clientId, invitationId: result.invitationId };
}

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
  await sendAfterCommit(
    `Invitation ${invitation.id}`,
    invitationMail(
      invitation.email,
      invitation.name,
      invitation.practice.name,
      token,
      invitation.kind,
      invitation.practiceId,
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

/** What the invitation page shows before the password is set (no PHI beyond a first name). */
export async function previewInvitation(token: string) {
  const invitation = await db().invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      name: true,
      email: true,
      kind: true,
      acceptedAt: true,
      revokedAt: true,
      expiresAt: true,
      practiceId: true,
      practice: { select: { name: true } },
    },
  });
  if (!invitation) return null;
  return {
    name: invitation.name,
    email: invitation.email,
    kind: invitation.kind,
    practiceName: invitation.practice.name,
    status: invitationStatus(invitation),
  };
}

/**
 * Accepts an invitation: sets the password and creates the account. The
 * invitation is claimed with a conditional update, so a link works exactly once
 * even when two requests race.
 */
export async function acceptInvitation(input: AcceptInvitationInput, ip: string | null) {
  const data = parseOrThrow(acceptInvitationSchema, input);
  const passwordHash = await hashPassword(data.password);
  const now = new Date();
  return db().$transaction(async (tx) => {
    const invitation = await tx.invitation.findUnique({ where: { tokenHash: hashToken(data.token) } });
    if (!invitation || invitationStatus(invitation, now) !== "pending") {
      throw new AppError(
        "NOT_FOUND",
        "This invitation link is no longer valid. Ask your clinic for a new one.",
      );
    }
    const claimed = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { acceptedAt: now },
    });
    if (claimed.count !== 1) {
      throw new AppError(
        "NOT_FOUND",
        "This invitation link is no longer valid. Ask your clinic for a new one.",
      );
    }
    await assertEmailFree(tx, invitation.email);
    const user = await tx.user.create({
      data: {
        practiceId: invitation.practiceId,
        email: invitation.email,
        name: invitation.name,
        role: invitation.role,
        passwordHash,
      },
      select: { id: true, role: true, practiceId: true },
    });
    if (invitation.kind === "STAFF") {
      const details = (invitation.staffDetails ?? {}) as {
        credentials?: string | null;
        npi?: string | null;
        licenseStates?: string[];
      };
      await tx.staffProfile.create({
        data: {
          userId: user.id,
          credentials: details.credentials ?? null,
          npi: details.npi ?? null,
          licenseStates: details.licenseStates ?? [],
        },
      });
    }
    if (invitation.clientId) {
      const client = await tx.client.findUniqueOrThrow({
        where: { id: invitation.clientId },
        select: { legalFirstName: true, legalLastName: true, preferredName: true },
      });
      await tx.client.update({
        where: { id: invitation.clientId },
        data: { userId: user.id, stage: "INTAKE_IN_PROGRESS", stageChangedAt: now },
      });
      await tx.user.update({
        where: { id: user.id },
        data: { name: `${client.preferredName ?? client.legalFirstName} ${client.legalLastName}` },
      });
    }
    await audit(
      { userId: user.id, role: user.role, practiceId: user.practiceId, ip },
      {
        action: "invitation.accept",
        recordType: "Invitation",
        recordId: invitation.id,
        clientId: invitation.clientId,
      },
      tx,
    );
    return { email: invitation.email, role: user.role };
  });
}
