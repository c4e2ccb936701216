import { expect, test } from "../fixtures";

test.describe("anonymous requests are refused", () => {
  const bypassHeaders: Record<string, string>[] = [
    {},
    { "x-middleware-subrequest": "middleware" },
    { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" },
    {
      "x-middleware-subrequest": "src/middleware:src/middleware:src/middleware:src/middleware:src/middleware",
    },
    { RSC: "1" },
  ];
  for (const headers of bypassHeaders) {
    const label =
      Object.entries(headers)
        .map(([k, v]) => `${k}: ${v}`)
        .join("") || "no header";
    test(`pages and APIs with ${label}`, async ({ request }) => {
      for (const path of ["/caseload", "/screenings", "/admin", "/portal", "/clients"]) {
        const res = await request.get(path, { headers, maxRedirects: 0 });
        expect([302, 303, 307, 308, 401, 404]).toContain(res.status());
        if (res.status() < 400) expect(res.headers().location).toContain("/signin");
      }
      // An API call is answered 401 by the handler that audits it (proxy.ts rewrites to it). Next.js
      // first sends a call claiming to be a Server Components fetch back to the same path with
      // `?_rsc`; that one meets the same 401.
      for (const path of ["/api/clients", "/api/clients/anything"]) {
        const first = await request.get(path, { headers, maxRedirects: 0 });
        if (first.status() !== 401) {
          expect(first.status()).toBe(307);
          expect(new URL(first.headers().location ?? "", "http://x").pathname).toBe(path);
        }
        const res = await request.get(path, { headers });
        expect(res.status()).toBe(401);
        expect(res.headers()["cache-control"]).toBe("no-store");
      }
    });
  }

  // The .rsc path-suffix variants of protected pages (the flight data a client-side navigation
  // fetches) must meet the same refusal as the pages themselves.
  test("the .rsc variants of protected pages", async ({ request }) => {
    for (const path of [
      "/caseload.rsc",
      "/clients.rsc",
      "/portal.rsc",
      "/admin/index.rsc",
      "/screenings.rsc?_rsc=1",
    ]) {
      const variants: Record<string, string>[] = [
        {},
        { RSC: "1" },
        { RSC: "1", "Next-Router-Prefetch": "1" },
      ];
      for (const headers of variants) {
        const res = await request.get(path, { headers, maxRedirects: 0 });
        expect([302, 303, 307, 308, 401, 404], `${path} ${JSON.stringify(headers)}`).toContain(res.status());
        if (res.status() < 400) expect(res.headers().location).toContain("/signin");
      }
    }
  });
});
