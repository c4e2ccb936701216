/**
 * docs/security.md S6 and S13: a signed-in person changes their own password. It
 * needs the current password (wrong ones are capped), the new one passes the
 * password rules, every other session ends and this one stays. Audited. The rules
 * apply wherever a password is set, accepting an invitation included.
 */
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { changePassword } from "@/lib/server/auth/change-password";
import { createAuthSession, resolveSession } from "@/lib/server/auth/sessions";
import { signInWithPassword } from "@/lib/server/auth/sign-in";
import { db } from "@/lib/server/core/db";
import { acceptInvitation } from "@/lib/server/invitations/accept-invitation";
import { inviteStaff } from "@/lib/server/invitations/invite-staff";
import { appErrorOf, failure } from "../../fixtures/errors";
import { createScene, TEST_PASSWORD } from "../../fixtures/factory";
import { linkFor } from "../../fixtures/mail";

const IP = "198.51.100.91";
const NEW_PASSWORD = "a kettle on the morning stove";

/** The actor of a real session, as the browser that changes the password has. */
async function signedIn(actor: Actor): Promise<Actor> {
  const user = await db().user.findUniqueOrThrow({ where: { id: actor.userId } });
  const sessionId = await createAuthSession(user, IP, "this browser");
  return (await resolveSession(sessionId, IP)) as Actor;
}

const change = (me: Actor, currentPassword: string, password = NEW_PASSWORD) =>
  changePassword(me, { currentPassword, password, confirmPassword: password });

describe("changing one's password", () => {
  it("needs the current password: a wrong one is refused on its field, audited, and nothing changes", async () => {
    const s = await createScene();
    const me = await signedIn(s.actors.therapist);
    const refused = await failure(change(me, "not my password"));
    expect(refused.code).toBe("VALIDATION");
    expect(refused.fieldErrors.currentPassword).toEqual(["That is not your current password."]);
    expect(await signInWithPassword(s.therapist.email, TEST_PASSWORD, IP, null)).not.toBeNull();
    const row = await db().auditEvent.findFirst({
      where: { actorUserId: me.userId, action: "auth.password_change" },
      orderBy: { at: "desc" },
    });
    expect(row).toMatchObject({ outcome: "FAILED", detail: { reason: "wrong-current-password" } });
  });

  it("ends every other session of the account and keeps this one", async () => {
    const s = await createScene();
    const me = await signedIn(s.actors.clientA);
    const user = await db().user.findUniqueOrThrow({ where: { id: me.userId } });
    const otherDevice = await createAuthSession(user, IP, "another device");
    expect(await resolveSession(otherDevice, IP)).not.toBeNull();

    await change(me, TEST_PASSWORD);
    expect(await resolveSession(me.sessionId, IP)).toMatchObject({ userId: me.userId });
    expect(await resolveSession(otherDevice, IP)).toBeNull();
    expect(await signInWithPassword(user.email, TEST_PASSWORD, IP, null)).toBeNull();
    expect((await signInWithPassword(user.email, NEW_PASSWORD, IP, null))?.userId).toBe(me.userId);
    const row = await db().auditEvent.findFirst({
      where: { actorUserId: me.userId, action: "auth.password_change", outcome: "OK" },
    });
    expect(row?.detail).toEqual({ otherSessionsEnded: 1 });
    const notice = await db().outboxMessage.findFirst({
      where: { to: user.email },
      orderBy: { createdAt: "desc" },
    });
    expect(notice?.subject).toBe("Your Kapstone password was changed");
  });

  it("caps wrong current passwords: after 5 in 15 minutes even the right one waits (a borrowed session guessing)", async () => {
    const s = await createScene();
    const me = await signedIn(s.actors.therapist);
    const now = new Date();
    for (let i = 0; i < 5; i++) {
      expect(
        (
          await failure(
            changePassword(
              me,
              { currentPassword: `guess ${i}`, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
              now,
            ),
          )
        ).code,
      ).toBe("VALIDATION");
    }
    const locked = await appErrorOf(
      changePassword(
        me,
        { currentPassword: TEST_PASSWORD, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
        now,
      ),
    );
    expect(locked.code).toBe("RATE_LIMITED");
    expect(await signInWithPassword(s.therapist.email, TEST_PASSWORD, IP, null)).not.toBeNull();
    const later = new Date(now.getTime() + 15 * 60_000 + 1_000);
    await changePassword(
      me,
      { currentPassword: TEST_PASSWORD, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
      later,
    );
  });

  it("refuses a common password, the person's e-mail or name, and the current password again", async () => {
    const s = await createScene();
    const me = await signedIn(s.actors.prescriber);
    for (const bad of ["qwerty123", "Password1", s.prescriber.email, TEST_PASSWORD]) {
      const refused = await failure(change(me, TEST_PASSWORD, bad));
      expect(refused.code, bad).toBe("VALIDATION");
      expect(refused.fieldErrors.password, bad).toHaveLength(1);
    }
    expect(await resolveSession(me.sessionId, IP)).not.toBeNull();
  });

  it("changes only the actor's own password: the input names no account", async () => {
    const s = await createScene();
    const me = await signedIn(s.actors.therapist);
    await changePassword(me, {
      currentPassword: TEST_PASSWORD,
      password: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
      userId: s.admin.id,
    } as never);
    expect(await signInWithPassword(s.admin.email, TEST_PASSWORD, IP, null)).not.toBeNull();
  });
});

describe("the password rules wherever a password is set", () => {
  it("accepting an invitation refuses a common password and one's own e-mail, and the link stays usable", async () => {
    const s = await createScene();
    const email = `new-therapist-${Date.now()}@test.example`;
    await inviteStaff(s.actors.admin, { name: "Imani Lee", email, role: "THERAPIST", credentials: "LPC" });
    const token = await linkFor(email);
    for (const bad of ["password1", "qwerty123", email]) {
      const refused = await failure(acceptInvitation({ token, password: bad, confirmPassword: bad }, null));
      expect(refused.code, bad).toBe("VALIDATION");
      expect(refused.fieldErrors.password, bad).toHaveLength(1);
    }
    await acceptInvitation({ token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, null);
    expect(await db().user.count({ where: { email } })).toBe(1);
  });
});
