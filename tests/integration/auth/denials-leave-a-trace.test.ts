import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { GET, POST } from "@/app/api/unauthenticated/route";
import { requireApiUser, requireClientUser, requireStaff, requireUser } from "@/lib/server/auth/current-user";
import { auditUnauthenticated, UNAUTHENTICATED_AUDITS_PER_MINUTE } from "@/lib/server/auth/denials";
import { createAuthSession, signOutSession } from "@/lib/server/auth/sessions";
import { db } from "@/lib/server/core/db";
import { CLIENT_ADDRESS_HEADER } from "@/lib/server/core/request";
import { codeOf } from "../../fixtures/errors";
import { createScene } from "../../fixtures/factory";

/** What this test's request carries: next-auth's decoded cookie and the caller's headers. */
const request = vi.hoisted(() => ({
  sid: null as string | null,
  headers: new Headers(),
  cookies: [] as { name: string; value: string }[],
}));

vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  getServerSession: async () => (request.sid ? { sid: request.sid, expires: "" } : null),
}));
vi.mock("next/headers", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  headers: async () => request.headers,
  cookies: async () => ({ getAll: () => request.cookies }),
}));
vi.mock("next/navigation", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  redirect: (to: string) => {
    throw new Error(`redirect ${to}`);
  },
  notFound: () => {
    throw new Error("not found");
  },
}));

/** A fresh address per test, so the per-address count starts at zero (IPv6 documentation range). */
const address = () => `2001:db8::${randomUUID().slice(0, 4)}:${randomUUID().slice(0, 4)}`;

/* As scripts/server.mjs does: it marks the process and sets the client's address header. */
const MARK = Symbol.for("kapstone.client-address-header");
beforeAll(() => {
  (globalThis as Record<symbol, unknown>)[MARK] = true;
});
afterAll(() => {
  delete (globalThis as Record<symbol, unknown>)[MARK];
});

function asCaller(ip: string, sid: string | null, withCookie = sid !== null) {
  request.sid = sid;
  request.headers = new Headers(ip ? { [CLIENT_ADDRESS_HEADER]: ip } : {});
  request.cookies = withCookie ? [{ name: "next-auth.session-token", value: "opaque" }] : [];
}

const rowsFrom = (ip: string) => db().auditEvent.findMany({ where: { ip }, orderBy: { at: "asc" } });

afterEach(() => asCaller("", null));

describe("every denial leaves a trace", () => {
  it("an API call without a session cookie: 401, no-store, audited with path, method and address", async () => {
    const ip = address();
    const res = await GET(
      new Request("http://localhost/api/unauthenticated?path=%2Fapi%2Fclients%2Fc123", {
        headers: { [CLIENT_ADDRESS_HEADER]: ip },
      }),
    );
    expect(res.status).toBe(401);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect((await res.json()).error.code).toBe("UNAUTHENTICATED");
    const posted = await POST(
      new Request("http://localhost/api/unauthenticated?path=%2Fapi%2Fscreenings%2Fqueue", {
        method: "POST",
        headers: { [CLIENT_ADDRESS_HEADER]: ip },
      }),
    );
    expect(posted.status).toBe(401);
    const rows = await rowsFrom(ip);
    expect(rows.map((r) => [r.action, r.outcome, r.actorUserId])).toEqual([
      ["api.unauthenticated", "DENIED", null],
      ["api.unauthenticated", "DENIED", null],
    ]);
    expect(rows.map((r) => r.detail)).toEqual([
      { path: "/api/clients/c123", method: "GET", reason: "no session" },
      { path: "/api/screenings/queue", method: "POST", reason: "no session" },
    ]);
  });

  it("an API call or action with a cookie whose session ended: 401, audited", async () => {
    const s = await createScene();
    const ip = address();
    const sid = await createAuthSession(s.therapist, ip, "vitest");
    await signOutSession(sid, ip, "signed-out");
    asCaller(ip, sid);
    expect(await requireApiUser().catch(codeOf)).toBe("UNAUTHENTICATED");
    const denied = (await rowsFrom(ip)).filter((r) => r.action === "api.unauthenticated");
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({ outcome: "DENIED", detail: { reason: "session ended or not valid" } });
  });

  it("a page opened with a session that ended: sent to sign-in, audited", async () => {
    const ip = address();
    asCaller(ip, "no-such-session");
    await expect(requireUser()).rejects.toThrow("redirect /signin");
    expect((await rowsFrom(ip)).map((r) => [r.action, r.outcome])).toEqual([
      ["page.unauthenticated", "DENIED"],
    ]);
  });

  it("a page refused for the role answers not-found, audited with who asked and what was required", async () => {
    const s = await createScene();
    const ip = address();
    const clientUser = await db().user.findUniqueOrThrow({ where: { id: s.actors.clientA.userId } });
    const client = await createAuthSession(clientUser, ip, "vitest");
    asCaller(ip, client);
    await expect(requireStaff()).rejects.toThrow("not found");
    const therapist = await createAuthSession(s.therapist, ip, "vitest");
    asCaller(ip, therapist);
    await expect(requireStaff("ADMIN")).rejects.toThrow("not found");
    await expect(requireClientUser()).rejects.toThrow("not found");
    const rows = (await rowsFrom(ip)).filter((r) => r.action === "page.denied");
    expect(rows.map((r) => [r.actorUserId, r.outcome, r.detail])).toEqual([
      [s.actors.clientA.userId, "DENIED", { required: ["ADMIN", "THERAPIST", "PRESCRIBER"] }],
      [s.therapist.id, "DENIED", { required: ["ADMIN"] }],
      [s.therapist.id, "DENIED", { required: ["CLIENT"] }],
    ]);
    // The right role passes, and writes no denial.
    expect((await requireStaff("THERAPIST")).userId).toBe(s.therapist.id);
    expect((await rowsFrom(ip)).filter((r) => r.action === "page.denied")).toHaveLength(3);
  });

  it("anonymous denials from one address write a bounded number of rows; the next minute carries the count", async () => {
    const ip = address();
    const other = address();
    const flood = Array.from({ length: 25 }, () =>
      auditUnauthenticated({ action: "api.unauthenticated", ip, detail: { path: "/api/clients" } }),
    );
    const written = await Promise.all(flood);
    expect(written.filter(Boolean)).toHaveLength(UNAUTHENTICATED_AUDITS_PER_MINUTE);
    expect(await rowsFrom(ip)).toHaveLength(UNAUTHENTICATED_AUDITS_PER_MINUTE);
    // Another address is counted on its own.
    expect(await auditUnauthenticated({ action: "api.unauthenticated", ip: other })).toBe(true);
    // A minute later the first denial is audited again, with how many the last minute left out.
    await db().$executeRaw`UPDATE "DenialThrottle" SET "windowStart" = now() - interval '61 seconds'`;
    expect(await auditUnauthenticated({ action: "api.unauthenticated", ip })).toBe(true);
    const rows = await rowsFrom(ip);
    expect(rows).toHaveLength(UNAUTHENTICATED_AUDITS_PER_MINUTE + 1);
    expect(rows.at(-1)?.detail).toEqual({
      notAuditedTheMinuteBefore: 25 - UNAUTHENTICATED_AUDITS_PER_MINUTE,
    });
  });
});
