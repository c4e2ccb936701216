/**
 * docs/security.md S13: turning two-step sign-in on or off and making new recovery codes ask
 * for the password again, so a stolen session cookie alone cannot enrol the thief's phone,
 * remove the second factor, or take the recovery codes. Each refusal is audited, and wrong
 * passwords count against the account's code attempts.
 */
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { base32Decode, totpAt } from "@/lib/auth/totp";
import { AppError } from "@/lib/errors";
import { regenerateRecoveryCodes } from "@/lib/server/auth/recovery-codes";
import { createAuthSession, resolveSession } from "@/lib/server/auth/sessions";
import { signInWithPassword } from "@/lib/server/auth/sign-in";
import { disableMfa, enableMfa, getSecurityStatus, startMfaSetup } from "@/lib/server/auth/two-step";
import { db } from "@/lib/server/core/db";
import { createScene, TEST_PASSWORD } from "../../fixtures/factory";

const IP = "198.51.100.80";

/** What a thief holding only the session cookie has: the actor its session resolves to. */
async function stolenSession(user: { id: string }): Promise<Actor> {
  const row = await db().user.findUniqueOrThrow({ where: { id: user.id } });
  const actor = await resolveSession(await createAuthSession(row, IP, "stolen cookie"), IP);
  if (!actor) throw new Error("expected a live session");
  return actor;
}

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => (e instanceof AppError ? { code: e.code, fields: Object.keys(e.fieldErrors ?? {}) } : e),
  );

const failures = async (userId: string, action: string) =>
  (
    await db().auditEvent.findMany({
      where: { actorUserId: userId, action, outcome: "FAILED" },
      orderBy: { at: "asc" },
    })
  ).map((r) => (r.detail as { reason?: string }).reason);

const wrongPassword = { code: "VALIDATION", fields: ["password"] };

describe("a stolen session alone cannot change the second factor", () => {
  it("cannot turn two-step sign-in on (enrol the thief's phone) without the password", async () => {
    const s = await createScene();
    const thief = await stolenSession(s.therapist);
    await startMfaSetup(thief);
    const status = await getSecurityStatus(thief);
    if (status.state !== "pending") throw new Error("expected a pending secret");
    const key = base32Decode(status.secret) as Buffer;
    const now = new Date();
    const code = totpAt(key, now.getTime());

    expect(await refusal(enableMfa(thief, { code }, now))).toEqual(wrongPassword);
    expect(await refusal(enableMfa(thief, { code, password: "a guess at it" }, now))).toEqual(wrongPassword);
    expect((await getSecurityStatus(thief)).state).toBe("pending");
    // The code was not even looked at: it is still unused.
    const row = await db().user.findUniqueOrThrow({
      where: { id: thief.userId },
      select: { mfaLastStep: true },
    });
    expect(row.mfaLastStep).toBeNull();
    expect(await failures(thief.userId, "user.mfa_enable")).toEqual(["no-password", "wrong-password"]);

    await enableMfa(thief, { code, password: TEST_PASSWORD }, now);
    expect((await getSecurityStatus(thief)).state).toBe("on");
  });

  it("cannot turn it off, even with a right code, without the password", async () => {
    const s = await createScene();
    const owner = await stolenSession(s.prescriber);
    await startMfaSetup(owner);
    const status = await getSecurityStatus(owner);
    if (status.state !== "pending") throw new Error("expected a pending secret");
    const key = base32Decode(status.secret) as Buffer;
    const t0 = new Date();
    await enableMfa(owner, { code: totpAt(key, t0.getTime()), password: TEST_PASSWORD }, t0);

    const thief = await stolenSession(s.prescriber);
    const now = new Date(t0.getTime() + 60_000);
    const code = totpAt(key, now.getTime());
    expect(await refusal(disableMfa(thief, { code }, now))).toEqual(wrongPassword);
    expect(await refusal(disableMfa(thief, { code, password: "a guess at it" }, now))).toEqual(wrongPassword);
    expect((await getSecurityStatus(thief)).state).toBe("on");
    expect(await failures(thief.userId, "user.mfa_disable")).toEqual(["no-password", "wrong-password"]);
  });

  it("cannot make new recovery codes without the password; the old ones keep working", async () => {
    const s = await createScene();
    const owner = await stolenSession(s.therapist);
    await startMfaSetup(owner);
    const status = await getSecurityStatus(owner);
    if (status.state !== "pending") throw new Error("expected a pending secret");
    const key = base32Decode(status.secret) as Buffer;
    const { recoveryCodes } = await enableMfa(owner, {
      code: totpAt(key, Date.now()),
      password: TEST_PASSWORD,
    });

    const thief = await stolenSession(s.therapist);
    expect(await refusal(regenerateRecoveryCodes(thief, {}))).toEqual(wrongPassword);
    expect(await refusal(regenerateRecoveryCodes(thief, { password: "a guess at it" }))).toEqual(
      wrongPassword,
    );
    expect(await failures(thief.userId, "user.mfa_recovery_codes")).toEqual([
      "no-password",
      "wrong-password",
    ]);
    expect(
      await signInWithPassword(s.therapist.email, TEST_PASSWORD, IP, null, new Date(), recoveryCodes[0]),
    ).not.toBeNull();
  });

  it("cannot guess the password through these forms: after 5 wrong tries even the right one is refused", async () => {
    const s = await createScene();
    const thief = await stolenSession(s.therapist);
    await startMfaSetup(thief);
    const status = await getSecurityStatus(thief);
    if (status.state !== "pending") throw new Error("expected a pending secret");
    const key = base32Decode(status.secret) as Buffer;
    const now = new Date();
    const code = totpAt(key, now.getTime());
    for (let i = 0; i < 5; i++)
      expect(await refusal(enableMfa(thief, { code, password: `guess ${i}` }, now))).toEqual(wrongPassword);
    expect(await refusal(enableMfa(thief, { code, password: TEST_PASSWORD }, now))).toMatchObject({
      code: "RATE_LIMITED",
    });
    expect((await getSecurityStatus(thief)).state).toBe("pending");
    expect((await failures(thief.userId, "user.mfa_enable")).at(-1)).toBe("code-attempts-used-up");
  });
});
