import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures";
import { formReady, inviteClient, signIn } from "../helpers";

const PHONE = { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const PASSWORD = "my own quiet password";
/** The invited client's last name (the practice is this journey's own, so no other Robin Lark is in it). */
const LAST = "Lark";

/** Fails on serious or critical accessibility violations. */
async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

const answer = (page: Page, question: string | RegExp, choice: string) =>
  page.getByRole("group", { name: question }).getByLabel(choice, { exact: true }).check();

async function answerAllNo(page: Page) {
  const groups = page.getByRole("group");
  for (let i = 0; i < (await groups.count()); i++)
    await groups.nth(i).getByLabel("No", { exact: true }).check();
}

async function next(page: Page, expectedPath: RegExp) {
  await page.getByRole("button", { name: /Save and (continue|finish)/ }).click();
  await expect(page).toHaveURL(expectedPath);
  await formReady(page);
  await expectAccessible(page);
}

test("a client goes from invitation to a submitted intake on a phone, and the therapist sees it", async ({
  browser,
  practice,
}) => {
  // The longest journey, with an accessibility scan on every screen.
  test.setTimeout(300_000);
  const email = practice.address("robin.lark");
  const { link, clientPath } = await inviteClient(browser, practice, email, LAST);

  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  await page.goto(link);
  await formReady(page);
  await page.getByLabel("New password").fill(PASSWORD);
  await page.getByLabel("Confirm password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create my account" }).click();
  await expect(page).toHaveURL(/\/portal$/);
  await expect(page.getByTestId("checklist-progress")).toHaveText("0 of 6 done");
  await expectAccessible(page);

  // Contact: errors land on the fields and nothing typed is lost.
  await page.getByTestId("checklist-intake").click();
  await expect(page).toHaveURL(/\/portal\/intake\/contact$/);
  await formReady(page);
  await page.getByLabel("Pronouns").fill("she/her");
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page.getByTestId("step-errors")).toBeVisible();
  await expect(page.getByTestId("error-phone")).toBeVisible();
  await expect(page.getByLabel("Pronouns")).toHaveValue("she/her");
  await expectAccessible(page);
  await page.getByLabel("Mobile phone").fill("(555) 201-3344");
  await page.getByLabel("Home address").fill("12 Alder Way, Oakland CA");
  await page.getByLabel("Their name").fill("Jo Lark");
  await page.getByLabel("Their phone").fill("(555) 201-9999");
  await page.getByLabel("How you know them").fill("Sister");
  await next(page, /\/intake\/residence$/);

  await page.getByLabel("Which state do you live in?").selectOption("CA");
  await next(page, /\/intake\/medical$/);

  await expectAccessible(page);
  await answerAllNo(page);
  await page.getByLabel("Height (feet)").fill("5");
  await page.getByLabel("Height (inches)").fill("6");
  await page.getByLabel("Weight (pounds)").fill("140");
  await expect(page.getByTestId("bmi")).toHaveText("BMI 22.6 (healthy weight)");
  // A heart attack asks how long ago; the step is not saved without it.
  await answer(page, "Have you ever had a heart attack?", "Yes");
  await page.getByRole("button", { name: /Save and continue/ }).click();
  await expect(page.getByRole("group", { name: /How long ago/ })).toContainText("Choose how long ago.");
  await expect(page).toHaveURL(/\/intake\/medical$/);
  await expect(page.getByLabel("Height (feet)")).toHaveValue("5");
  await page.screenshot({ path: "tests/screenshots/intake-medical-phone.png", fullPage: true });
  await answer(page, "Have you ever had a heart attack?", "No");
  await answer(page, /told you have high blood pressure/, "Yes");
  await page.getByLabel("Please tell us more").fill("Diagnosed last year, on lisinopril");
  await expect(page.getByTestId("save-status")).toContainText("Saved at");

  // Resume: the same answers come back on another device.
  const other = await browser.newContext(PHONE);
  const otherPage = await other.newPage();
  await signIn(otherPage, email, PASSWORD);
  await otherPage.goto("/portal/intake/medical");
  await formReady(otherPage);
  await expect(otherPage.getByLabel("Please tell us more")).toHaveValue("Diagnosed last year, on lisinopril");
  await other.close();

  await next(page, /\/intake\/medications$/);
  await answer(page, /take any prescription/, "Yes");
  await page.getByRole("button", { name: "Add a medicine" }).click();
  await page.getByRole("textbox", { name: "Medicine 1" }).fill("Xanax");
  await page.getByLabel("Dose").fill("0.5 mg");
  await expect(page.getByTestId("medication-interaction")).toContainText("Benzodiazepine");
  await next(page, /\/intake\/psychiatric$/);

  await answerAllNo(page);
  await next(page, /\/intake\/substances$/);
  await answer(page, "How often do you drink alcohol?", "Monthly or less");
  await answer(page, "How often do you use cannabis?", "Never");
  await answer(page, /struggling to control/, "No");
  await next(page, /\/intake\/pregnancy$/);
  for (const q of [/pregnant, or could you be/, /breastfeeding/, /planning a pregnancy/]) {
    await answer(page, q, "Does not apply to me");
  }
  await next(page, /\/intake\/experience$/);
  await answerAllNo(page);
  await next(page, /\/intake\/intention$/);
  await expectAccessible(page);
  await page
    .getByLabel("What would you like KAP to help you with?")
    .fill("Lift a depression that has lasted years.");
  await next(page, /\/intake\/outsideTherapist$/);
  await answer(page, /therapist outside this clinic/, "No");
  await page.getByRole("button", { name: "Save and finish" }).click();
  await expect(page).toHaveURL(/\/portal\?intake=done$/);
  await expect(page.getByTestId("checklist-progress")).toHaveText("1 of 6 done");

  // Measures: PHQ-9 with item 9 above 0 shows crisis resources at once.
  await page.getByTestId("checklist-measure-PHQ9").click();
  await formReady(page);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(page.getByTestId("form-error")).toContainText("Please answer every question");
  const phqGroups = page.getByRole("group");
  for (let i = 0; i < 9; i++)
    await phqGroups
      .nth(i)
      .getByLabel(i === 8 ? "Several days" : "Not at all")
      .check();
  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(page.getByTestId("crisis-resources")).toContainText("988");
  await page
    .getByRole("link", { name: /Back to your checklist/ })
    .first()
    .click();

  for (const [scale, choice, count] of [
    ["GAD7", "Several days", 7],
    ["PCL5", "A little bit", 20],
  ] as const) {
    await page.getByTestId(`checklist-measure-${scale}`).click();
    await formReady(page);
    const groups = page.getByRole("group");
    for (let i = 0; i < count; i++) await groups.nth(i).getByLabel(choice).check();
    await page.getByRole("button", { name: "Submit answers" }).click();
    await expect(page.getByTestId("measure-done")).toBeVisible();
    await expect(page.getByTestId("crisis-resources")).toHaveCount(0);
    await page
      .getByRole("link", { name: /Back to your checklist/ })
      .first()
      .click();
  }
  await page.getByTestId("checklist-measure-CSSRS").click();
  await formReady(page);
  await answerAllNo(page);
  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(page.getByTestId("measure-done")).toBeVisible();
  await page
    .getByRole("link", { name: /Back to your checklist/ })
    .first()
    .click();
  await expect(page.getByTestId("checklist-progress")).toHaveText("5 of 6 done");

  // Consent: shown in full, signed with the full legal name.
  await page.getByTestId("checklist-consent-kap").click();
  await expect(page.getByTestId("consent-text")).toContainText("Schedule III");
  await formReady(page);
  await expectAccessible(page);
  await page.getByLabel("Type your full legal name to sign").fill("Robin");
  await page.getByRole("button", { name: "I have read this and I sign" }).click();
  await expect(page.getByTestId("error-typedName")).toContainText(`Robin ${LAST}`);
  await page.getByLabel("Type your full legal name to sign").fill(`robin  ${LAST.toLowerCase()}`);
  await page.getByRole("button", { name: "I have read this and I sign" }).click();
  await expect(page.getByTestId("consent-signed")).toBeVisible();
  await page
    .getByRole("link", { name: /Back to your checklist/ })
    .first()
    .click();
  await expect(page.getByTestId("checklist-progress")).toHaveText("6 of 6 done");

  await page.getByRole("button", { name: "Send my intake to the prescriber" }).click();
  await expect(page.getByTestId("next-steps")).toContainText("with the prescriber");
  await expect(page.getByTestId("checklist")).toHaveCount(0);
  await context.close();

  // The therapist sees the flag on the caseload and the intake, read-only, with flagged answers.
  const therapist = await browser.newPage();
  await signIn(therapist, practice.staff("therapist"));
  const row = therapist.getByRole("row").filter({ hasText: `Robin ${LAST}` });
  await expect(row.getByTestId("safety-flag")).toBeVisible();
  await therapist.goto(`${clientPath}/intake`);
  await expect(therapist.getByTestId("intake-summary")).toContainText(
    "Lift a depression that has lasted years.",
  );
  await expect(therapist.getByTestId("flag-medication-benzodiazepine")).toContainText("Xanax");
  await expect(therapist.getByTestId("flag-medication-benzodiazepine")).toContainText("may blunt");
  await expect(therapist.getByTestId("flag-high-blood-pressure-history")).toBeVisible();
  await expect(therapist.getByTestId("flag-phq9-item9")).toBeVisible();
  await expect(therapist.locator("[data-flagged]")).toHaveCount(2);
  await expect(therapist.getByTestId("safety-flags")).toContainText("PHQ-9 item 9");
  await expect(therapist.getByRole("textbox", { name: /Mobile phone/ })).toHaveCount(0);
  await therapist.close();

  const prescriber = await browser.newPage();
  await signIn(prescriber, practice.staff("prescriber"), practice.password);
  await expect(prescriber.getByTestId("screening-queue")).toContainText(`Robin ${LAST}`);
  await prescriber.close();
});
