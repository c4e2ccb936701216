import { expect, test } from "../fixtures";
import { formReady, signIn } from "../helpers";

test("a therapist plans a couples series, sees it on the calendar, reschedules, and is refused a dose for a partner who is not eligible", async ({
  browser,
  practice,
}) => {
  test.setTimeout(150_000);
  const page = await browser.newPage();
  await signIn(page, practice.staff("therapist"));
  await page.goto("/series/new");
  await formReady(page);

  // Morgan is eligible; Alex is still doing their intake.
  await page.getByRole("combobox", { name: "Client", exact: true }).selectOption({ label: "Morgan Ellis" });
  await page.getByLabel("Partner (for couples KAP)").selectOption({ label: "Alex Rivera" });
  const start = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel("Start from").fill(start);
  await page.getByLabel("Weekday").selectOption("Thursday");
  await page.getByLabel(/^Time/).fill("11:00");
  await page.getByLabel("Location").fill("Room 3");
  await page.getByRole("button", { name: "Show the plan" }).click();
  const plan = page.getByTestId("plan-review");
  await expect(plan).toContainText("The plan: 16 sessions");
  await expect(plan).toContainText("Dose 6");
  await expect(plan).toContainText("Prescriber follow-up");
  await page.getByRole("button", { name: /Create the series/ }).click();
  await expect(page.getByTestId("series-created")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("heading", { name: /Morgan Ellis & Alex Rivera/ })).toBeVisible();

  // The first dose explains why it cannot be confirmed, naming the partner.
  const dose1 = page.getByTestId("series-sessions").locator("li").filter({ hasText: "Dose 1" }).first();
  await expect(dose1.getByTestId("gate-blocks")).toContainText("Alex is not yet eligible");
  await dose1.getByRole("button", { name: "Confirm" }).click();
  await expect(dose1.getByTestId("action-error")).toContainText("Alex");
  await expect(dose1).toContainText("scheduled");

  // The calendar shows the series; reschedule the first preparation from there.
  await page.getByRole("link", { name: "Calendar" }).click();
  await expect(page.getByTestId("calendar")).toBeVisible();
  await page.getByRole("button", { name: "List" }).click();
  const ours = page.getByTestId("calendar-session").filter({ hasText: "Morgan Ellis & Alex Rivera" });
  for (let i = 0; i < 4 && (await ours.count()) === 0; i++) {
    await page.getByRole("button", { name: "Next", exact: true }).click();
    await expect(page.getByTestId("calendar")).not.toContainText("Loading…");
  }
  const prep = page.getByTestId("calendar-session").filter({ hasText: "Morgan Ellis & Alex Rivera" }).first();
  await expect(prep).toContainText("Preparation");
  await prep.click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("11:00 AM");
  await dialog.getByRole("button", { name: "Reschedule" }).click();
  await dialog.getByLabel("Time").fill("15:30");
  await dialog.getByRole("button", { name: "Move session" }).click();
  await expect(dialog).toContainText("3:30 PM");
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(
    page.getByTestId("calendar-session").filter({ hasText: "Morgan Ellis & Alex Rivera" }).first(),
  ).toBeVisible();
  await page.close();

  // Morgan sees the sessions and can download one as a calendar file.
  const client = await browser.newPage({ viewport: { width: 375, height: 812 } });
  await signIn(client, practice.account("Morgan"));
  await client.goto("/portal/schedule");
  await expect(client.getByTestId("client-schedule")).toContainText("Preparation");
  await expect(client.getByTestId("dosing-prep").first()).toContainText("Do not drive until the next day");
  const href = await client
    .getByRole("link", { name: "Add to my calendar (.ics)" })
    .first()
    .getAttribute("href");
  const ics = await client.request.get(href ?? "");
  expect(ics.headers()["content-type"]).toContain("text/calendar");
  expect(await ics.text()).toContain("BEGIN:VEVENT");
  await client.close();
});
