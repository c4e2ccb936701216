/**
 * docs/security.md S5: two-step sign-in (TOTP) for staff. Turning it on needs a code of
 * the new secret; with it on the password alone does not sign in; a code works
 * once; wrong codes are capped per account; turning it off needs a code; an admin
 * reset ends the person's sessions; clients cannot reach any of it. All audited.
 */
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { base32Decode, hotp, STEP_SECONDS, stepAt, totpAt } from "@/lib/auth/totp";
import { AppError } from "@/lib/errors";
import { authOptions } from "@/lib/server/auth/next-auth-options";
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

const IP = "198.51.100.77";

/** A real session for the actor, as the browser that turns two-step sign-in on has. */
async function withSession(actor: Actor): Promise<Actor> {
  const user = await db().user.findUniqueOrThrow({ where: { id: actor.userId } });
  return { ...actor, sessionId: await createAuthSession(user, IP, "vitest") };
}

/** Sets up and confirms two-step sign-in; answers the secret's key and the step used to confirm. */
async function turnOn(actor: Actor, now = new Date()) {
  await startMfaSetup(actor);
  const status = await getSecurityStatus(actor);
  if (status.state !== "pending") throw new Error(`expected a pending secret, got ${status.state}`);
  const key = base32Decode(status.secret) as Buffer;
  await enableMfa(actor, { code: totpAt(key, now.getTime()), password: TEST_PASSWORD }, now);
  return { key, secret: status.secret, step: stepAt(now.getTime()) };
}

const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e,
  );
const reasonOf = async (p: Promise<unknown>) => {
  const e = await errorOf(p);
  return e instanceof SignInCodeError ? e.reason : e;
};
const later = (now: Date, steps: number) => new Date(now.getTime() + steps * STEP_SECONDS * 1000);

describe("turning two-step sign-in on", () => {
  it("shows a new secret (stored sealed), and is on only after a right code", async () => {
    const s = await createScene();
    const me = await withSession(s.actors.therapist);
    expect(await getSecurityStatus(me)).toEqual({ state: "off" });

    await startMfaSetup(me);
    const status = await getSecurityStatus(me);
    expect(status.state).toBe("pending");
    if (status.state !== "pending") return;
    expect(status.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(status.uri).toContain(`secret=${status.secret}`);
    expect(status.qrSvg).toMatch(/^<svg[\s>]/);
    const row = await db().user.findUniqueOrThrow({
      where: { id: me.userId },
      select: { mfaSecret: true, mfaEnabledAt: true },
    });
    expect(row.mfaEnabledAt).toBeNull();
    expect(row.mfaSecret).toBeTruthy();
    expect(row.mfaSecret).not.toContain(status.secret);

    const key = base32Decode(status.secret) as Buffer;
    const now = new Date();
    const wrong = String((Number(totpAt(key, now.getTime())) + 1) % 1_000_000).padStart(6, "0");
    const err = await errorOf(enableMfa(me, { code: wrong, password: TEST_PASSWORD }, now));
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).fieldErrors?.code).toBeDefined();
    expect((await getSecurityStatus(me)).state).toBe("pending");
    expect(await errorOf(enableMfa(me, { code: "12ab56", password: TEST_PASSWORD }, now))).toMatchObject({
      code: "VALIDATION",
    });

    await enableMfa(me, { code: totpAt(key, now.getTime()), password: TEST_PASSWORD }, now);
    expect((await getSecurityStatus(me)).state).toBe("on");
    const audited = await db().auditEvent.findMany({
      where: { actorUserId: me.userId, action: { startsWith: "user.mfa" } },
    });
    expect(audited.map((r) => `${r.action} ${r.outcome}`)).toEqual(
      expect.arrayContaining([
        "user.mfa_setup OK",
        "user.mfa_enable FAILED",
        "user.mfa_enable OK",
        "user.mfa_read OK",
      ]),
    );
  });

  it("ends the account's other sessions and keeps the one that turned it on", async () => {
    const s = await createScene();
    const elsewhere = await createAuthSession(s.prescriber, IP, "other device");
    const me = await withSession(s.actors.prescriber);
    await turnOn(me);
    expect(await resolveSession(me.sessionId, IP)).not.toBeNull();
    expect(await resolveSession(elsewhere, IP)).toBeNull();
  });
});

describe("signing in with two-step sign-in on", () => {
  it("asks for a code after the right password, refuses a wrong one, accepts a right one", async () => {
    const s = await createScene();
    const t0 = new Date();
    const { key } = await turnOn(await withSession(s.actors.therapist), t0);
    const now = later(t0, 4);

    expect(await reasonOf(signInWithPassword(s.therapist.email, TEST_PASSWORD, IP, null, now))).toBe(
      "MFA_REQUIRED",
    );
    // A wrong password still says nothing about codes.
    expect(await signInWithPassword(s.therapist.email, "wrong password", IP, null, now, "123456")).toBeNull();
    const wrong = hotp(key, stepAt(now.getTime()) + 5);
    expect(await reasonOf(signInWithPassword(s.therapist.email, TEST_PASSWORD, IP, null, now, wrong))).toBe(
      "MFA_INVALID",
    );
    const ok = await signInWithPassword(
      s.therapist.email,
      TEST_PASSWORD,
      IP,
      "vitest",
      now,
      totpAt(key, now.getTime()),
    );
    expect(ok?.userId).toBe(s.therapist.id);
    expect(await resolveSession(ok?.sessionId ?? "", IP)).not.toBeNull();

    const failed = await db().auditEvent.findMany({
      where: { actorUserId: s.therapist.id, action: "auth.sign_in", outcome: "FAILED" },
    });
    expect(failed.map((r) => (r.detail as { reason: string }).reason)).toEqual(
      expect.arrayContaining(["wrong-code", "wrong-password"]),
    );
  });

  it("accepts one step of clock drift either way, not two", async () => {
    const s = await createScene();
    const t0 = new Date();
    const { key } = await turnOn(await withSession(s.actors.admin), t0);
    const now = later(t0, 10);
    const step = stepAt(now.getTime());
    const signIn = (code: string) => signInWithPassword(s.admin.email, TEST_PASSWORD, IP, null, now, code);
    expect(await reasonOf(signIn(hotp(key, step - 2)))).toBe("MFA_INVALID");
    expect(await signIn(hotp(key, step - 1))).not.toBeNull();
    expect(await signIn(hotp(key, step + 1))).not.toBeNull();
    expect(await reasonOf(signIn(hotp(key, step + 2)))).toBe("MFA_INVALID");
  });

  it("refuses a replayed code, and the code of the step before once a later one was used", async () => {
    const s = await createScene();
    const t0 = new Date();
    const { key, step: enabledStep } = await turnOn(await withSession(s.actors.otherTherapist), t0);
    // The code that turned it on cannot sign in.
    expect(
      await reasonOf(
        signInWithPassword(s.otherTherapist.email, TEST_PASSWORD, IP, null, t0, hotp(key, enabledStep)),
      ),
    ).toBe("MFA_INVALID");

    const now = later(t0, 6);
    const code = totpAt(key, now.getTime());
    const first = await signInWithPassword(s.otherTherapist.email, TEST_PASSWORD, IP, null, now, code);
    expect(first).not.toBeNull();
    expect(
      await reasonOf(signInWithPassword(s.otherTherapist.email, TEST_PASSWORD, "192.0.2.9", null, now, code)),
    ).toBe("MFA_INVALID");
    const previous = hotp(key, stepAt(now.getTime()) - 1);
    expect(
      await reasonOf(signInWithPassword(s.otherTherapist.email, TEST_PASSWORD, IP, null, now, previous)),
    ).toBe("MFA_INVALID");
  });

  it("a code replayed in parallel signs in once", async () => {
    const s = await createScene();
    const t0 = new Date();
    const { key } = await turnOn(await withSession(s.actors.prescriber), t0);
    const now = later(t0, 3);
    const code = totpAt(key, now.getTime());
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        signInWithPassword(s.prescriber.email, TEST_PASSWORD, IP, null, now, code).then(
          () => "signed in",
          (e: unknown) => (e instanceof SignInCodeError ? e.reason : String(e)),
        ),
      ),
    );
    expect(results.filter((r) => r === "signed in")).toHaveLength(1);
  });

  it("after 5 wrong codes, even the right code is refused until 15 minutes pass; a right code resets the count", async () => {
    const s = await createScene();
    const t0 = new Date();
    const { key } = await turnOn(await withSession(s.actors.therapist), t0);
    const now = later(t0, 4);
    const signIn = (code: string, at = now, ip = IP) =>
      signInWithPassword(s.therapist.email, TEST_PASSWORD, ip, null, at, code);
    const wrong = hotp(key, stepAt(now.getTime()) + 7);

    // Four wrong codes, then a right one: the count starts again.
    for (let i = 0; i < 4; i++) expect(await reasonOf(signIn(wrong))).toBe("MFA_INVALID");
    expect(await signIn(totpAt(key, now.getTime()))).not.toBeNull();

    const then = later(now, 2);
    for (let i = 0; i < 5; i++)
      expect(await reasonOf(signIn(wrong, then, `192.0.2.${i + 1}`))).toBe("MFA_INVALID");
    // The 6th attempt is refused whatever the code, from any IP.
    expect(await reasonOf(signIn(totpAt(key, then.getTime()), then, "192.0.2.99"))).toBe("MFA_LOCKED");
    const nearlyOver = new Date(then.getTime() + 14 * 60_000);
    expect(await reasonOf(signIn(totpAt(key, nearlyOver.getTime()), nearlyOver))).toBe("MFA_LOCKED");
    const over = new Date(then.getTime() + 15 * 60_000 + 1000);
    expect(await signIn(totpAt(key, over.getTime()), over)).not.toBeNull();
    const locked = await db().auditEvent.count({
      where: { actorUserId: s.therapist.id, action: "auth.sign_in", outcome: "FAILED" },
    });
    expect(locked).toBeGreaterThanOrEqual(11);
  });

  it("next-auth's authorize passes the code and tells the form what is missing", async () => {
    const s = await createScene();
    const t0 = new Date();
    const { key } = await turnOn(await withSession(s.actors.admin), t0);
    const provider = authOptions.providers[0] as unknown as {
      options: { authorize: (c: Record<string, string>, req: unknown) => Promise<{ id: string } | null> };
    };
    const authorize = (c: Record<string, string>) =>
      provider.options.authorize(c, { headers: { "x-real-ip": IP } }).catch((e: Error) => e.message);
    const base = { email: s.admin.email, password: TEST_PASSWORD };
    expect(await authorize(base)).toBe("MFA_REQUIRED");
    expect(await authorize({ ...base, code: "undefined" })).toBe("MFA_REQUIRED");
    expect(await authorize({ ...base, code: "12" })).toBe("MFA_INVALID");
    expect(await authorize({ email: s.admin.email, password: "wrong password", code: "123456" })).toBeNull();
    // Wait for a step the enabling code did not use.
    const now = Date.now();
    const step = stepAt(now);
    const code = step > stepAt(t0.getTime()) ? totpAt(key, now) : hotp(key, step + 1);
    expect(await authorize({ ...base, code })).toMatchObject({ id: s.admin.id });
  });

  it("an account without two-step sign-in signs in with the password alone", async () => {
    const s = await createScene();
    expect(await signInWithPassword(s.prescriber.email, TEST_PASSWORD, IP, null)).not.toBeNull();
  });
});

describe("turning it off and resetting it", () => {
  it("turning off needs a current, unused code", async () => {
    const s = await createScene();
    const t0 = new Date();
    const me = await withSession(s.actors.therapist);
    const { key } = await turnOn(me, t0);
    const now = later(t0, 2);
    expect(
      await errorOf(
        disableMfa(me, { code: hotp(key, stepAt(now.getTime()) + 4), password: TEST_PASSWORD }, now),
      ),
    ).toMatchObject({
      code: "VALIDATION",
    });
    expect(await errorOf(disableMfa(me, {}, now))).toMatchObject({ code: "VALIDATION" });
    expect((await getSecurityStatus(me)).state).toBe("on");
    await disableMfa(me, { code: totpAt(key, now.getTime()), password: TEST_PASSWORD }, now);
    expect(await getSecurityStatus(me)).toEqual({ state: "off" });
    const row = await db().user.findUniqueOrThrow({ where: { id: me.userId }, select: { mfaSecret: true } });
    expect(row.mfaSecret).toBeNull();
    expect(await signInWithPassword(s.therapist.email, TEST_PASSWORD, IP, null)).not.toBeNull();
    const audited = await db().auditEvent.findMany({
      where: { actorUserId: me.userId, action: "user.mfa_disable" },
    });
    expect(audited.map((r) => r.outcome).sort()).toEqual(["FAILED", "FAILED", "OK"]);
  });

  it("an admin reset clears it, signs the person out everywhere, and is audited", async () => {
    const s = await createScene();
    const me = await withSession(s.actors.prescriber);
    await turnOn(me);
    const phone = await createAuthSession(
      await db().user.findUniqueOrThrow({ where: { id: s.prescriber.id } }),
      IP,
      "phone",
    );
    expect(await resolveSession(phone, IP)).not.toBeNull();

    await resetMfa(s.actors.admin, { userId: s.prescriber.id });

    expect(await resolveSession(me.sessionId, IP)).toBeNull();
    expect(await resolveSession(phone, IP)).toBeNull();
    const row = await db().user.findUniqueOrThrow({
      where: { id: s.prescriber.id },
      select: { mfaSecret: true, mfaEnabledAt: true, mfaLastStep: true },
    });
    expect(row).toEqual({ mfaSecret: null, mfaEnabledAt: null, mfaLastStep: null });
    expect(await signInWithPassword(s.prescriber.email, TEST_PASSWORD, IP, null)).not.toBeNull();
    const audit = await db().auditEvent.findFirst({
      where: { action: "user.mfa_reset", recordId: s.prescriber.id },
    });
    expect(audit).toMatchObject({ actorUserId: s.admin.id, actorRole: "ADMIN", outcome: "OK" });
  });

  it("only an admin of the same practice can reset, and not their own", async () => {
    const s = await createScene();
    const other = await createScene();
    await turnOn(await withSession(s.actors.therapist));
    await turnOn(await withSession(s.actors.admin));
    expect(await errorOf(resetMfa(s.actors.otherTherapist, { userId: s.therapist.id }))).toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await errorOf(resetMfa(s.actors.clientA, { userId: s.therapist.id }))).toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await errorOf(resetMfa(other.actors.admin, { userId: s.therapist.id }))).toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await errorOf(resetMfa(s.actors.admin, { userId: s.admin.id }))).toMatchObject({
      code: "VALIDATION",
    });
    const still = await db().user.findUniqueOrThrow({
      where: { id: s.therapist.id },
      select: { mfaEnabledAt: true },
    });
    expect(still.mfaEnabledAt).not.toBeNull();
    const denied = await db().auditEvent.count({
      where: {
        action: { in: ["user.manage", "user.mfa_reset"] },
        outcome: "DENIED",

        practiceId: { in: [s.practice.id, other.practice.id] },
      },
    });
    expect(denied).toBeGreaterThanOrEqual(2);
  });

  it("a client reaches none of it: each answers not found, audited as denied", async () => {
    const s = await createScene();
    const client = s.actors.clientA;
    const attempts = [
      () => getSecurityStatus(client),
      () => startMfaSetup(client),
      () => enableMfa(client, { code: "123456" }),
      () => disableMfa(client, { code: "123456" }),
    ];
    for (const attempt of attempts) {
      expect(await errorOf(attempt())).toMatchObject({ code: "NOT_FOUND" });
    }
    const row = await db().user.findUniqueOrThrow({
      where: { id: client.userId },
      select: { mfaSecret: true },
    });
    expect(row.mfaSecret).toBeNull();
    expect(
      await db().auditEvent.count({
        where: { actorUserId: client.userId, outcome: "DENIED", action: { startsWith: "user.mfa" } },
      }),
    ).toBe(4);
  });
});
