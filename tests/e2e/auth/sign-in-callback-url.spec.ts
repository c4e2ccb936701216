import { HOSTILE_CALLBACKS } from "../../fixtures/hostile-callbacks";
import { expect, test } from "../fixtures";
import { DEMO_PASSWORD, formReady } from "../helpers";

/**
 * docs/security.md S12: a callbackUrl that is not a path of this app gets a clean answer that
 * stays on this site, from the sign-in page and from next-auth, never a 500 or another site.
 */

const sameOrigin = (location: string | undefined, base: string) =>
  location !== undefined && new URL(location, base).origin === new URL(base).origin;

test("hostile callbackUrl values: sign-in and next-auth answer on this site, never 500", async ({
  request,
  playwright,
  practice,
  baseURL,
}) => {
  const base = baseURL as string;
  for (const value of HOSTILE_CALLBACKS) {
    const q = `callbackUrl=${encodeURIComponent(value)}`;
    const signin = await request.get(`/signin?${q}`, { maxRedirects: 0 });
    expect(signin.status(), `/signin ${value}`).toBe(200);

    const nextAuthSignin = await request.get(`/api/auth/signin?${q}`, { maxRedirects: 0 });
    expect(nextAuthSignin.status(), `/api/auth/signin ${value}`).toBe(302);
    const location = nextAuthSignin.headers().location;
    expect(sameOrigin(location, base), `${value} -> ${location}`).toBe(true);
    expect(location).not.toContain("evil.example");

    const session = await request.get(`/api/auth/session?${q}`);
    expect(session.status(), `/api/auth/session ${value}`).toBe(200);

    // The cookie next-auth keeps the callback in, planted with the same values.
    const planted = await request.get("/api/auth/session", {
      headers: { cookie: `next-auth.callback-url=${encodeURIComponent(value)}` },
    });
    expect(planted.status(), `cookie ${value}`).toBe(200);

    // Signing in with it in the form (in a browser of its own): next-auth's answer stays on this site.
    const fresh = await playwright.request.newContext({ baseURL: base });
    const { csrfToken } = (await (await fresh.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const res = await fresh.post(`/api/auth/callback/credentials?${q}`, {
      form: {
        csrfToken,
        email: practice.staff("therapist"),
        password: DEMO_PASSWORD,
        callbackUrl: value,
        json: "true",
      },
    });
    expect(res.status(), `credentials ${value}`).toBeLessThan(500);
    const { url } = (await res.json()) as { url: string };
    expect(sameOrigin(url, base), `${value} -> ${url}`).toBe(true);
    expect(url).not.toContain("evil.example");
    await fresh.dispose();
  }
});

test("after signing in, a visitor returns to the page they asked for, and never to another site", async ({
  page,
  practice,
}) => {
  await page.goto("/clients");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fclients$/);
  await formReady(page);
  await page.getByLabel("E-mail").fill(practice.staff("therapist"));
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/clients$/);
  // Signed in, the sign-in page sends a hostile callback to the person's own home page.
  await page.goto(`/signin?callbackUrl=${encodeURIComponent("//evil.example/caseload")}`);
  await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/caseload$/);
});

test("signing in from a link with a hostile callbackUrl lands on the person's home page", async ({
  page,
  practice,
}) => {
  await page.goto(`/signin?callbackUrl=${encodeURIComponent("http://localhost:3000.evil.example/")}`);
  await formReady(page);
  await page.getByLabel("E-mail").fill(practice.staff("prescriber"));
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/screenings$/);
});
