import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { addAndInviteClient } from "@/lib/server/clients/add-client";
import { db } from "@/lib/server/core/db";
import { codeOf } from "../../fixtures/errors";
import { createScene } from "../../fixtures/factory";
import { newClient } from "../../fixtures/journey";
import { email, recordErrorsAndRestoreMail, smtpDown } from "../../fixtures/mail";

const logged = recordErrorsAndRestoreMail();

describe("adding a client", () => {
  it("adding a client succeeds when the invitation mail fails, and adding them again is a conflict", async () => {
    const s = await createScene();
    const attempts = smtpDown();
    const address = email("sage");
    const first = await addAndInviteClient(s.actors.therapist, newClient(address));
    expect(attempts).toHaveLength(1);
    expect(await db().invitation.count({ where: { clientId: first.clientId } })).toBe(1);
    expect(logged()).not.toContain(address);

    const again = await addAndInviteClient(s.actors.therapist, newClient(address)).catch((e) => e);
    expect(again).toBeInstanceOf(AppError);
    expect(again.code).toBe("CONFLICT");
    expect(again.fieldErrors?.email).toHaveLength(1);
    // Upper case and another staff member make no difference.
    expect(
      await addAndInviteClient(s.actors.admin, {
        ...newClient(address.toUpperCase()),
        therapistId: s.otherTherapist.id,
      }).catch(codeOf),
    ).toBe("CONFLICT");
    expect(await db().client.count({ where: { practiceId: s.practice.id, email: address } })).toBe(1);
  });

  it("a double submit creates one client", async () => {
    const s = await createScene();
    const address = email("twice");
    const results = await Promise.allSettled([
      addAndInviteClient(s.actors.therapist, newClient(address)),
      addAndInviteClient(s.actors.therapist, newClient(address)),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected");
    expect(codeOf(rejected?.status === "rejected" ? rejected.reason : null)).toBe("CONFLICT");
    expect(await db().client.count({ where: { practiceId: s.practice.id, email: address } })).toBe(1);
  });

  it("the same e-mail may be a client of another practice, or again after the old record was deleted", async () => {
    const s = await createScene();
    const other = await createScene();
    const address = email("shared");
    const { clientId } = await addAndInviteClient(s.actors.therapist, newClient(address));
    await addAndInviteClient(other.actors.therapist, newClient(address));
    await db().client.update({ where: { id: clientId }, data: { deletedAt: new Date() } });
    await expect(addAndInviteClient(s.actors.therapist, newClient(address))).resolves.toMatchObject({
      clientId: expect.any(String),
    });
  });
});
