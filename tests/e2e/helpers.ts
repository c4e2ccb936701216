import { readFileSync } from "node:fs";
import { type Browser, expect, type Page } from "@playwright/test";

type DemoAccounts = {
  password: string;
  staff: { key: string; email: string }[];
  clientSignIn: { email: string };
};
const demo = JSON.parse(readFileSync("prisma/demo-accounts.json", "utf8")) as DemoAccounts;

export const DEMO_PASSWORD = demo.password;
export const staffEmail = (key: string) => {
  const s = demo.staff.find((x) => x.key === key);
  if (!s) throw new Error(`no demo staff ${key}`);
  return s.email;
};
export const CLIENT_EMAIL = demo.clientSignIn.email;

/** Waits until the page's form is interactive (it marks itself data-ready). */
export const formReady = (page: Page) => expect(page.locator("main form[data-ready]").first()).toBeVisible();

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/signin");
  await formReady(page);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-name")).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByTestId("signed-in-name").click();
  await page.getByRole("menuitem", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/signin/);
}

/**
 * The body of the newest outbox message to `to`. Mail leaves after the action
 * commits, through the job queue, so the outbox is reloaded until it arrives.
 */
export async function outboxBody(page: Page, to: string): Promise<string> {
  let body = "";
  await expect(async () => {
    await page.goto("/dev/outbox");
    const message = page.getByTestId("outbox-message").filter({ hasText: to }).first();
    body = (await message.getByTestId("outbox-body").textContent({ timeout: 1_000 })) ?? "";
    expect(body).toContain("/invite/");
  }).toPass({ timeout: 45_000, intervals: [500, 1_000, 2_000] });
  return body;
}

/**
 * The demo therapist adds a client (Robin <lastName>, born 1989, in California)
 * and sends the invitation; returns the invitation link from the outbox and the
 * path of the new client's record.
 */
export async function inviteClient(browser: Browser, email: string, lastName: string) {
  const therapist = await browser.newPage();
  await signIn(therapist, staffEmail("therapist"));
  await therapist.goto("/clients/new");
  await formReady(therapist);
  await therapist.getByLabel("Legal first name").fill("Robin");
  await therapist.getByLabel("Legal last name").fill(lastName);
  await therapist.getByLabel("E-mail").fill(email);
  await therapist.getByLabel("Date of birth").fill("1989-05-17");
  await therapist.getByLabel("State of residence").selectOption("CA");
  await therapist.getByRole("button", { name: "Add client and send invitation" }).click();
  await expect(therapist.getByTestId("invited-notice")).toBeVisible();
  const clientPath = new URL(therapist.url()).pathname;
  const body = await outboxBody(therapist, email);
  await therapist.close();
  const link = body.match(/https?:\/\/\S+\/invite\/\S+/)?.[0];
  if (!link) throw new Error("no invitation link");
  return { link, clientPath };
}
