import { expect, test } from "../fixtures";

/**
 * docs/security.md S7 and S10, through the real server (scripts/server.mjs): a caller who
 * claims a new address on every attempt is still one address to the throttle, and the
 * audit rows carry the address the server saw on the socket.
 */
test("a new X-Forwarded-For on every attempt is still throttled, and audited with the real address", async ({
  request,
  practice,
}) => {
  const email = practice.staff("prescriber");
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const attempt = (i: number, password: string) =>
    request.post("/api/auth/callback/credentials", {
      headers: {
        "x-forwarded-for": `203.0.113.${i}`,
        "x-real-ip": `203.0.113.${i}`,
        "x-kapstone-client-ip": `203.0.113.${i}`,
      },
      form: { csrfToken, email, password, json: "true" },
      maxRedirects: 0,
    });
  for (let i = 1; i <= 10; i++) expect((await attempt(i, "not the password")).status()).not.toBe(429);
  // The right password from "yet another address" is refused: it is the same caller.
  const refused = await attempt(11, practice.password);
  expect(refused.status()).toBe(429);
  expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(800);

  const { db } = await import("@/lib/server/core/db");
  const user = await db().user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  const rows = await db().auditEvent.findMany({
    where: { actorUserId: user.id, action: "auth.sign_in" },
    select: { ip: true, outcome: true },
  });
  expect(rows.filter((r) => r.outcome === "FAILED")).toHaveLength(10);
  expect(rows.filter((r) => r.outcome === "DENIED")).toHaveLength(1);
  const seen = new Set(rows.map((r) => r.ip));
  expect(seen.size).toBe(1);
  expect(["127.0.0.1", "::1"]).toContain([...seen][0]);
});
