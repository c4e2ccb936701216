import "server-only";
import { hashPassword } from "@/lib/auth/password";
import { assertNewPasswordAllowed } from "@/lib/auth/password-policy";
import { licenceDate, staffLicencesSchema } from "@/lib/domain/admin/staff-licences";
import { invitationStatus } from "@/lib/domain/invitations/invitation-status";
import { AppError } from "@/lib/errors";
import { audit } from "@/lib/server/core/audit";
import { db } from "@/lib/server/core/db";
import { parseOrThrow } from "@/lib/server/core/parse";
import { hashToken } from "@/lib/server/core/tokens";
import { transaction } from "@/lib/server/core/transaction";
import { type AcceptInvitationInput, acceptInvitationSchema } from "@/lib/validation/auth";
import { reserveAcceptAttempt } from "./accept-throttle";
import { assertEmailFree } from "./invitation-mail";

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

const noLongerValid = () =>
  new AppError("NOT_FOUND", "This invitation link is no longer valid. Ask your clinic for a new one.");

/**
 * Accepts an invitation: sets the password and creates the account. Each try counts
 * against the caller's address first (./accept-throttle.ts), and the link is looked up
 * before the password is hashed, so a wrong link costs a lookup, not an argon2 hash
 * (docs/security.md S9). A refused try is audited. The invitation is claimed with a
 * conditional update, so a link works exactly once even when two requests race.
 */
export async function acceptInvitation(input: AcceptInvitationInput, ip: string | null) {
  const data = parseOrThrow(acceptInvitationSchema, input);
  const now = new Date();
  const wait = await reserveAcceptAttempt(ip, now);
  if (wait > 0) {
    await audit(
      null,
      { action: "invitation.accept", outcome: "DENIED", detail: { reason: "too-many-attempts" } },
      undefined,
      ip,
    );
    throw new AppError(
      "RATE_LIMITED",
      `Too many tries from your network. Please wait ${Math.ceil(wait / 60)} minutes and try again.`,
      { retryAfterSeconds: wait },
    );
  }
  const tokenHash = hashToken(data.token);
  const found = await db().invitation.findUnique({
    where: { tokenHash },
    select: { id: true, email: true, name: true, acceptedAt: true, revokedAt: true, expiresAt: true },
  });
  const status = found ? invitationStatus(found, now) : "unknown";
  if (status !== "pending") {
    await audit(
      null,
      {
        action: "invitation.accept",
        recordType: "Invitation",
        recordId: found?.id ?? null,
        outcome: "FAILED",
        detail: { reason: status },
      },
      undefined,
      ip,
    );
    throw noLongerValid();
  }
  // The password rules (docs/security.md S6) need the invited person's e-mail and name.
  if (found) assertNewPasswordAllowed(data.password, found);
  const passwordHash = await hashPassword(data.password);
  return transaction(null, async (tx) => {
    const invitation = await tx.invitation.findUnique({ where: { tokenHash } });
    if (!invitation || invitationStatus(invitation, now) !== "pending") throw noLongerValid();
    const claimed = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { acceptedAt: now },
    });
    if (claimed.count !== 1) throw noLongerValid();
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
        licences?: unknown;
      };
      // Only licences with a state and an expiry date count; anything else was never checked.
      const licences = staffLicencesSchema.safeParse(details.licences ?? []);
      await tx.staffProfile.create({
        data: {
          userId: user.id,
          credentials: details.credentials ?? null,
          npi: details.npi ?? null,
          licences: {
            create: (licences.success ? licences.data : []).map((l) => ({
              state: l.state,
              expiresAt: licenceDate(l.expiresAt),
            })),
          },
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
