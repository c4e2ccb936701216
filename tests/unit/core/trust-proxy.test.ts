import { afterEach, describe, expect, it, vi } from "vitest";

/** request.ts as a fresh server would load it, with this TRUST_PROXY. */
async function loadWith(trustProxy: string | undefined) {
  vi.resetModules();
  vi.stubEnv("DATABASE_URL", "postgresql://kapstone@127.0.0.1:5432/kapstone");
  vi.stubEnv("NEXTAUTH_SECRET", "unit-test-secret-0123456789abcdef0123");
  vi.stubEnv("MAIL_TRANSPORT", "outbox");
  vi.stubEnv("TRUST_PROXY", trustProxy);
  return import("@/lib/server/core/request");
}

// Behind a balancer: the browser's address first, the balancer's appended by the server.
const headers = () => new Headers({ "x-forwarded-for": "198.51.100.23, 10.0.0.5" });

afterEach(() => vi.unstubAllEnvs());

describe("the client IP behind a load balancer (TRUST_PROXY)", () => {
  it.each(["1", "true"])("TRUST_PROXY=%s trusts the forwarded address", async (value) => {
    const { ipFromHeaders } = await loadWith(value);
    expect(ipFromHeaders(headers())).toBe("198.51.100.23");
  });

  it.each(["0", "false", undefined])("TRUST_PROXY=%s takes the connecting peer", async (value) => {
    const { ipFromHeaders } = await loadWith(value);
    expect(ipFromHeaders(headers())).toBe("10.0.0.5");
  });

  it("falls back to X-Real-IP without X-Forwarded-For", async () => {
    const { ipFromHeaders } = await loadWith("true");
    expect(ipFromHeaders(new Headers({ "x-real-ip": "192.0.2.4" }))).toBe("192.0.2.4");
  });
});
