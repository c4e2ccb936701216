/**
 * docs/security.md S9 and S13: a forgotten password is reset with an e-mailed link.
 * The link's token is stored only as its SHA-256, works once, for 30 minutes; an
 * unknown address gets the same answer as a known one; requests are throttled
 * per e-mail address and per caller address; a reset ends every session. Audited.
 */
import { randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { RESET_TTL_MS } from "@/lib/domain/auth/reset-link";
import { changePassword } from "@/lib/server/auth/change-password";
import { previewPasswordReset, requestPasswordReset, resetPassword } from "@/lib/server/auth/password-reset";
import { createAuthSession, resolveSession } from "@/lib/server/auth/sessions";
import { signInWithPassword } from "@/lib/server/auth/sign-in";
import { db } from "@/lib/server/core/db";
import { hashToken } from "@/lib/server/core/tokens";
import { setMailTransport } from "@/lib/server/mail/send-mail";
import { appErrorOf, failure } from "../../fixtures/errors";
import { actorFor, createPractice, createUser, TEST_PASSWORD } from "../../fixtures/factory";
import { latestMailTo, recordErrorsAndRestoreMail } from "../../fixtures/mail";

const NEW_PASSWORD = "lanterns over the quiet bay";
/** A caller address of this test's own, so that the per-address limit of one test does not reach another. */
const anIp = () => `198.18.${randomInt(0, 255)}.${randomInt(1, 254)}`;

async function aUser(role: "THERAPIST" | "CLIENT" = "THERAPIST") {
  const practice = await createPractice();
  return createUser(practice.id, role);
}

/** Asks for a link and reads the token from the mail, as the person would. */
async function askForLink(email: string, ip: string, now = new Date()) {
  const answer = await requestPasswordReset({ email }, ip, now);
  await answer.delivered;
  const text = (await latestMailTo(email)).text;
  const token = text.match(/\/reset-password\/([A-Za-z0-9_-]+)/)?.[1];
  if (!token) throw new Error("no reset link in the mail");
  return { answer, token, text };
}

const readLog = recordErrorsAndRestoreMail();

describe("asking for a reset link", () => {
  it("mails a link whose token is stored only as its SHA-256, with nothing about care", async () => {
    const user = await aUser();
    const { token, text } = await askForLink(user.email, anIp());
    expect(token.length).toBeGreaterThanOrEqual(43);
    const rows = await db().passwordReset.findMany({ where: { userId: user.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0]?.expiresAt.getTime()).toBe((rows[0]?.createdAt.getTime() ?? 0) + RESET_TTL_MS);
    expect(text).toMatch(/expires in 30 minutes/);
    // Past the greeting (the test user's name is its role), nothing about care.
    expect(text.split("\n").slice(1).join("\n")).not.toMatch(/session|dose|intake|screening|therap/i);
    // The token is in no audit row and no log line.
    const audits = await db().auditEvent.findMany({ where: { actorUserId: user.id } });
    expect(audits.map((a) => a.action)).toContain("auth.password_reset_request");
    expect(JSON.stringify(audits)).not.toContain(token);
    expect(readLog()).not.toContain(token);
  });

  it("gives an unknown or disabled address the same answer, and sends nothing", async () => {
    const known = await aUser();
    const disabled = await aUser("CLIENT");
    await db().user.update({ where: { id: disabled.id }, data: { disabledAt: new Date() } });
    const unknown = `nobody-${randomInt(1e9)}@test.example`;
    const ip = anIp();
    const a = await requestPasswordReset({ email: known.email }, ip);
    const b = await requestPasswordReset({ email: unknown }, ip);
    const c = await requestPasswordReset({ email: disabled.email }, ip);
    await Promise.all([a.delivered, b.delivered, c.delivered]);
    expect(b.message).toBe(a.message);
    expect(c.message).toBe(a.message);
    expect(await db().outboxMessage.count({ where: { to: { in: [unknown, disabled.email] } } })).toBe(0);
    expect(await db().outboxMessage.count({ where: { to: known.email } })).toBe(1);
    expect(await db().passwordReset.count({ where: { userId: disabled.id } })).toBe(0);
    const failed = await db().auditEvent.findMany({
      where: { action: "auth.password_reset_request", outcome: "FAILED", ip },
    });
    expect(failed.map((r) => (r.detail as { reason: string }).reason).sort()).toEqual([
      "disabled",
      "unknown-email",
    ]);
  });

  it("answers without waiting for the mail, so the time of the answer does not tell a known address", async () => {
    const user = await aUser();
    let handedOver = false;
    // A mail server that never answers.
    setMailTransport(() => {
      handedOver = true;
      return new Promise(() => {});
    });
    const started = Date.now();
    const answer = await requestPasswordReset({ email: user.email }, anIp());
    expect(answer.message).toMatch(/If an account uses that address/);
    expect(Date.now() - started).toBeLessThan(5_000);
    await expect.poll(() => handedOver).toBe(true);
  });

  it("is throttled per e-mail address (3 in 15 minutes), known or not, and per caller address (10)", async () => {
    const user = await aUser();
    const unknown = `nobody-${randomInt(1e9)}@test.example`;
    const t0 = new Date();
    for (const email of [user.email, unknown]) {
      for (let i = 0; i < 3; i++) await (await requestPasswordReset({ email }, anIp(), t0)).delivered;
      const refused = await appErrorOf(requestPasswordReset({ email }, anIp(), t0));
      expect(refused.code).toBe("RATE_LIMITED");
      expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    }
    expect(await db().outboxMessage.count({ where: { to: user.email } })).toBe(3);
    // 15 minutes later the address may ask again.
    const later = new Date(t0.getTime() + 15 * 60_000 + 1_000);
    await (await requestPasswordReset({ email: user.email }, anIp(), later)).delivered;

    // One caller trying many addresses.
    const ip = anIp();
    for (let i = 0; i < 10; i++)
      await requestPasswordReset({ email: `probe-${i}-${randomInt(1e9)}@test.example` }, ip, t0);
    const refused = await appErrorOf(requestPasswordReset({ email: user.email }, ip, t0));
    expect(refused.code).toBe("RATE_LIMITED");
  });
});

describe("using a reset link", () => {
  it("sets the new password, ends every session of the account, and is audited", async () => {
    const user = await aUser();
    const ip = anIp();
    const phone = await createAuthSession(user, ip, "phone");
    const laptop = await createAuthSession(user, ip, "laptop");
    expect(await resolveSession(phone, ip)).not.toBeNull();
    const { token } = await askForLink(user.email, ip);
    expect(await previewPasswordReset(token)).toEqual({ status: "valid", email: user.email });

    await resetPassword({ token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, ip);
    expect(await resolveSession(phone, ip)).toBeNull();
    expect(await resolveSession(laptop, ip)).toBeNull();
    expect(await signInWithPassword(user.email, TEST_PASSWORD, ip, null)).toBeNull();
    expect((await signInWithPassword(user.email, NEW_PASSWORD, ip, null))?.userId).toBe(user.id);
    const row = await db().auditEvent.findFirst({
      where: { actorUserId: user.id, action: "auth.password_reset" },
    });
    expect(row).toMatchObject({ outcome: "OK", ip, detail: { sessionsEnded: 2 } });
    expect((await latestMailTo(user.email)).subject).toBe("Your Kapstone password was changed");
  });

  it("works once: a second use, even in parallel, is refused and says the link was used", async () => {
    const user = await aUser();
    const { token } = await askForLink(user.email, anIp());
    const input = { token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD };
    const outcomes = await Promise.all([
      failure(resetPassword(input, null)),
      failure(resetPassword(input, null)),
    ]);
    expect(outcomes.map((o) => o.code).sort()).toEqual(["NOT_FOUND", "OK"]);
    const again = await appErrorOf(
      resetPassword(
        { ...input, password: "another quiet harbour", confirmPassword: "another quiet harbour" },
        null,
      ),
    );
    expect(again.code).toBe("NOT_FOUND");
    expect(again.message).toMatch(/used already/);
    expect(await previewPasswordReset(token)).toEqual({ status: "used" });
    expect((await signInWithPassword(user.email, NEW_PASSWORD, anIp(), null))?.userId).toBe(user.id);
  });

  it("expires after 30 minutes (by the clock the server is given) and says so", async () => {
    const user = await aUser();
    const t0 = new Date();
    const { token } = await askForLink(user.email, anIp(), t0);
    const input = { token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD };
    const at30 = new Date(t0.getTime() + RESET_TTL_MS);
    expect(await previewPasswordReset(token, new Date(at30.getTime() - 1_000))).toMatchObject({
      status: "valid",
    });
    expect(await previewPasswordReset(token, at30)).toEqual({ status: "expired" });
    const refused = await appErrorOf(resetPassword(input, null, at30));
    expect(refused.code).toBe("NOT_FOUND");
    expect(refused.message).toMatch(/expired/);
    expect(await signInWithPassword(user.email, TEST_PASSWORD, anIp(), null)).not.toBeNull();
  });

  it("refuses an unknown token, audited, without a hint of any account", async () => {
    const ip = anIp();
    const refused = await appErrorOf(
      resetPassword({ token: "x".repeat(43), password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, ip),
    );
    expect(refused.code).toBe("NOT_FOUND");
    expect(await previewPasswordReset("x".repeat(43))).toEqual({ status: "unknown" });
    const row = await db().auditEvent.findFirst({ where: { action: "auth.password_reset", ip } });
    expect(row).toMatchObject({ outcome: "FAILED", actorUserId: null, detail: { reason: "unknown" } });
  });

  it("a newer link replaces the older one, and a password change ends open links", async () => {
    const user = await aUser();
    const first = await askForLink(user.email, anIp());
    const second = await askForLink(user.email, anIp());
    expect(await previewPasswordReset(first.token)).toEqual({ status: "replaced" });
    expect(await previewPasswordReset(second.token)).toMatchObject({ status: "valid" });

    const ip = anIp();
    const me = { ...actorFor(user), sessionId: await createAuthSession(user, ip, "vitest") };
    await changePassword(me, {
      currentPassword: TEST_PASSWORD,
      password: NEW_PASSWORD,
      confirmPassword: NEW_PASSWORD,
    });
    expect(await previewPasswordReset(second.token)).toEqual({ status: "replaced" });
    // Nothing was deleted: the links are kept, marked.
    expect(await db().passwordReset.count({ where: { userId: user.id } })).toBe(2);
  });

  it("applies the password rules, and the link still works after a refused password", async () => {
    const user = await aUser();
    const { token } = await askForLink(user.email, anIp());
    for (const bad of [
      "qwerty123",
      "password1",
      user.email,
      user.name.length >= 8 ? user.name : "password1",
    ]) {
      const refused = await failure(resetPassword({ token, password: bad, confirmPassword: bad }, null));
      expect(refused.code, bad).toBe("VALIDATION");
      expect(refused.fieldErrors.password, bad).toBeDefined();
    }
    expect(await previewPasswordReset(token)).toMatchObject({ status: "valid" });
    await resetPassword({ token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, null);
  });
});
