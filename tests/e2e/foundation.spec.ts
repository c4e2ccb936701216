import { expect, test } from "@playwright/test";
import { CLIENT_EMAIL, DEMO_PASSWORD, outboxBody, signIn, signOut, staffEmail } from "./helpers";

test.describe("each demo role lands on its own page", () => {
  const cases = [
    { who: "therapist", email: staffEmail("therapist"), path: "/caseload", sees: "Quinn Harper" },
    { who: "prescriber", email: staffEmail("prescriber"), path: "/screenings", sees: "Riley Chen" },
    { who: "admin", email: staffEmail("admin"), path: "/admin", sees: "Pending invitations" },
    { who: "client", email: CLIENT_EMAIL, path: "/portal", sees: "Hello, Alex" },
  ];
  for (const c of cases) {
    test(`${c.who} signs in and lands on ${c.path}`, async ({ page }) => {
      await signIn(page, c.email);
      await expect(page).toHaveURL(new RegExp(`${c.path}$`));
      await expect(page.getByText(c.sees).first()).toBeVisible();
    });
  }
});

test("a wrong password and an unknown e-mail get the same message", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("E-mail").fill(staffEmail("therapist"));
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  const known = await page.getByTestId("sign-in-error").textContent();
  await page.getByLabel("E-mail").fill("nobody@cedargrove.example");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("sign-in-error")).toHaveText(known ?? "");
  await expect(page.getByLabel("E-mail")).toHaveValue("nobody@cedargrove.example");
});

test("a client opening another client's record gets not-found", async ({ browser }) => {
  const staff = await browser.newPage();
  await signIn(staff, staffEmail("therapist"));
  const href = await staff.getByRole("link", { name: "Quinn Harper" }).getAttribute("href");
  const otherId = href?.split("/").pop();
  expect(otherId).toBeTruthy();
  await staff.close();

  const page = await browser.newPage();
  await signIn(page, CLIENT_EMAIL);
  const response = await page.goto(`/clients/${otherId}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByTestId("not-found")).toBeVisible();
  const api = await page.request.get(`/api/clients/${otherId}`);
  expect(api.status()).toBe(404);
  const list = await page.request.get("/api/clients");
  expect(list.status()).toBe(403);
  await page.close();
});

test("searching clients keeps names out of the URL", async ({ page }) => {
  await signIn(page, staffEmail("therapist"));
  await page.goto("/clients");
  await page.getByRole("searchbox", { name: "Search" }).fill("Harper");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByTestId("client-list")).toContainText("Quinn Harper");
  await expect(page.getByTestId("client-list").getByRole("row")).toHaveCount(2); // header + Quinn
  expect(page.url()).not.toMatch(/harper/i);
  // The search stays while paging and filtering, until cleared.
  await page.reload();
  await expect(page.getByRole("searchbox", { name: "Search" })).toHaveValue("Harper");
  await page.getByRole("button", { name: "Clear" }).click();
  await expect(page.getByRole("searchbox", { name: "Search" })).toHaveValue("");
  expect(await page.getByTestId("client-list").getByRole("row").count()).toBeGreaterThan(2);

  // A search belongs to the sign-in that typed it: the next person at this computer does not see it.
  await page.getByRole("searchbox", { name: "Search" }).fill("Harper");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByTestId("client-list").getByRole("row")).toHaveCount(2);
  await signOut(page);
  await signIn(page, staffEmail("therapist"));
  await page.goto("/clients");
  await expect(page.getByRole("searchbox", { name: "Search" })).toHaveValue("");
  expect(await page.getByTestId("client-list").getByRole("row").count()).toBeGreaterThan(2);

  const byUrl = await page.request.get("/api/clients?q=Harper");
  expect(byUrl.status()).toBe(400);
  const found = await page.request.post("/api/clients/search", { data: { q: "harper" } });
  expect(found.status()).toBe(200);
  const body = (await found.json()) as { items: { legalLastName: string }[] };
  expect(body.items.map((c) => c.legalLastName)).toEqual(["Harper"]);
  const bad = await page.request.post("/api/clients/search", { data: { q: 42, page: "x" } });
  expect(bad.status()).toBe(400);
});

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
      for (const path of ["/api/clients", "/api/clients/anything"]) {
        const res = await request.get(path, { headers, maxRedirects: 0 });
        expect(res.status()).toBe(401);
      }
    });
  }
});

test("the icons and web manifest reach a browser that has not signed in", async ({ request }) => {
  const page = await request.get("/signin");
  const html = await page.text();
  for (const path of ["/favicon.ico", "/icon.svg", "/apple-touch-icon.png", "/manifest.webmanifest"]) {
    expect(html).toContain(`href="${path}"`);
  }
  const manifest = await request.get("/manifest.webmanifest", { maxRedirects: 0 });
  expect(manifest.status()).toBe(200);
  const body = (await manifest.json()) as { name: string; start_url: string; icons: { src: string }[] };
  expect(body).toMatchObject({ name: "Kapstone", start_url: "/", display: "standalone" });
  for (const path of [
    "/favicon.ico",
    "/icon.svg",
    "/apple-touch-icon.png",
    ...body.icons.map((i) => i.src),
  ]) {
    const res = await request.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBe(200);
    expect(res.headers()["content-type"], path).toMatch(/^image\//);
  }
});

test("after sign-out, replaying the old session cookie is refused", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, staffEmail("therapist2"));
  const cookies = await context.cookies();
  expect((await page.request.get("/api/clients")).status()).toBe(200);
  await signOut(page);
  await context.addCookies(cookies);
  expect((await page.request.get("/api/clients")).status()).toBe(401);
  await context.close();
});

test("an admin invites a therapist, who sets a password and lands on the caseload", async ({ browser }) => {
  const admin = await browser.newPage();
  await signIn(admin, staffEmail("admin"));
  await admin.goto("/admin/invitations/new");
  await admin.getByRole("button", { name: "Send invitation" }).click();
  await expect(admin.getByTestId("error-name")).toBeVisible();
  const email = `new.therapist.${Date.now()}@cedargrove.example`;
  await admin.getByLabel("Full name").fill("Rowan Ellery");
  await admin.getByLabel("E-mail").fill(email);
  await admin.getByLabel("Credentials").fill("LPC");
  await admin.getByRole("button", { name: "Send invitation" }).click();
  await expect(admin).toHaveURL(/\/admin\/invitations$/);
  await expect(admin.getByText(email)).toBeVisible();

  const body = await outboxBody(admin, email);
  const link = body.match(/https?:\/\/\S+\/invite\/\S+/)?.[0];
  expect(link).toBeTruthy();
  await admin.close();

  const page = await browser.newPage();
  await page.goto(link ?? "");
  await page.getByLabel("New password").fill("password");
  await page.getByLabel("Confirm password").fill("password");
  await page.getByRole("button", { name: "Create my account" }).click();
  await expect(page.getByTestId("error-password")).toContainText("too common");
  await page.getByLabel("New password").fill("a quiet river bend");
  await page.getByLabel("Confirm password").fill("a quiet river bend");
  await page.getByRole("button", { name: "Create my account" }).click();
  await expect(page).toHaveURL(/\/caseload$/);
  await expect(page.getByText("No clients on your care team yet")).toBeVisible();

  // The link works once.
  const again = await browser.newPage();
  await again.goto(link ?? "");
  await expect(again.getByTestId("invitation-unavailable")).toBeVisible();
  await again.close();
  await page.close();
});

test("disabling a user ends their session at once", async ({ browser }) => {
  const victim = await browser.newPage();
  await signIn(victim, staffEmail("therapist2"));
  expect((await victim.request.get("/api/clients")).status()).toBe(200);

  const admin = await browser.newPage();
  await signIn(admin, staffEmail("admin"));
  await admin.goto("/admin/users?role=THERAPIST");
  admin.on("dialog", (d) => d.accept());
  const row = admin.getByRole("row").filter({ hasText: staffEmail("therapist2") });
  await row.getByRole("button", { name: "Disable" }).click();
  await expect(row.getByText("Disabled")).toBeVisible();

  expect((await victim.request.get("/api/clients")).status()).toBe(401);
  await victim.goto("/caseload");
  await expect(victim).toHaveURL(/\/signin/);

  await row.getByRole("button", { name: "Enable" }).click();
  await expect(row.getByText("Active")).toBeVisible();
  await signIn(victim, staffEmail("therapist2"), DEMO_PASSWORD);
  await admin.close();
  await victim.close();
});

test("activity in one tab keeps the other tabs signed in; idle everywhere signs out", async ({ browser }) => {
  const context = await browser.newContext();
  await context.clock.install();
  const calendar = await context.newPage();
  await signIn(calendar, staffEmail("therapist"));
  const caseload = await context.newPage();
  await caseload.goto("/caseload");
  await expect(caseload.getByTestId("signed-in-name")).toBeVisible();

  // Ten quiet minutes on the calendar tab, then the therapist works in the other tab.
  await calendar.clock.fastForward("10:00");
  await caseload.keyboard.press("Tab");
  // Twenty minutes since the calendar tab's own last activity, but only ten since any tab's.
  await calendar.clock.fastForward("10:00");
  await calendar.waitForTimeout(1_000);
  expect(calendar.url()).not.toMatch(/reason=idle/);
  // Past the limit since the last activity anywhere: signed out.
  await calendar.clock.fastForward("06:00");
  await expect(calendar).toHaveURL(/\/signin\?reason=idle/);
  await context.close();
});
