/**
 * docs/security.md S5: ten recovery codes are made when two-step sign-in is turned on (and again
 * on request), shown once and stored only hashed. Each signs in once instead of the
 * authenticator's code, counted by the same per-account throttle as codes; using one is
 * audited, and the account page shows how many are left.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { base32Decode, totpAt } from "@/lib/auth/totp";
import { normalizeRecoveryCode } from "@/lib/domain/auth/recovery-codes";
import { authOptions } from "@/lib/server/auth/next-auth-options";
import { regenerateRecoveryCodes } from "@/lib/server/auth/recovery-codes";
import { createAuthSession, resolveSession } from "@/lib/server/auth/sessions";
import { signInWithPassword } from "@/lib/server/auth/sign-in";
import {
  disableMfa,
  enableMfa,
  getSecurityStatus,
  resetMfa,
  SignInCodeError,
  startMfaSetup,
} from "@/lib/server/auth/two-step";
import { db } from "@/lib/server/core/db";
import { createScene, TEST_PASSWORD } from "../../fixtures/factory";

const IP = "198.51.100.79";

async function signedIn(user: { id: string }): Promise<Actor> {
  const row = await db().user.findUniqueOrThrow({ where: { id: user.id } });
  const actor = await resolveSession(await createAuthSession(row, IP, "vitest"), IP);
  if (!actor) throw new Error("expected a live session");
  return actor;
}

async function turnOn(actor: Actor, now = new Date()) {
  await startMfaSetup(actor);
  const status = await getSecurityStatus(actor);
  if (status.state !== "pending") throw new Error(`expected a pending secret, got ${status.state}`);
  const key = base32Decode(status.secret) as Buffer;
  const { recoveryCodes } = await enableMfa(
    actor,
    { code: totpAt(key, now.getTime()), password: TEST_PASSWORD },
    now,
  );
  return { key, recoveryCodes };
}

const outcome = (p: Promise<unknown>) =>
  p.then(
    (r) => (r ? "signed in" : "refused"),
    (e: unknown) => (e instanceof SignInCodeError ? e.reason : String(e)),
  );

const left = async (actor: Actor) => {
  const status = await getSecurityStatus(actor);
  return status.state === "on" ? status.recoveryCodesLeft : null;
};

describe("recovery codes", () => {
  it("are ten, made when two-step sign-in is turned on, of 50 random bits, and stored only hashed", async () => {
    const s = await createScene();
    const me = await signedIn(s.therapist);
    const { recoveryCodes } = await turnOn(me);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    // 10 characters of a 32-letter alphabet: 50 bits.
    for (const code of recoveryCodes)
      expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{2}$/);
    const rows = await db().mfaRecoveryCode.findMany({ where: { userId: me.userId } });
    expect(rows).toHaveLength(10);
    const stored = JSON.stringify(rows);
    for (const code of recoveryCodes) {
      expect(stored).not.toContain(code);
      expect(stored).not.toContain(normalizeRecoveryCode(code));
      // Not even the plain SHA-256 of the code: the hash is bound to the account.
      expect(stored).not.toContain(
        createHash("sha256")
          .update(normalizeRecoveryCode(code) ?? "")
          .digest("hex"),
      );
    }
    for (const row of rows) expect(row.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await left(me)).toBe(10);
  });

  it("sign in once each instead of the code, typed in any case and grouping; each use is audited with what is left", async () => {
    const s = await createScene();
    const me = await signedIn(s.therapist);
    const { recoveryCodes } = await turnOn(me);
    const [first = "", second = ""] = recoveryCodes;
    const signIn = (code: string) =>
      signInWithPassword(s.therapist.email, TEST_PASSWORD, IP, null, new Date(), code);

    expect(await outcome(signIn(first))).toBe("signed in");
    expect(await outcome(signIn(first))).toBe("MFA_INVALID");
    expect(await outcome(signIn(second.toUpperCase().replace(/-/g, " ")))).toBe("signed in");
    expect(await left(me)).toBe(8);

    const used = await db().auditEvent.findMany({
      where: { actorUserId: me.userId, action: "user.mfa_recovery_code_used" },
      orderBy: { at: "asc" },
    });
    expect(used.map((r) => r.detail)).toEqual([{ left: 9 }, { left: 8 }]);
    const failed = await db().auditEvent.findMany({
      where: { actorUserId: me.userId, action: "auth.sign_in", outcome: "FAILED" },
    });
    expect(failed.map((r) => r.detail)).toEqual([{ reason: "wrong-code" }]);
  });

  it("a recovery code replayed in parallel signs in once", async () => {
    const s = await createScene();
    const { recoveryCodes } = await turnOn(await signedIn(s.prescriber));
    const code = recoveryCodes[0] ?? "";
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        outcome(signInWithPassword(s.prescriber.email, TEST_PASSWORD, IP, null, new Date(), code)),
      ),
    );
    expect(results.filter((r) => r === "signed in")).toHaveLength(1);
  });

  it("count against the code throttle: after 5 wrong ones, even a right recovery code or authenticator code is refused", async () => {
    const s = await createScene();
    const t0 = new Date();
    const { key, recoveryCodes } = await turnOn(await signedIn(s.therapist), t0);
    const now = new Date(t0.getTime() + 120_000);
    const signIn = (code: string, ip = IP) =>
      signInWithPassword(s.therapist.email, TEST_PASSWORD, ip, null, now, code);
    for (let i = 0; i < 5; i++)
      expect(await outcome(signIn("zzzz-zzzz-zz", `192.0.2.${i + 1}`))).toBe("MFA_INVALID");
    expect(await outcome(signIn(recoveryCodes[0] ?? ""))).toBe("MFA_LOCKED");
    expect(await outcome(signIn(totpAt(key, now.getTime())))).toBe("MFA_LOCKED");
    // The refused right code was not spent.
    expect(await db().mfaRecoveryCode.count({ where: { userId: s.therapist.id, usedAt: null } })).toBe(10);
  });

  it("reach next-auth's sign-in as their own field", async () => {
    const s = await createScene();
    const { recoveryCodes } = await turnOn(await signedIn(s.admin));
    const provider = authOptions.providers[0] as unknown as {
      options: { authorize: (c: Record<string, string>, req: unknown) => Promise<{ id: string } | null> };
    };
    const authorize = (c: Record<string, string>) =>
      provider.options.authorize(c, { headers: { "x-real-ip": IP } }).catch((e: Error) => e.message);
    const base = { email: s.admin.email, password: TEST_PASSWORD };
    expect(await authorize({ ...base, recoveryCode: "not a code" })).toBe("MFA_INVALID");
    expect(await authorize({ ...base, recoveryCode: recoveryCodes[3] ?? "" })).toMatchObject({
      id: s.admin.id,
    });
  });

  it("made again on request replace the old ones, which stop working", async () => {
    const s = await createScene();
    const me = await signedIn(s.therapist);
    const old = (await turnOn(me)).recoveryCodes;
    const { recoveryCodes } = await regenerateRecoveryCodes(me, { password: TEST_PASSWORD });
    expect(recoveryCodes).toHaveLength(10);
    expect(recoveryCodes.some((c) => old.includes(c))).toBe(false);
    const signIn = (code: string) =>
      signInWithPassword(s.therapist.email, TEST_PASSWORD, IP, null, new Date(), code);
    expect(await outcome(signIn(old[0] ?? ""))).toBe("MFA_INVALID");
    expect(await outcome(signIn(recoveryCodes[0] ?? ""))).toBe("signed in");
    const audited = await db().auditEvent.count({
      where: { actorUserId: me.userId, action: "user.mfa_recovery_codes", outcome: "OK" },
    });
    expect(audited).toBe(1);
  });

  it("go when two-step sign-in is turned off or an admin resets it", async () => {
    const s = await createScene();
    const me = await signedIn(s.therapist);
    const { key } = await turnOn(me);
    const later = new Date(Date.now() + 60_000);
    await disableMfa(me, { code: totpAt(key, later.getTime()), password: TEST_PASSWORD }, later);
    expect(await db().mfaRecoveryCode.count({ where: { userId: me.userId } })).toBe(0);

    const other = await signedIn(s.prescriber);
    await turnOn(other);
    await resetMfa(await signedIn(s.admin), { userId: other.userId });
    expect(await db().mfaRecoveryCode.count({ where: { userId: other.userId } })).toBe(0);
  });
});
