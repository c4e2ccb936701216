import { type Browser, expect, type Page, test } from "@playwright/test";
import { formReady, inviteClient, signIn, staffEmail } from "./helpers";

/**
 * Autosaved drafts lose nothing: the client's intake (on phones) and a
 * therapist's session note. Each run invites its own client and writes its own
 * text, so reruns against one database do not collide; the note used is the
 * Sullivans' first preparation session's private note for Emma (never signed here).
 */

const PHONE = { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const PASSWORD = "my own quiet password";
const RUN = Date.now().toString(36);
const LAST = `Wren${RUN}`;
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `tests/screenshots/autosave-${name}.png`, fullPage: true });

test.describe.configure({ mode: "serial" });

let clientEmail = "";

async function inviteAndJoin(browser: Browser) {
  const email = `robin.wren.${Date.now()}@mail.example`;
  const { link } = await inviteClient(browser, email, LAST);

  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  await page.goto(link);
  await formReady(page);
  await page.getByLabel("New password").fill(PASSWORD);
  await page.getByLabel("Confirm password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create my account" }).click();
  await expect(page).toHaveURL(/\/portal$/);
  await context.close();
  return email;
}

/** The client signed in on a phone of their own (a browser context of its own). */
async function phone(browser: Browser, opts: { clock?: boolean } = {}) {
  const context = await browser.newContext(PHONE);
  if (opts.clock) await context.clock.install();
  const page = await context.newPage();
  await signIn(page, clientEmail, PASSWORD);
  return page;
}

/**
 * Stops the page's timers (its clock must be installed), so the autosave delay
 * never runs out: whatever gets saved then was saved by something else.
 */
async function stopTimers(page: Page) {
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 100);
}

async function openStep(page: Page, step: string) {
  await page.goto(`/portal/intake/${step}`);
  await formReady(page);
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  clientEmail = await inviteAndJoin(browser);
});

test("intake on two phones: a section changed on both shows both versions; nothing is overwritten", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const a = await phone(browser);
  const b = await phone(browser);
  await openStep(a, "contact");
  await openStep(b, "contact");

  await a.getByLabel("Pronouns").fill("she/her");
  await expect(a.getByTestId("save-status")).toContainText("Saved at");

  // The second phone still has the old version: its change is not sent over the first one's.
  await b.getByLabel("Pronouns").fill("they/them");
  const conflict = b.getByTestId("intake-conflict");
  await expect(conflict.getByTestId("intake-conflict-mine")).toContainText("they/them");
  await expect(conflict.getByTestId("intake-conflict-theirs")).toContainText("she/her");
  await expect(b.getByTestId("save-status")).toHaveText("Not saved");
  await expect(b.getByRole("button", { name: "Save and continue" })).toBeDisabled();
  // Typing goes on while the choice waits; autosave sends nothing meanwhile.
  await b.getByLabel("Pronouns").fill("they/them, mostly");
  await expect(conflict.getByTestId("intake-conflict-mine")).toContainText("they/them, mostly");
  await b.waitForTimeout(2500);
  await shot(b, "intake-conflict-phone");
  await a.reload();
  await formReady(a);
  await expect(a.getByLabel("Pronouns")).toHaveValue("she/her");

  // Keep mine: saved over the other version, on purpose.
  await conflict.getByRole("button", { name: "Keep mine" }).click();
  await expect(b.getByTestId("save-status")).toContainText("Saved at");
  await expect(conflict).toHaveCount(0);
  await a.reload();
  await formReady(a);
  await expect(a.getByLabel("Pronouns")).toHaveValue("they/them, mostly");

  // Use the saved version: the other phone's answers come onto this screen, and nothing is sent.
  await a.getByLabel("Preferred name").fill("Robin");
  await expect(a.getByTestId("save-status")).toContainText("Saved at");
  await b.getByLabel("Preferred name").fill("Bird");
  await expect(conflict.getByTestId("intake-conflict-theirs")).toContainText("Robin");
  await expect(conflict.getByTestId("intake-conflict-mine")).toContainText("Bird");
  await expect(conflict.getByTestId("intake-conflict-mine")).not.toContainText("they/them");
  await conflict.getByRole("button", { name: "Use the saved version" }).click();
  await expect(b.getByLabel("Preferred name")).toHaveValue("Robin");
  await expect(b.getByLabel("Pronouns")).toHaveValue("they/them, mostly");
  await b.waitForTimeout(1500);
  await expect(b.getByTestId("save-status")).toHaveText("Showing the saved version");

  // A change to another section elsewhere is not a conflict here, and both are kept.
  await openStep(a, "residence");
  await a.getByLabel("Which state do you live in?").selectOption("CA");
  await expect(a.getByTestId("save-status")).toContainText("Saved at");
  await b.getByLabel("Pronouns").fill("they/them");
  await expect
    .poll(
      async () => {
        await openStep(a, "contact");
        return a.getByLabel("Pronouns").inputValue();
      },
      { timeout: 20_000 },
    )
    .toBe("they/them");
  await expect(a.getByLabel("Preferred name")).toHaveValue("Robin");
  await expect(conflict).toHaveCount(0);
  await expect(b.getByTestId("save-status")).toContainText("Saved at");
  await openStep(a, "residence");
  await expect(a.getByLabel("Which state do you live in?")).toHaveValue("CA");
  await a.context().close();
  await b.context().close();
});

test("intake offline on a phone: says it is not saved, keeps the answer, and saves when back online", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const page = await phone(browser);
  await openStep(page, "intention");
  const box = page.getByLabel("What would you like KAP to help you with?");
  await page.context().setOffline(true);
  await box.fill("Written on a train with no signal.");
  const problem = page.getByTestId("save-problem");
  await expect(problem).toContainText("Not saved — check your connection; we'll keep trying");
  await expect(page.getByTestId("save-status")).toHaveText("Not saved");
  await expect(problem.getByRole("button", { name: "Try again" })).toBeVisible();
  await shot(page, "intake-offline-phone");

  // Moving on is refused while the answer is not saved, and the answer stays.
  await page.getByRole("button", { name: "Save and continue" }).click();
  await page.getByRole("button", { name: "Back" }).click();
  await page.waitForTimeout(500);
  await expect(page).toHaveURL(/\/intake\/intention$/);
  await expect(box).toHaveValue("Written on a train with no signal.");
  await expect(problem).toBeVisible();

  await page.context().setOffline(false);
  await expect(page.getByTestId("save-status")).toContainText("Saved at");
  await expect(problem).toHaveCount(0);
  await page.reload();
  await formReady(page);
  await expect(box).toHaveValue("Written on a train with no signal.");
  await page.context().close();
});

test("intake: what was typed just before leaving the section is saved", async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await phone(browser, { clock: true });
  const other = await phone(browser);
  const saved = async (text: string) =>
    expect
      .poll(
        async () => {
          await openStep(other, "substances");
          return other.getByLabel("Other substances you use, and how often").inputValue();
        },
        { timeout: 20_000 },
      )
      .toBe(text);

  // Moving to another page straight after typing, before the autosave delay is up.
  await openStep(page, "substances");
  const box = page.getByLabel("Other substances you use, and how often");
  await stopTimers(page);
  await box.fill(`Coffee ${RUN}`);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Schedule" }).click();
  await expect(page).toHaveURL(/\/portal\/schedule$/);
  await saved(`Coffee ${RUN}`);
  await page.clock.resume();

  // The page being hidden away (pagehide).
  await openStep(page, "substances");
  await stopTimers(page);
  await box.fill(`Coffee and tea ${RUN}`);
  await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent("pagehide", { persisted: false })));
  await saved(`Coffee and tea ${RUN}`);
  await page.clock.resume();

  // Closing the tab while a save is pending asks first (and the save goes on).
  await openStep(page, "substances");
  await stopTimers(page);
  await box.fill(`Coffee, tea and chocolate ${RUN}`);
  const dialog = page.waitForEvent("dialog");
  await page.close({ runBeforeUnload: true });
  const asked = await dialog;
  expect(asked.type()).toBe("beforeunload");
  await asked.dismiss();
  await saved(`Coffee, tea and chocolate ${RUN}`);
  await page.clock.resume();
  await expect(page.getByTestId("save-status")).toContainText("Saved at");
  await page.context().close();
  await other.context().close();
});

/** Emma Sullivan's private note on the couple's first preparation session, as a draft. */
async function openPrivateNote(page: Page) {
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

/** Emma Sullivan's private note as saved, read in another window at the note's `url`. */
async function savedPrivateNote(other: Page, url: string) {
  await other.goto(url);
  const card = other.getByTestId("private-note-Emma Sullivan");
  await expect(card.getByTestId("note-editor")).toHaveAttribute("data-ready", "true");
  return card.getByRole("textbox").first().inputValue();
}

test("a note written offline: not saved, kept, saved when back online; signing offline says not signed", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const page = await browser.newPage();
  await signIn(page, staffEmail("therapist"));
  const { card, editor, box } = await openPrivateNote(page);
  const text = `Emma named the fear of being left. (${RUN})`;

  // Starting a note without a connection says so and can be tried again (Noah's note is never started here).
  const noah = page.getByTestId("private-note-Noah Sullivan");
  const startNoah = noah.getByRole("button", { name: "Start a private note for Noah Sullivan" });
  if (await startNoah.isVisible()) {
    await page.context().setOffline(true);
    await startNoah.click();
    await expect(noah).toContainText("We could not reach Kapstone. Check your connection and try again.");
    await expect(startNoah).toBeEnabled();
    await page.context().setOffline(false);
  }

  await page.context().setOffline(true);
  await box.fill(text);
  const problem = card.getByTestId("note-save-problem");
  await expect(problem).toContainText("Not saved — check your connection; we'll keep trying");
  await expect(card.getByTestId("note-status")).toHaveText("Not saved");
  await shot(page, "note-offline");
  await page.context().setOffline(false);
  await expect(card.getByTestId("note-status")).toContainText("Saved at");
  await expect(problem).toHaveCount(0);

  await page.context().setOffline(true);
  page.once("dialog", (d) => d.accept());
  await editor.getByRole("button", { name: "Sign the note" }).click();
  await expect(card.getByTestId("note-sign-error")).toContainText("Not signed");
  await expect(editor.getByRole("button", { name: "Sign the note" })).toBeEnabled();
  await expect(box).toHaveValue(text);
  await page.context().setOffline(false);
  await page.reload();
  await expect(editor).toHaveAttribute("data-ready", "true");
  await expect(box).toHaveValue(text);
  await page.context().close();
});

test("a note in two windows: the saved version can be taken instead of one's own", async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext();
  const first = await context.newPage();
  await signIn(first, staffEmail("therapist"));
  const one = await openPrivateNote(first);
  const second = await context.newPage();
  await second.goto(first.url());
  const two = {
    card: second.getByTestId("private-note-Emma Sullivan"),
    box: second.getByTestId("private-note-Emma Sullivan").getByRole("textbox").first(),
  };
  await expect(two.card.getByTestId("note-editor")).toHaveAttribute("data-ready", "true");

  await one.box.fill(`From the first window (${RUN})`);
  await expect(one.card.getByTestId("note-status")).toContainText("Saved at");
  await two.box.fill(`From the second window (${RUN})`);
  const conflict = two.card.getByTestId("note-conflict");
  await expect(conflict.getByTestId("note-conflict-theirs")).toContainText("From the first window");
  await expect(conflict.getByTestId("note-conflict-mine")).toContainText("From the second window");
  await shot(second, "note-conflict");
  await conflict.getByRole("button", { name: "Use the saved version" }).click();
  await expect(two.box).toHaveValue(`From the first window (${RUN})`);
  await two.box.fill(`From the first window, and more (${RUN})`);
  await expect(two.card.getByTestId("note-status")).toContainText("Saved at");
  await expect(conflict).toHaveCount(0);
  await context.close();
});

test("a note: what was typed just before leaving the page or hiding the tab is saved", async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const context = await browser.newContext();
  await context.clock.install();
  const page = await context.newPage();
  await signIn(page, staffEmail("therapist"));
  const { box } = await openPrivateNote(page);
  const url = page.url();
  const other = await browser.newPage();
  await signIn(other, staffEmail("therapist"));
  const saved = (text: string) =>
    expect.poll(() => savedPrivateNote(other, url), { timeout: 20_000 }).toBe(text);

  // Leaving for another page straight after typing, before the autosave delay is up.
  await stopTimers(page);
  await box.fill(`Left in a hurry (${RUN})`);
  await page.getByRole("link", { name: "← The series" }).click();
  await expect(page).toHaveURL(/\/series\//);
  await saved(`Left in a hurry (${RUN})`);
  await page.clock.resume();

  // Switching to another tab.
  await page.goto(url);
  const again = page.getByTestId("private-note-Emma Sullivan");
  await expect(again.getByTestId("note-editor")).toHaveAttribute("data-ready", "true");
  await stopTimers(page);
  await again.getByRole("textbox").first().fill(`Switched to another tab (${RUN})`);
  await page.evaluate(() => {
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
    document.dispatchEvent(new Event("visibilitychange"));
  });
  await saved(`Switched to another tab (${RUN})`);
  await page.clock.resume();
  await context.close();
  await other.close();
});

test("a note left open when the therapist walks away: the idle sign-out saves it and leaves without asking", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const context = await browser.newContext();
  await context.clock.install();
  const page = await context.newPage();
  await signIn(page, staffEmail("therapist"));
  const { box } = await openPrivateNote(page);
  const url = page.url();
  const text = `Typed, then called away (${RUN})`;
  // A "leave this page?" prompt would be dismissed here, keeping the note on screen.
  let prompted = false;
  page.on("dialog", (d) => {
    prompted = true;
    void d.dismiss();
  });

  await stopTimers(page);
  await box.fill(text);
  await page.clock.fastForward("15:01");
  await expect(page).toHaveURL(/\/signin\?reason=idle/);
  expect(prompted).toBe(false);

  const other = await browser.newPage();
  await signIn(other, staffEmail("therapist"));
  expect(await savedPrivateNote(other, url)).toBe(text);
  await context.close();
  await other.close();
});
