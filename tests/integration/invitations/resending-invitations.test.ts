import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/core/db";
import { hashToken } from "@/lib/server/core/tokens";
import { acceptInvitation, previewInvitation } from "@/lib/server/invitations/accept-invitation";
import { resendInvitation, revokeInvitation } from "@/lib/server/invitations/manage-invitations";
import { codeOf } from "../../fixtures/errors";
import { createScene } from "../../fixtures/factory";
import { clientInvitation, PASSWORD, staffInvitation } from "../../fixtures/journey";
import { linkFor } from "../../fixtures/mail";

async function deniedResends(invitationId: string) {
  return db().auditEvent.findMany({
    where: { recordId: invitationId, action: "invitation.resend", outcome: "DENIED" },
  });
}

describe("resending an invitation", () => {
  it("an admin resends: a fresh hashed token, and the old link stops working", async () => {
    const s = await createScene();
    const inv = await staffInvitation(s);
    await resendInvitation(s.actors.admin, inv.invitationId);
    const token = await linkFor(inv.address);
    expect(token).not.toBe(inv.token);
    const stored = await db().invitation.findUniqueOrThrow({ where: { id: inv.invitationId } });
    expect(stored.tokenHash).toBe(hashToken(token));
    expect(stored.tokenHash).not.toContain(token);
    expect(await previewInvitation(inv.token)).toBeNull();
    expect(
      await acceptInvitation({ token: inv.token, password: PASSWORD, confirmPassword: PASSWORD }, null).catch(
        codeOf,
      ),
    ).toBe("NOT_FOUND");
    await acceptInvitation({ token, password: PASSWORD, confirmPassword: PASSWORD }, null);
    expect(await db().user.count({ where: { email: inv.address } })).toBe(1);
  });

  it("a therapist cannot resend staff or admin invitations: not found, audited", async () => {
    const s = await createScene();
    const inv = await staffInvitation(s, "ADMIN");
    expect(await resendInvitation(s.actors.therapist, inv.invitationId).catch(codeOf)).toBe("NOT_FOUND");
    const denied = await deniedResends(inv.invitationId);
    expect(denied).toHaveLength(1);
    expect(denied[0]?.actorUserId).toBe(s.therapist.id);
    // The link that was mailed still works; nothing was reissued.
    expect((await previewInvitation(inv.token))?.status).toBe("pending");
  });

  it("a therapist resends client invitations for their own clients only", async () => {
    const s = await createScene();
    const own = await clientInvitation(s, "therapist");
    await resendInvitation(s.actors.therapist, own.invitationId);
    expect(await previewInvitation(own.token)).toBeNull();

    // Added by the admin with this therapist on the care team.
    const viaAdmin = await clientInvitation(s, "admin");
    await resendInvitation(s.actors.therapist, viaAdmin.invitationId);
    expect(await previewInvitation(viaAdmin.token)).toBeNull();

    const theirs = await clientInvitation(s, "otherTherapist");
    expect(await resendInvitation(s.actors.therapist, theirs.invitationId).catch(codeOf)).toBe("NOT_FOUND");
    expect(await deniedResends(theirs.invitationId)).toHaveLength(1);
    expect((await previewInvitation(theirs.token))?.status).toBe("pending");
  });

  it("revoked and accepted invitations stay closed", async () => {
    const s = await createScene();
    const revoked = await clientInvitation(s, "therapist");
    await revokeInvitation(s.actors.admin, revoked.invitationId);
    for (const actor of [s.actors.admin, s.actors.therapist]) {
      const err = await resendInvitation(actor, revoked.invitationId).catch((e) => e);
      expect(err.code).toBe("CONFLICT");
      expect(err.message).toMatch(/create a new invitation/);
    }
    const after = await db().invitation.findUniqueOrThrow({ where: { id: revoked.invitationId } });
    expect(after.revokedAt).not.toBeNull();
    expect(after.tokenHash).toBe(hashToken(revoked.token));

    const accepted = await staffInvitation(s, "THERAPIST");
    await acceptInvitation({ token: accepted.token, password: PASSWORD, confirmPassword: PASSWORD }, null);
    expect(await resendInvitation(s.actors.admin, accepted.invitationId).catch(codeOf)).toBe("CONFLICT");
  });

  it("an expired invitation gets a fresh link that works for another week", async () => {
    const s = await createScene();
    const inv = await staffInvitation(s, "THERAPIST");
    await db().invitation.update({
      where: { id: inv.invitationId },
      data: { expiresAt: new Date(Date.now() - 60_000) },
    });
    await resendInvitation(s.actors.admin, inv.invitationId);
    const token = await linkFor(inv.address);
    expect((await previewInvitation(token))?.status).toBe("pending");
    const stored = await db().invitation.findUniqueOrThrow({ where: { id: inv.invitationId } });
    expect(stored.expiresAt.getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
  });

  it("other practices, prescribers and clients cannot resend", async () => {
    const s = await createScene();
    const other = await createScene();
    const inv = await clientInvitation(s, "therapist");
    expect(await resendInvitation(other.actors.admin, inv.invitationId).catch(codeOf)).toBe("NOT_FOUND");
    expect(await resendInvitation(other.actors.therapist, inv.invitationId).catch(codeOf)).toBe("NOT_FOUND");
    expect(await deniedResends(inv.invitationId)).toHaveLength(2);
    expect(await resendInvitation(s.actors.prescriber, inv.invitationId).catch(codeOf)).toBe("FORBIDDEN");
    expect(await resendInvitation(s.actors.clientA, inv.invitationId).catch(codeOf)).toBe("FORBIDDEN");
    expect(await resendInvitation(s.actors.admin, "not a valid id!").catch(codeOf)).toBe("VALIDATION");
    expect((await previewInvitation(inv.token))?.status).toBe("pending");
  });
});
