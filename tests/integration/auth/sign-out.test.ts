import { describe, expect, it } from "vitest";
import { createAuthSession, resolveSession, signOutSession } from "@/lib/server/auth/sessions";
import { db } from "@/lib/server/core/db";
import { createScene } from "../../fixtures/factory";

const IP = "198.51.100.41";

describe("signing out of one browser (the account menu and the idle timer)", () => {
  it("revokes the session, so a copy of the cookie is refused, and audits it", async () => {
    const s = await createScene();
    const sessionId = await createAuthSession(s.therapist, IP, "vitest");
    expect(await resolveSession(sessionId, IP)).not.toBeNull();

    await signOutSession(sessionId, IP, "idle");

    expect(await resolveSession(sessionId, IP)).toBeNull();
    const row = await db().auditEvent.findFirst({
      where: { actorUserId: s.therapist.id, action: "auth.sign_out" },
    });
    expect(row).toMatchObject({
      outcome: "OK",
      ip: IP,
      recordId: s.therapist.id,
      detail: { reason: "idle" },
    });
  });

  it("leaves the account's other sessions alone", async () => {
    const s = await createScene();
    const here = await createAuthSession(s.prescriber, IP, "vitest");
    const elsewhere = await createAuthSession(s.prescriber, IP, "vitest");
    await signOutSession(here, IP, "signed-out");
    expect(await resolveSession(here, IP)).toBeNull();
    expect(await resolveSession(elsewhere, IP)).not.toBeNull();
  });

  it("does nothing but revoke a session that had already ended", async () => {
    const s = await createScene();
    const sessionId = await createAuthSession(s.admin, IP, "vitest");
    await db().authSession.update({ where: { id: sessionId }, data: { revokedAt: new Date() } });
    await signOutSession(sessionId, IP, "signed-out");
    expect(await db().auditEvent.count({ where: { actorUserId: s.admin.id, action: "auth.sign_out" } })).toBe(
      0,
    );
  });
});
