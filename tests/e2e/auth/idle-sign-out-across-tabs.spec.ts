import { expect, test } from "../fixtures";
import { signIn } from "../helpers";

type Watched = { heardActivity?: boolean; signingOut?: boolean };

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
  // What the calendar tab hears from the other tabs, and whether its idle sign-out starts
  // (it announces itself at once when its timer runs out, before signing out: components/layout).
  await calendar.evaluate(() => {
    const w = window as unknown as Watched;
    w.heardActivity = false;
    w.signingOut = false;
    const tabs = new BroadcastChannel("kapstone-activity");
    tabs.addEventListener("message", () => {
      w.heardActivity = true;
    });
    window.addEventListener("kapstone:signing-out", () => {
      w.signingOut = true;
    });
  });

  // Ten quiet minutes on the calendar tab, then the therapist works in the other tab.
  await calendar.clock.fastForward("10:00");
  await caseload.keyboard.press("Tab");
  await expect.poll(() => calendar.evaluate(() => (window as unknown as Watched).heardActivity)).toBe(true);
  // Twenty minutes since the calendar tab's own last activity, but only ten since any tab's:
  // the timers due by now have run, and the sign-out did not start.
  await calendar.clock.fastForward("10:00");
  expect(await calendar.evaluate(() => (window as unknown as Watched).signingOut)).toBe(false);
  expect(calendar.url()).not.toMatch(/reason=idle/);
  // Past the limit since the last activity anywhere: signed out.
  await calendar.clock.fastForward("06:00");
  await expect(calendar).toHaveURL(/\/signin\?reason=idle/);
  await context.close();
});
