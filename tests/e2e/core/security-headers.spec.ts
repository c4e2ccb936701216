import { expect, test } from "../fixtures";
import { signIn } from "../helpers";

/** docs/security.md S12: the headers of pages, APIs and sign-in, and the policy at work in the browser. */

const directives = (csp: string) =>
  new Map(
    csp.split(";").map((d) => {
      const [name = "", ...sources] = d.trim().split(/\s+/);
      return [name, sources] as const;
    }),
  );
const nonceOf = (csp: string) => /'nonce-([^']+)'/.exec(csp)?.[1] ?? "";

function expectHardened(headers: Record<string, string>, what: string) {
  const csp = directives(headers["content-security-policy"] ?? "");
  expect(csp.get("script-src"), what).toContain("'strict-dynamic'");
  expect(csp.get("script-src"), what).not.toContain("'unsafe-inline'");
  expect(csp.get("script-src"), what).not.toContain("'unsafe-eval'");
  expect(csp.get("frame-ancestors"), what).toEqual(["'none'"]);
  expect(csp.get("object-src"), what).toEqual(["'none'"]);
  expect(csp.get("form-action"), what).toEqual(["'self'"]);
  // The journeys run the production build (NODE_ENV=production).
  expect(headers["strict-transport-security"], what).toBe("max-age=63072000; includeSubDomains");
  expect(headers["x-frame-options"], what).toBe("DENY");
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["cross-origin-opener-policy"], what).toBe("same-origin");
}

test("sign-in, a page and an API carry the policy, with a fresh nonce on every response", async ({
  page,
  practice,
}) => {
  const nonces = new Set<string>();
  for (let i = 0; i < 3; i++) {
    const res = await page.request.get("/signin");
    expect(res.status()).toBe(200);
    const headers = res.headers();
    expectHardened(headers, "/signin");
    const nonce = nonceOf(headers["content-security-policy"] ?? "");
    nonces.add(nonce);
    // Next.js puts this response's nonce on its scripts, and no script goes without one.
    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  }
  expect(nonces.size).toBe(3);

  for (const path of ["/api/health", "/api/clients", "/caseload"]) {
    const res = await page.request.get(path, { maxRedirects: 0 });
    expectHardened(res.headers(), `${path} (signed out)`);
  }
  await signIn(page, practice.staff("therapist"));
  for (const path of ["/caseload", "/api/clients", "/dev/outbox", "/no-such-page"]) {
    const res = await page.request.get(path, { maxRedirects: 0 });
    expectHardened(res.headers(), `${path} (signed in)`);
    expect(res.status(), path).toBeLessThan(500);
  }
});

test("a script slipped into a page is refused, and the journey hears of it", async ({
  page,
  cspViolations,
}) => {
  // Stored cross-site scripting, as the browser would receive it: the server's own page, with its
  // real policy, carrying an inline script and a foreign one that the page did not put there.
  await page.route("**/signin", async (route) => {
    const res = await route.fetch();
    const html = (await res.text()).replace(
      "</body>",
      '<script>window.__injected = true</script><script src="https://evil.example/x.js"></script></body>',
    );
    await route.fulfill({ response: res, body: html });
  });
  await page.goto("/signin");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  expect(
    await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected),
  ).toBeUndefined();
  await expect.poll(() => cspViolations.length).toBeGreaterThanOrEqual(2);
  expect(cspViolations.join("\n")).toContain("script-src");
  expect(cspViolations.join("\n")).toContain("evil.example");
  // Heard: the fixture would fail this journey for it; the refusal was the point here.
  cspViolations.splice(0);
});
