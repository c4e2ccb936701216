import { expect, test } from "../fixtures";
import { signIn } from "../helpers";

test("activity in one tab keeps the other tabs signed in; idle everywhere signs out", async ({
  browser,
  practice,
}) => {
  const context = await browser.newContext();
  await context.clock.install();
  const calendar = await context.newPage();
  await signIn(calendar, practice.staff("therapist"));
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
