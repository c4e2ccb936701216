import { describe, expect, it } from "vitest";
import { addAndInviteClient } from "@/lib/server/clients/add-client";
import { db } from "@/lib/server/core/db";
import { hashToken } from "@/lib/server/core/tokens";
import { acceptInvitation, previewInvitation } from "@/lib/server/invitations/accept-invitation";
import { inviteStaff } from "@/lib/server/invitations/invite-staff";
import { revokeInvitation } from "@/lib/server/invitations/manage-invitations";
import { createScene } from "../../fixtures/factory";
import { PASSWORD } from "../../fixtures/journey";
import { linkFor } from "../../fixtures/mail";

describe("invitations", () => {
  it("admin invites staff: single-use, hashed token; the new user gets their profile", async () => {
    const s = await createScene();
    const email = `rx-${Date.now()}@test.example`;
    await inviteStaff(s.actors.admin, {
      name: "Dr Lee",
      email,
      role: "PRESCRIBER",
      credentials: "MD",
      npi: "1234567893",
      licences: [
        { state: "CA", expiresAt: "2030-06-30" },
        { state: "nv", expiresAt: "2029-01-31" },
      ],
    });
    const token = await linkFor(email);
    const stored = await db().invitation.findFirstOrThrow({ where: { email } });
    expect(stored.tokenHash).toBe(hashToken(token));
    expect(stored.tokenHash).not.toContain(token);
    expect((await previewInvitation(token))?.status).toBe("pending");

    await acceptInvitation({ token, password: PASSWORD, confirmPassword: PASSWORD }, "203.0.113.9");
    const user = await db().user.findUniqueOrThrow({
      where: { email },
      include: { staffProfile: { include: { licences: { orderBy: { state: "asc" } } } } },
    });
    expect(user.role).toBe("PRESCRIBER");
    expect(user.staffProfile?.licences.map((l) => [l.state, l.expiresAt.toISOString().slice(0, 10)])).toEqual(
      [
        ["CA", "2030-06-30"],
        ["NV", "2029-01-31"],
      ],
    );
    expect(user.staffProfile?.npi).toBe("1234567893");

    await expect(
      acceptInvitation({ token, password: PASSWORD, confirmPassword: PASSWORD }, null),
    ).rejects.toThrow(/no longer valid/);
  });

  it("only admins invite staff", async () => {
    const s = await createScene();
    const input = {
      name: "X",
      email: `x-${Date.now()}@test.example`,
      role: "ADMIN" as const,
      licences: [],
    };
    await expect(inviteStaff(s.actors.therapist, input)).rejects.toThrow(/admins/);
    await expect(inviteStaff(s.actors.clientA, input)).rejects.toThrow(/permission/);
  });

  it("a therapist adds their referral: client, care team and invitation in one go", async () => {
    const s = await createScene();
    const email = `ref-${Date.now()}@test.example`;
    const { clientId } = await addAndInviteClient(s.actors.therapist, {
      legalFirstName: "Rae",
      legalLastName: "Quill",
      email,
      dateOfBirth: "1992-04-04",
      state: "CA",
    });
    const client = await db().client.findUniqueOrThrow({
      where: { id: clientId },
      include: { careTeam: true },
    });
    expect(client.stage).toBe("INVITED");
    expect(client.careTeam).toMatchObject([{ userId: s.therapist.id, role: "PRIMARY_THERAPIST" }]);
    const token = await linkFor(email);
    await acceptInvitation({ token, password: PASSWORD, confirmPassword: PASSWORD }, null);
    const after = await db().client.findUniqueOrThrow({ where: { id: clientId }, include: { user: true } });
    expect(after.user?.role).toBe("CLIENT");
    expect(after.stage).toBe("INTAKE_IN_PROGRESS");
  });

  it("refuses expired and revoked links", async () => {
    const s = await createScene();
    const a = `a-${Date.now()}@test.example`;
    const b = `b-${Date.now()}@test.example`;
    await inviteStaff(s.actors.admin, { name: "A", email: a, role: "THERAPIST", licences: [] });
    const { invitationId } = await inviteStaff(s.actors.admin, {
      name: "B",
      email: b,
      role: "THERAPIST",
      licences: [],
    });
    await db().invitation.updateMany({
      where: { email: a },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    await revokeInvitation(s.actors.admin, invitationId);
    // Revoking twice is a conflict; another practice's admin cannot even find it (audited).
    await expect(revokeInvitation(s.actors.admin, invitationId)).rejects.toMatchObject({ code: "CONFLICT" });
    const other = await createScene();
    await expect(revokeInvitation(other.actors.admin, invitationId)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(
      await db().auditEvent.count({
        where: { recordId: invitationId, action: "invitation.revoke", outcome: "DENIED" },
      }),
    ).toBe(1);
    for (const email of [a, b]) {
      const token = await linkFor(email);
      await expect(
        acceptInvitation({ token, password: PASSWORD, confirmPassword: PASSWORD }, null),
      ).rejects.toThrow(/no longer valid/);
    }
    expect(await db().user.count({ where: { email: { in: [a, b] } } })).toBe(0);
  });

  it("accepts a link exactly once when two requests race", async () => {
    const s = await createScene();
    const email = `race-${Date.now()}@test.example`;
    await inviteStaff(s.actors.admin, { name: "R", email, role: "THERAPIST", licences: [] });
    const token = await linkFor(email);
    const results = await Promise.allSettled([
      acceptInvitation({ token, password: PASSWORD, confirmPassword: PASSWORD }, null),
      acceptInvitation({ token, password: PASSWORD, confirmPassword: PASSWORD }, null),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db().user.count({ where: { email } })).toBe(1);
  });

  it("validates input with field errors", async () => {
    const s = await createScene();
    const err = await addAndInviteClient(s.actors.therapist, {
      legalFirstName: "",
      legalLastName: "Q",
      email: "not-an-email",
      dateOfBirth: "2000-13-40",
      state: "XX",
    }).catch((e) => e);
    expect(Object.keys(err.fieldErrors).sort()).toEqual(["dateOfBirth", "email", "legalFirstName", "state"]);
  });
});
