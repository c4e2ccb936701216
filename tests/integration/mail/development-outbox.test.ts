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

  it("shows a client's invitation only to the staff member who sent it and to admins", async () => {
    const s = await createScene();
    const inv = await clientInvitation(s, "therapist");
    // Colleagues of the same practice try to read the link.
    for (const who of ["otherTherapist", "prescriber"] as const) {
      expect((await listDevOutbox(s.actors[who], 500))?.some((m) => m.to === inv.address)).toBe(false);
    }
    expect((await listDevOutbox(s.actors.admin, 500))?.some((m) => m.to === inv.address)).toBe(true);
  });

  it("shows an invitation link once; afterwards says when and to whom, and the row keeps no token", async () => {
    const s = await createScene();
    const inv = await clientInvitation(s, "therapist");
    const stored = await db().outboxMessage.findFirstOrThrow({ where: { to: inv.address } });
    expect(stored.text).not.toContain(inv.token);
    expect(stored.sealedLink).not.toContain(inv.token);

    const first = (await listDevOutbox(s.actors.therapist, 500))?.find((m) => m.to === inv.address);
    expect(first?.text).toContain(`/invite/${inv.token}`);
    const after = await db().outboxMessage.findFirstOrThrow({ where: { to: inv.address } });
    expect(after.sealedLink).toBeNull();
    expect(JSON.stringify(after)).not.toContain(inv.token);
    expect(after).toMatchObject({ linkShownToId: s.therapist.id });

    // The attacker reads the page again, or as the admin: the link is gone.
    for (const reader of [s.actors.therapist, s.actors.admin]) {
      const again = (await listDevOutbox(reader, 500))?.find((m) => m.to === inv.address);
      expect(again?.text).not.toContain(inv.token);
      expect(again?.text).toContain(
        `[link shown once on ${after.linkShownAt?.toISOString()} to ${s.therapist.name}]`,
      );
    }
    const shown = await db().auditEvent.findMany({
      where: { action: "outbox.link_shown", recordId: stored.id },
    });
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ actorUserId: s.therapist.id, outcome: "OK" });
  });

  it("two readers at once: the link is shown to exactly one", async () => {
    const s = await createScene();
    const inv = await clientInvitation(s, "admin");
    const views = await Promise.all(
      [s.actors.admin, s.actors.admin, s.actors.admin].map((a) => listDevOutbox(a, 500)),
    );
    const withLink = views.filter((v) => v?.find((m) => m.to === inv.address)?.text.includes(inv.token));
    expect(withLink).toHaveLength(1);
  });
});
