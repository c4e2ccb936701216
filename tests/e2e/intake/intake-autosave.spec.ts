import type { Browser, Page } from "@playwright/test";
import { type DemoPractice, expect, test } from "../fixtures";
import { formReady, inviteClient, signIn, stopTimers } from "../helpers";

/**
 * The client's autosaved intake loses nothing, on phones. The journeys here run one
 * after another in one demo practice of their own, with one client invited for them.
 */

const PHONE = { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const PASSWORD = "my own quiet password";
const RUN = Date.now().toString(36);
const LAST = "Wren";
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `tests/screenshots/autosave-${name}.png`, fullPage: true });

test.describe.configure({ mode: "serial" });

let clientEmail = "";

async function inviteAndJoin(browser: Browser, practice: DemoPractice) {
  const email = practice.address("robin.wren");
  const { link } = await inviteClient(browser, practice, email, LAST);

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

/** The POST requests from `page`, from now on, that carry `text` (a save sends what is on the screen). */
function postsCarrying(page: Page, text: string) {
  const sent: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && r.postData()?.includes(text)) sent.push(r.url());
  });
  return sent;
}

async function openStep(page: Page, step: string) {
  await page.goto(`/portal/intake/${step}`);
  await formReady(page);
}

test.beforeAll(async ({ browser, demoPractices }) => {
  test.setTimeout(180_000);
  clientEmail = await inviteAndJoin(browser, await demoPractices.load());
});

test("intake on two phones: a section changed on both shows both versions; nothing is overwritten", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const a = await phone(browser);
  const b = await phone(browser, { clock: true });
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
  // Typing goes on while the choice waits; autosave sends nothing meanwhile: well past the
  // autosave delay (the phone's clock driven on), the only request ever to carry the new
  // answer is the one "Keep mine" sends below.
  const sentMine = postsCarrying(b, "they/them, mostly");
  await b.getByLabel("Pronouns").fill("they/them, mostly");
  await expect(conflict.getByTestId("intake-conflict-mine")).toContainText("they/them, mostly");
  await b.clock.runFor(2_500);
  await expect(b.getByTestId("save-status")).toHaveText("Not saved");
  await shot(b, "intake-conflict-phone");
  await a.reload();
  await formReady(a);
  await expect(a.getByLabel("Pronouns")).toHaveValue("she/her");

  // Keep mine: saved over the other version, on purpose.
  await conflict.getByRole("button", { name: "Keep mine" }).click();
  await expect(b.getByTestId("save-status")).toContainText("Saved at");
  await expect(conflict).toHaveCount(0);
  await expect.poll(() => sentMine.length).toBe(1);
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
  // Past the autosave delay (the clock driven on), still nothing saved from this screen.
  await b.clock.runFor(1_500);
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

  // Moving on is refused while the answer is not saved, and the answer stays: each button
  // first tries to save, and stays on the page when that fails.
  for (const button of ["Save and continue", "Back"]) {
    const failedSave = page.waitForEvent("requestfailed", (r) => r.method() === "POST");
    await page.getByRole("button", { name: button }).click();
    await failedSave;
  }
  await expect(page).toHaveURL(/\/intake\/intention$/);
  await expect(box).toHaveValue("Written on a train with no signal.");
  await expect(problem).toBeVisible();

  await page.context().setOffline(false);
  await expect(page.getByTestId("save-status")).toContainText("Saved at");
  await expect(problem).toHaveCount(0);
  // Saved by the retry once back online; neither button moved on meanwhile.
  await expect(page).toHaveURL(/\/intake\/intention$/);
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
