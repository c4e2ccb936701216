import type { Browser, Page } from "@playwright/test";
import demo from "../../prisma/demo-accounts.json" with { type: "json" };
import { type DemoPractice, expect } from "./fixtures";

export const DEMO_PASSWORD = demo.password;

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
 * The body of the newest outbox message to `to` that holds `link` (an invitation
 * link unless told). Mail leaves after the action commits, through the job queue,
 * so the outbox is reloaded until it arrives.
 * An invitation link is shown once (lib/server/mail/dev-outbox.ts): the page that
 * shows it is the one read here, so read each invitation once, as its sender or an admin.
 */
export async function outboxBody(page: Page, to: string, link = "/invite/"): Promise<string> {
  let body = "";
  await expect(async () => {
    await page.goto("/dev/outbox");
    const message = page
      .getByTestId("outbox-message")
      .filter({ hasText: to })
      .filter({ hasText: link })
      .first();
    body = (await message.getByTestId("outbox-body").textContent({ timeout: 1_000 })) ?? "";
    expect(body).toContain(link);
  }).toPass({ timeout: 45_000, intervals: [500, 1_000, 2_000] });
  return body;
}

/**
 * The practice's demo therapist adds a client (Robin <lastName>, born 1989, in
 * California) and sends the invitation; returns the invitation link from the
 * outbox and the path of the new client's record.
 */
export async function inviteClient(
  browser: Browser,
  practice: DemoPractice,
  email: string,
  lastName: string,
) {
  const therapist = await browser.newPage();
  await signIn(therapist, practice.staff("therapist"));
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

/**
 * Stops the page's timers (its clock must be installed), so an autosave delay
 * never runs out: whatever gets saved then was saved by something else.
 * The clock runs on while the page's time is read, so on a busy machine the moment
 * chosen can be past by the time the pause arrives, which fails: it is then tried
 * again from the page's time at that point.
 */
export async function stopTimers(page: Page) {
  await expect(async () => {
    await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 100);
  }).toPass({ intervals: [0, 100, 250] });
}

/** Emma Sullivan's private note on the couple's first preparation session, as a draft. */
export async function openPrivateNote(page: Page) {
  await page.goto("/clients");
  await page.getByRole("link", { name: "Noah Sullivan" }).click();
  await page.getByTestId("series-card").getByRole("link").first().click();
  await page
    .getByTestId("series-sessions")
    .locator("li")
    .filter({ hasText: "Preparation" })
    .first()
    .getByRole("link", { name: "Notes" })
    .click();
  await expect(page).toHaveURL(/\/sessions\/[^/]+\/notes$/);
  const card = page.getByTestId("private-note-Emma Sullivan");
  const start = card.getByRole("button", { name: "Start a private note for Emma Sullivan" });
  const editor = card.getByTestId("note-editor");
  await expect(start.or(editor)).toBeVisible();
  if (await start.isVisible()) await start.click();
  await expect(editor).toHaveAttribute("data-ready", "true");
  return { card, editor, box: editor.getByRole("textbox").first() };
}
