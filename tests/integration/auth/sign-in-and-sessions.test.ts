import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { changeUserRole, setUserDisabled } from "@/lib/server/admin/users";
import { resolveSession, signOutEverywhere } from "@/lib/server/auth/sessions";
import { signInWithPassword } from "@/lib/server/auth/sign-in";
import { db } from "@/lib/server/core/db";
import { actorFor, createScene, createUser, TEST_PASSWORD } from "../../fixtures/factory";

const IP = "198.51.100.20";

describe("sign-in", () => {
  it("signs in, creates a session and audits it", async () => {
    const s = await createScene();
    const result = await signInWithPassword(s.therapist.email, TEST_PASSWORD, IP, "vitest");
    expect(result?.userId).toBe(s.therapist.id);
    const actor = await resolveSession(result?.sessionId ?? "", IP);
    expect(actor).toMatchObject({ userId: s.therapist.id, role: "THERAPIST", practiceId: s.practice.id });
    const row = await db().auditEvent.findFirst({
      where: { actorUserId: s.therapist.id, action: "auth.sign_in" },
      orderBy: { at: "desc" },
    });
    expect(row).toMatchObject({ outcome: "OK", ip: IP });
  });

  it("audits failed sign-ins for known and unknown e-mails alike, and answers the same", async () => {
    const s = await createScene();
    expect(await signInWithPassword(s.therapist.email, "wrong password", IP, null)).toBeNull();
    expect(await signInWithPassword("nobody@test.example", "wrong password", IP, null)).toBeNull();
    const failed = await db().auditEvent.findMany({
      where: {
        action: "auth.sign_in",
        outcome: "FAILED",
        ip: IP,
        at: { gte: new Date(Date.now() - 60_000) },
      },
    });
    expect(failed.some((r) => r.actorUserId === s.therapist.id)).toBe(true);
    expect(failed.some((r) => r.actorUserId === null)).toBe(true);
  });

  it("throttles after 10 consecutive failures for an account and IP (429 with Retry-After)", async () => {
    const s = await createScene();
    const ip = `192.0.2.${Math.floor(Math.random() * 200) + 1}`;
    for (let i = 0; i < 10; i++)
      expect(await signInWithPassword(s.prescriber.email, "nope nope", ip, null)).toBeNull();
    const err = await signInWithPassword(s.prescriber.email, TEST_PASSWORD, ip, null).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("RATE_LIMITED");
    expect((err as AppError).status).toBe(429);
    expect((err as AppError).retryAfterSeconds).toBeGreaterThan(800);
    // Another IP is not locked out by someone else's failures.
    expect(await signInWithPassword(s.prescriber.email, TEST_PASSWORD, "192.0.2.250", null)).not.toBeNull();
  });

  it("refuses a disabled account with the same answer as a wrong password", async () => {
    const s = await createScene();
    await db().user.update({ where: { id: s.otherTherapist.id }, data: { disabledAt: new Date() } });
    expect(await signInWithPassword(s.otherTherapist.email, TEST_PASSWORD, IP, null)).toBeNull();
  });

  it("stores argon2id hashes with at least 19 MiB, t=2, p=1", async () => {
    const s = await createScene();
    const { passwordHash } = await db().user.findUniqueOrThrow({
      where: { id: s.therapist.id },
      select: { passwordHash: true },
    });
    expect(passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});

describe("sessions end at once", () => {
  async function signedIn() {
    const s = await createScene();
    const user = await createUser(s.practice.id, "THERAPIST");
    const r = await signInWithPassword(user.email, TEST_PASSWORD, IP, null);
    if (!r) throw new Error("sign-in failed");
    return { s, user, sessionId: r.sessionId };
  }

  it("on sign-out everywhere", async () => {
    const { user, sessionId } = await signedIn();
    await signOutEverywhere(actorFor(user));
    expect(await resolveSession(sessionId, IP)).toBeNull();
  });

  it("when an admin disables the user", async () => {
    const { s, user, sessionId } = await signedIn();
    await setUserDisabled(s.actors.admin, { userId: user.id, disabled: true });
    expect(await resolveSession(sessionId, IP)).toBeNull();
  });

  it("when an admin changes the user's role", async () => {
    const { s, user, sessionId } = await signedIn();
    await changeUserRole(s.actors.admin, { userId: user.id, role: "PRESCRIBER" });
    expect(await resolveSession(sessionId, IP)).toBeNull();
    const audit = await db().auditEvent.findFirst({
      where: { recordId: user.id, action: "user.change_role" },
    });
    expect(audit?.detail).toEqual({ from: "THERAPIST", to: "PRESCRIBER" });
  });

  it("after 15 idle minutes for staff, 30 for clients", async () => {
    const { sessionId } = await signedIn();
    const now = Date.now();
    await db().authSession.update({
      where: { id: sessionId },
      data: { lastSeenAt: new Date(now - 14 * 60_000) },
    });
    expect(await resolveSession(sessionId, IP)).not.toBeNull();
    await db().authSession.update({
      where: { id: sessionId },
      data: { lastSeenAt: new Date(now - 16 * 60_000) },
    });
    expect(await resolveSession(sessionId, IP)).toBeNull();
    // A revoked session stays revoked even if it looks fresh again.
    await db().authSession.update({ where: { id: sessionId }, data: { lastSeenAt: new Date() } });
    expect(await resolveSession(sessionId, IP)).toBeNull();

    const s = await createScene();
    const client = await db().user.findFirstOrThrow({ where: { practiceId: s.practice.id, role: "CLIENT" } });
    const r = await signInWithPassword(client.email, TEST_PASSWORD, IP, null);
    await db().authSession.update({
      where: { id: r?.sessionId ?? "" },
      data: { lastSeenAt: new Date(now - 20 * 60_000) },
    });
    expect(await resolveSession(r?.sessionId ?? "", IP)).not.toBeNull();
  });

  it("after 12 hours however active", async () => {
    const { sessionId } = await signedIn();
    await db().authSession.update({
      where: { id: sessionId },
      data: { createdAt: new Date(Date.now() - 12 * 3_600_000 - 1000), lastSeenAt: new Date() },
    });
    expect(await resolveSession(sessionId, IP)).toBeNull();
  });
});
