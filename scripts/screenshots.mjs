// Takes screenshots of the main pages for a look at layout, empty states and
// phone sizes: node scripts/screenshots.mjs [baseURL] (default http://localhost:3000,
// a running `npm run dev`). Pictures go to tests/screenshots/ (git-ignored).
import { mkdirSync, readFileSync } from "node:fs";
import { chromium } from "@playwright/test";

const base = process.argv[2] ?? "http://localhost:3000";
const only = process.argv[3];
const demo = JSON.parse(readFileSync("prisma/demo-accounts.json", "utf8"));
const out = "tests/screenshots";
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
  ],
});

const shots = [
  { name: "signin-phone", as: null, path: "/signin", phone: true },
  { name: "therapist-caseload", as: "therapist@cedargrove.example", path: "/caseload" },
  { name: "therapist-client", as: "therapist@cedargrove.example", path: "/clients", click: "Quinn Harper" },
  { name: "therapist-add-client", as: "therapist@cedargrove.example", path: "/clients/new", submit: true },
  { name: "prescriber-queue", as: "prescriber@cedargrove.example", path: "/screenings" },
  {
    name: "prescriber-review",
    as: "prescriber@cedargrove.example",
    path: "/screenings",
    click: "Review Taylor Brooks",
  },
  {
    name: "client-intake-medical-phone",
    as: "client@cedargrove.example",
    path: "/portal/intake/medical",
    phone: true,
  },
  {
    name: "client-measure-phone",
    as: "client@cedargrove.example",
    path: "/portal/measures/PHQ9",
    phone: true,
  },
  { name: "admin-overview", as: "admin@cedargrove.example", path: "/admin" },
  { name: "admin-users", as: "admin@cedargrove.example", path: "/admin/users" },
  { name: "admin-invitations", as: "admin@cedargrove.example", path: "/admin/invitations" },
  { name: "client-home-phone", as: demo.clientSignIn.email, path: "/portal", phone: true },
  ...JSON.parse(process.env.EXTRA_SHOTS ?? "[]"),
].filter((s) => !only || s.name.includes(only));

for (const s of shots) {
  const context = await browser.newContext(
    s.phone
      ? { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true }
      : { viewport: { width: 1280, height: 860 } },
  );
  const page = await context.newPage();
  if (s.as) {
    await page.goto(`${base}/signin`);
    await page.getByLabel("E-mail").fill(s.as);
    await page.getByLabel("Password").fill(demo.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByTestId("signed-in-name").waitFor();
  }
  await page.goto(`${base}${s.path}`);
  if (s.click) {
    await page.getByRole("link", { name: s.click }).first().click();
    await page.waitForURL((u) => u.pathname !== s.path, { timeout: 60_000 });
  }
  if (s.submit) await page.locator("main form button[type=submit]").last().click();
  await page.waitForLoadState("load");
  await page.waitForTimeout(800);
  await page.screenshot({ path: `${out}/${s.name}.png`, fullPage: true });
  console.log(`${out}/${s.name}.png`);
  await context.close();
}
await browser.close();
