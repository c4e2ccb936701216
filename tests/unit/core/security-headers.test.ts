import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import {
  contentSecurityPolicy,
  HSTS,
  NONCE_PATTERN,
  nonceFromBytes,
  staticSecurityHeaders,
} from "@/lib/domain/core/security-headers";
import { proxy } from "@/proxy";

const directives = (csp: string) =>
  new Map(
    csp.split(";").map((d) => {
      const [name = "", ...sources] = d.trim().split(/\s+/);
      return [name, sources] as const;
    }),
  );
const NONCE = nonceFromBytes(new Uint8Array(16).fill(7));

describe("the Content-Security-Policy", () => {
  it("lets scripts run only with the request's nonce: no 'unsafe-inline', no eval outside next dev", () => {
    for (const mode of ["production", "test"] as const) {
      const csp = directives(contentSecurityPolicy(NONCE, mode));
      expect(csp.get("script-src")).toEqual(["'self'", `'nonce-${NONCE}'`, "'strict-dynamic'"]);
      expect(csp.get("style-src")).toEqual(["'self'", `'nonce-${NONCE}'`]);
    }
    const dev = directives(contentSecurityPolicy(NONCE, "development"));
    expect(dev.get("script-src")).toContain("'unsafe-eval'");
    expect(dev.get("script-src")).not.toContain("'unsafe-inline'");
  });

  it("forbids framing, plugins, a foreign <base> and posting forms elsewhere", () => {
    const csp = directives(contentSecurityPolicy(NONCE, "production"));
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'none'"]);
    expect(csp.get("form-action")).toEqual(["'self'"]);
    expect(csp.get("default-src")).toEqual(["'self'"]);
  });

  it("refuses a nonce that could break out of the header", () => {
    for (const bad of ["", "abc", `${NONCE}'; script-src *`, `${NONCE} 'unsafe-inline'`]) {
      expect(() => contentSecurityPolicy(bad, "production")).toThrow();
    }
  });
});

describe("the headers of every response", () => {
  const keys = (mode: "development" | "production") =>
    new Map(staticSecurityHeaders(mode).map((h) => [h.key, h.value]));

  it("send HSTS in production only", () => {
    expect(keys("production").get("Strict-Transport-Security")).toBe(HSTS);
    expect(HSTS).toBe("max-age=63072000; includeSubDomains");
    expect(keys("development").has("Strict-Transport-Security")).toBe(false);
  });

  it("keep the basic set and isolate the window", () => {
    const h = keys("production");
    expect(h.get("X-Content-Type-Options")).toBe("nosniff");
    expect(h.get("X-Frame-Options")).toBe("DENY");
    expect(h.get("Referrer-Policy")).toBe("no-referrer");
    expect(h.get("Cross-Origin-Opener-Policy")).toBe("same-origin");
    expect(h.get("Permissions-Policy")).toContain("camera=()");
  });
});

describe("proxy.ts", () => {
  const base = "http://localhost:3000";
  const cspOf = (res: Response) => res.headers.get("content-security-policy") ?? "";
  const nonceOf = (csp: string) => /'nonce-([^']+)'/.exec(csp)?.[1];

  it("gives every request a fresh nonce, on the response and on the request Next.js renders", async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const res = await proxy(new NextRequest(`${base}/signin`));
      const nonce = nonceOf(cspOf(res));
      expect(nonce).toMatch(NONCE_PATTERN);
      seen.add(nonce as string);
      // NextResponse.next({ request: { headers } }) passes the request headers on like this.
      expect(res.headers.get("x-middleware-request-content-security-policy")).toBe(cspOf(res));
    }
    expect(seen.size).toBe(20);
  });

  it("puts the policy on the sign-in redirect and on the API's refusal too", async () => {
    const page = await proxy(new NextRequest(`${base}/caseload`));
    expect(page.status).toBe(307);
    expect(cspOf(page)).toContain("frame-ancestors 'none'");
    // Handed to app/api/unauthenticated/route.ts, which audits and answers 401.
    const api = await proxy(new NextRequest(`${base}/api/clients`));
    expect(api.headers.get("x-middleware-rewrite")).toContain("/api/unauthenticated");
    expect(cspOf(api)).toContain("frame-ancestors 'none'");
  });

  it("ignores a policy the caller sends: the nonce is always the proxy's own", async () => {
    const forged = "script-src 'nonce-AAAAAAAAAAAAAAAAAAAAAA=='";
    const res = await proxy(
      new NextRequest(`${base}/signin`, { headers: { "content-security-policy": forged } }),
    );
    expect(res.headers.get("x-middleware-request-content-security-policy")).not.toContain("AAAAAAAA");
  });
});
