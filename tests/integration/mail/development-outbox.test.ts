import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/core/db";
import { listDevOutbox } from "@/lib/server/mail/dev-outbox";
import { codeOf } from "../../fixtures/errors";
import { createScene } from "../../fixtures/factory";
import { clientInvitation, staffInvitation } from "../../fixtures/journey";

describe("development outbox", () => {
  it("is for signed-in staff of the practice the mail is for: clients get not found, audited", async () => {
    const s = await createScene();
    const other = await createScene();
    const inv = await clientInvitation(s, "therapist");
    expect(await listDevOutbox(s.actors.clientA).catch(codeOf)).toBe("NOT_FOUND");
    const denied = await db().auditEvent.findFirst({
      where: { actorUserId: s.actors.clientA.userId, action: "outbox.read", outcome: "DENIED" },
    });
    expect(denied).not.toBeNull();
    const messages = await listDevOutbox(s.actors.therapist, 500);
    expect(messages?.some((m) => m.to === inv.address)).toBe(true);
    expect(
      await db().auditEvent.count({
        where: { actorUserId: s.therapist.id, action: "outbox.read", outcome: "OK" },
      }),
    ).toBe(1);
    const elsewhere = await listDevOutbox(other.actors.admin, 500);
    expect(elsewhere?.some((m) => m.to === inv.address)).toBe(false);
  });

  it("shows staff invitations (links that open a staff account) to the practice's admins only", async () => {
    const s = await createScene();
    const inv = await staffInvitation(s, "ADMIN");
    expect((await listDevOutbox(s.actors.admin, 500))?.some((m) => m.to === inv.address)).toBe(true);
    for (const who of ["therapist", "prescriber"] as const) {
      expect((await listDevOutbox(s.actors[who], 500))?.some((m) => m.to === inv.address)).toBe(false);
    }
  });
});
