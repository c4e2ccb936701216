/**
 * docs/security.md S7 and S10: every password attempt is counted before it is checked,
 * an account has a limit across addresses, refusals are audited, the sign-in route answers
 * a real 429 whatever the body's type and caps the body, and the address it throttles by
 * is the one scripts/server.mjs worked out from the socket, whatever the caller writes.
 */
import type { IncomingMessage } from "node:http";
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";
import { signInWithPassword } from "@/lib/server/auth/sign-in";
import { db } from "@/lib/server/core/db";
import { ipFromHeaders } from "@/lib/server/core/request";
import { hashToken } from "@/lib/server/core/tokens";
import {
  CLIENT_ADDRESS_MARK,
  stampClientAddress,
  // @ts-expect-error: a plain ES module shared with scripts/server.mjs
} from "../../../scripts/lib/client-address.mjs";
import { createScene, createUser, TEST_PASSWORD } from "../../fixtures/factory";

// Counts the argon2 verifications actually made.
const checks = vi.hoisted(() => ({ count: 0 }));
vi.mock("@/lib/auth/password", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/auth/password")>();
  return {
    ...original,
    verifyPassword: async (...args: Parameters<typeof original.verifyPassword>) => {
      checks.count++;
      return original.verifyPassword(...args);
    },
  };
});

const { POST } = await import("@/app/api/auth/[...nextauth]/route");
const ctx = (...nextauth: string[]) => ({ params: Promise.resolve({ nextauth }) });

let n = 0;
/** An address of its own for each test, so that tests share no counters. */
const freshIp = () => `198.18.${Math.floor(Math.random() * 250)}.${(n++ % 250) + 1}`;

const rowsFor = (userId: string, outcome: "FAILED" | "DENIED") =>
  db().auditEvent.findMany({ where: { actorUserId: userId, action: "auth.sign_in", outcome } });

const wrong = (email: string, ip: string | null) =>
  signInWithPassword(email, "not the password", ip, null).catch((e: unknown) => e);

/**
 * A request as the app sees it behind scripts/server.mjs: the server stamps the
 * address from the socket (`peer`) and X-Forwarded-For with `hops` trusted proxies.
 */
function throughServer(peer: string, headers: Record<string, string>, hops = 0) {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const req = {
    socket: { remoteAddress: peer },
    headers: lower,
    rawHeaders: Object.entries(headers).flat(),
  } as unknown as IncomingMessage;
  (stampClientAddress as (r: IncomingMessage, h: number) => string | null)(req, hops);
  return new Headers(req.headers as Record<string, string>);
}

function credentialsPost(
  headers: Headers | Record<string, string>,
  body: BodyInit,
  init: { duplex?: "half" } = {},
) {
  return POST(
    new NextRequest("http://localhost/api/auth/callback/credentials", {
      method: "POST",
      headers,
      body,
      ...init,
    }),
    ctx("callback", "credentials"),
  );
}

afterEach(() => {
  delete (globalThis as Record<symbol, unknown>)[CLIENT_ADDRESS_MARK];
});

describe("every attempt is counted before the password is checked", () => {
  it("60 parallel wrong passwords for one account and address get at most 10 password checks", async () => {
    const s = await createScene();
    const ip = freshIp();
    checks.count = 0;
    const results = await Promise.all(Array.from({ length: 60 }, () => wrong(s.therapist.email, ip)));
    const refused = results.filter((r) => r instanceof AppError && r.code === "RATE_LIMITED");
    expect(checks.count).toBeLessThanOrEqual(10);
    expect(refused).toHaveLength(60 - checks.count);
    expect(await rowsFor(s.therapist.id, "FAILED")).toHaveLength(checks.count);
    const denied = await rowsFor(s.therapist.id, "DENIED");
    expect(denied).toHaveLength(refused.length);
    expect(denied[0]).toMatchObject({ ip, detail: { reason: "rate-limited", limit: "address" } });
    // Still locked for the right password, without checking it.
    checks.count = 0;
    const err = await signInWithPassword(s.therapist.email, TEST_PASSWORD, ip, null).catch((e) => e);
    expect((err as AppError).code).toBe("RATE_LIMITED");
    expect(checks.count).toBe(0);
  });

  it("a success clears the address's count", async () => {
    const s = await createScene();
    const ip = freshIp();
    for (let i = 0; i < 9; i++) expect(await wrong(s.prescriber.email, ip)).toBeNull();
    expect(await signInWithPassword(s.prescriber.email, TEST_PASSWORD, ip, null)).not.toBeNull();
    for (let i = 0; i < 10; i++) expect(await wrong(s.prescriber.email, ip)).toBeNull();
    expect(((await wrong(s.prescriber.email, ip)) as AppError).code).toBe("RATE_LIMITED");
  });
});

describe("the account limit across addresses", () => {
  const accountKey = (email: string) => hashToken(`account|${email}`);
  /** The account's hourly window as if `failures` attempts had failed 10 minutes ago. */
  const seedAccount = (email: string, failures: number) => {
    const window = {
      failures,
      firstFailureAt: new Date(Date.now() - 10 * 60_000),
      lastFailureAt: new Date(),
    };
    return db().signInThrottle.upsert({
      where: { key: accountKey(email) },
      create: { key: accountKey(email), ...window },
      update: window,
    });
  };

  it("counts failures from every address, then refuses strangers' addresses without checking", async () => {
    const s = await createScene();
    const user = await createUser(s.practice.id, "THERAPIST");
    await seedAccount(user.email, 95);
    // Five more failures, each from another address: the account reaches its limit of 100.
    for (let i = 0; i < 5; i++) expect(await wrong(user.email, freshIp())).toBeNull();
    checks.count = 0;
    const stranger = freshIp();
    const err = (await signInWithPassword(user.email, TEST_PASSWORD, stranger, null).catch(
      (e) => e,
    )) as AppError;
    expect(err.code).toBe("RATE_LIMITED");
    expect(err.retryAfterSeconds).toBeGreaterThan(49 * 60);
    expect(err.retryAfterSeconds).toBeLessThanOrEqual(50 * 60);
    expect(checks.count).toBe(0);
    const denied = await rowsFor(user.id, "DENIED");
    expect(denied.map((r) => r.detail)).toEqual([{ reason: "rate-limited", limit: "account" }]);
    expect(denied[0]?.ip).toBe(stranger);
  });

  it("lets an address that signed in to the account before keep trying, under its own limit", async () => {
    const s = await createScene();
    const user = await createUser(s.practice.id, "THERAPIST");
    const office = freshIp();
    expect(await signInWithPassword(user.email, TEST_PASSWORD, office, null)).not.toBeNull();
    await seedAccount(user.email, 100);
    expect(((await wrong(user.email, freshIp())) as AppError).code).toBe("RATE_LIMITED");
    // From the office the clinician still gets in, and mistypes are still only 10.
    expect(await wrong(user.email, office)).toBeNull();
    expect(await signInWithPassword(user.email, TEST_PASSWORD, office, null)).not.toBeNull();
    for (let i = 0; i < 10; i++) expect(await wrong(user.email, office)).toBeNull();
    expect(((await wrong(user.email, office)) as AppError).code).toBe("RATE_LIMITED");
  });

  it("lifts when the hour from the first failure is up", async () => {
    const s = await createScene();
    const user = await createUser(s.practice.id, "THERAPIST");
    await db().signInThrottle.create({
      data: {
        key: accountKey(user.email),
        failures: 500,
        firstFailureAt: new Date(Date.now() - 61 * 60_000),
        lastFailureAt: new Date(),
      },
    });
    expect(await signInWithPassword(user.email, TEST_PASSWORD, freshIp(), null)).not.toBeNull();
  });

  it("answers an unknown e-mail over the limit exactly as a real account", async () => {
    const email = `nobody-${Date.now()}@test.example`;
    await seedAccount(email, 100);
    const err = (await wrong(email, freshIp())) as AppError;
    expect(err.code).toBe("RATE_LIMITED");
    expect(err.message).toBe("Too many failed sign-ins. Please wait and try again.");
  });
});

describe("the sign-in route", () => {
  it("answers 429 with Retry-After to a JSON body as to a form, and audits the refusal", async () => {
    const s = await createScene();
    // Not behind scripts/server.mjs here: the address is unknown, one shared key for the account.
    for (let i = 0; i < 10; i++) expect(await wrong(s.therapist.email, null)).toBeNull();
    const json = await credentialsPost(
      { "content-type": "application/json" },
      JSON.stringify({ email: s.therapist.email.toUpperCase(), password: TEST_PASSWORD, csrfToken: "x" }),
    );
    expect(json.status).toBe(429);
    expect(Number(json.headers.get("retry-after"))).toBeGreaterThan(800);
    expect(json.headers.get("cache-control")).toBe("no-store");
    const form = await credentialsPost(
      { "content-type": "application/x-www-form-urlencoded" },
      new URLSearchParams({ email: s.therapist.email, password: TEST_PASSWORD }).toString(),
    );
    expect(form.status).toBe(429);
    expect(form.headers.get("retry-after")).toBeTruthy();
    expect(await rowsFor(s.therapist.id, "DENIED")).toHaveLength(2);
  });

  it("refuses a body over 8 kB with 413 before reading it, declared or streamed", async () => {
    const big = `email=a%40b.example&password=${"x".repeat(9000)}`;
    const declared = await credentialsPost({ "content-type": "application/x-www-form-urlencoded" }, big);
    expect(declared.status).toBe(413);
    const chunks = [new TextEncoder().encode(big.slice(0, 5000)), new TextEncoder().encode(big.slice(5000))];
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        const next = chunks.shift();
        if (next) c.enqueue(next);
        else c.close();
      },
    });
    const streamed = await credentialsPost({ "content-type": "application/x-www-form-urlencoded" }, stream, {
      duplex: "half",
    });
    expect(streamed.status).toBe(413);
  });

  it("answers 415 to a credentials body next-auth would not read", async () => {
    const res = await credentialsPost({ "content-type": "text/plain" }, "email=a@b.example");
    expect(res.status).toBe(415);
  });
});

describe("a forged X-Forwarded-For (docs/security.md S10)", () => {
  it("stays throttled behind scripts/server.mjs, and the audit rows show the real address", async () => {
    (globalThis as Record<symbol, unknown>)[CLIENT_ADDRESS_MARK] = true;
    const s = await createScene();
    const peer = freshIp();
    // Each attempt claims another address, in every header a caller can write.
    const spoofed = (i: number) =>
      throughServer(peer, {
        "X-Forwarded-For": `203.0.113.${i}`,
        "X-Real-IP": `203.0.113.${i}`,
        "X-Kapstone-Client-IP": `203.0.113.${i}`,
        "content-type": "application/x-www-form-urlencoded",
      });
    // What the credentials provider does with the request's headers (next-auth-options.ts).
    for (let i = 0; i < 10; i++) expect(await wrong(s.therapist.email, ipFromHeaders(spoofed(i)))).toBeNull();
    const res = await credentialsPost(
      spoofed(99),
      new URLSearchParams({ email: s.therapist.email, password: TEST_PASSWORD }).toString(),
    );
    expect(res.status).toBe(429);
    const rows = await db().auditEvent.findMany({
      where: { actorUserId: s.therapist.id, action: "auth.sign_in" },
    });
    expect(rows).toHaveLength(11);
    expect(new Set(rows.map((r) => r.ip))).toEqual(new Set([peer]));
  });

  it("behind one trusted proxy, throttles by the address the proxy appended", async () => {
    (globalThis as Record<symbol, unknown>)[CLIENT_ADDRESS_MARK] = true;
    const s = await createScene();
    const client = freshIp();
    const viaProxy = (i: number) =>
      throughServer("10.0.0.5", { "X-Forwarded-For": `203.0.113.${i}, ${client}` }, 1);
    for (let i = 0; i < 10; i++)
      expect(await wrong(s.prescriber.email, ipFromHeaders(viaProxy(i)))).toBeNull();
    const err = (await wrong(s.prescriber.email, ipFromHeaders(viaProxy(42)))) as AppError;
    expect(err.code).toBe("RATE_LIMITED");
    const denied = await rowsFor(s.prescriber.id, "DENIED");
    expect(denied[0]?.ip).toBe(client);
  });
});
