/**
 * docs/security.md S9: adding a client or inviting staff tells no one whether an address
 * already has an account in another practice. The adder gets the answer a new address gets;
 * the account's owner gets a notice instead of a link, and the notice is audited in the
 * owner's practice.
 */
import { describe, expect, it } from "vitest";
import type { AppError } from "@/lib/errors";
import { addAndInviteClient } from "@/lib/server/clients/add-client";
import { db } from "@/lib/server/core/db";
import { inviteStaff } from "@/lib/server/invitations/invite-staff";
import { resendInvitation } from "@/lib/server/invitations/manage-invitations";
import { createScene } from "../../fixtures/factory";
import { newClient } from "../../fixtures/journey";
import { email, latestMailTo, linkFor } from "../../fixtures/mail";

/** Two practices: the adder's, and another where `owner` already has an account. */
async function twoPractices() {
  const s = await createScene();
  const other = await createScene();
  await db().practice.update({ where: { id: s.practice.id }, data: { name: "Harbour Wellness" } });
  return { s, other, owner: other.therapist };
}

async function expectNoticeOnly(to: string, ownerPracticeId: string) {
  const mail = await latestMailTo(to);
  expect(mail.subject).toBe("Someone tried to invite this address to Kapstone");
  expect(mail.text).toContain("Someone at Harbour Wellness tried to invite this address");
  expect(mail.text).toContain("You already have an account");
  expect(mail.text).not.toMatch(/\/invite\//);
  expect(mail).toMatchObject({ practiceId: ownerPracticeId, adminOnly: true });
}

describe("inviting an address that already has an account", () => {
  it("adding a client: the adder gets the answer of a new address; the owner gets a notice, audited", async () => {
    const { s, other, owner } = await twoPractices();
    const fresh = await addAndInviteClient(s.actors.therapist, newClient(email("new")));
    const taken = await addAndInviteClient(s.actors.therapist, newClient(owner.email.toUpperCase()));
    expect(Object.keys(taken).sort()).toEqual(Object.keys(fresh).sort());
    // The adder's practice sees an invited client, as for anyone who has not answered yet.
    const client = await db().client.findUniqueOrThrow({ where: { id: taken.clientId } });
    expect(client).toMatchObject({ practiceId: s.practice.id, stage: "INVITED", userId: null });

    await expectNoticeOnly(owner.email, other.practice.id);
    const row = await db().auditEvent.findFirstOrThrow({
      where: { action: "invitation.existing_account_notice", recordId: owner.id },
    });
    expect(row).toMatchObject({
      practiceId: other.practice.id,
      actorUserId: s.therapist.id,
      detail: { kind: "CLIENT", invitationId: taken.invitationId, fromPracticeId: s.practice.id },
    });
    // Nothing was written to the owner's account.
    expect(await db().user.findUniqueOrThrow({ where: { id: owner.id } })).toMatchObject({
      practiceId: other.practice.id,
      role: "THERAPIST",
    });
  });

  it("inviting staff: the same, and resending sends the notice again, never a link", async () => {
    const { s, other, owner } = await twoPractices();
    const input = { name: "Dr Owner", email: owner.email, role: "PRESCRIBER" as const, licences: [] };
    const result = await inviteStaff(s.actors.admin, {
      ...input,
      licences: [{ state: "CA", expiresAt: "2030-01-31" }],
    });
    expect(result).toEqual({ invitationId: expect.any(String) });
    await expectNoticeOnly(owner.email, other.practice.id);

    const before = await db().outboxMessage.count({ where: { to: owner.email } });
    await resendInvitation(s.actors.admin, result.invitationId);
    expect(await db().outboxMessage.count({ where: { to: owner.email } })).toBe(before + 1);
    await expectNoticeOnly(owner.email, other.practice.id);
    expect(
      await db().auditEvent.count({
        where: { action: "invitation.existing_account_notice", recordId: owner.id },
      }),
    ).toBe(2);
  });

  it("within the same practice, the adder is told: the person is in their lists already", async () => {
    const s = await createScene();
    const staff = await inviteStaff(s.actors.admin, {
      name: "Again",
      email: s.otherTherapist.email,
      role: "THERAPIST",
      licences: [],
    }).catch((e: AppError) => e);
    expect(staff).toMatchObject({
      code: "VALIDATION",
      fieldErrors: { email: ["That e-mail already has an account."] },
    });
    const client = await addAndInviteClient(s.actors.therapist, newClient(s.prescriber.email)).catch(
      (e: AppError) => e,
    );
    expect(client).toMatchObject({ code: "VALIDATION", fieldErrors: { email: expect.any(Array) } });
  });

  it("an address without an account still gets the link", async () => {
    const s = await createScene();
    const address = email("plain");
    await addAndInviteClient(s.actors.therapist, newClient(address));
    expect(await linkFor(address)).toMatch(/^[A-Za-z0-9_-]{20,}$/);
  });
});
