import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures";
import { DEMO_PASSWORD, formReady, outboxBody, signIn, signOut } from "../helpers";

/**
 * docs/security.md S9 and S13 in the browser: a client who forgot their password
 * asks for a link, sets a new password from it (which signs every device out) and
 * signs in; a client changes their password on the portal's account page, on a
 * phone, and their other device is signed out while this one stays.
 */

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `tests/screenshots/passwords-${name}.png`, fullPage: true });

test("a client who forgot their password resets it by e-mail and signs in with the new one", async ({
  browser,
  practice,
}) => {
  test.setTimeout(120_000);
  const email = practice.client;
  const NEW = "maple leaves on the porch";
  // A device still signed in with the old password.
  const tablet = await browser.newPage();
  await signIn(tablet, email);

  const page = await browser.newPage();
  await page.goto("/signin");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page).toHaveURL(/\/reset-password$/);
  await formReady(page);
  await page.locator("#email").fill(email);
  await page.getByRole("button", { name: "Send me a link" }).click();
  await expect(page.getByTestId("reset-request-sent")).toContainText("If an account uses that address");
  await shot(page, "reset-requested");

  // The link, from the development outbox (a reset link shows to the practice's admins only).
  const admin = await browser.newPage();
  await signIn(admin, practice.staff("admin"));
  const link = (await outboxBody(admin, email, "/reset-password/")).match(
    /https?:\/\/\S+\/reset-password\/\S+/,
  )?.[0];
  expect(link).toBeTruthy();
  await admin.close();

  const response = await page.goto(link ?? "");
  expect(response?.headers()["cache-control"]).toContain("no-store");
  expect(response?.headers()["referrer-policy"]).toBe("no-referrer");
  await formReady(page);
  // A common password is refused on its field, and what was typed stays.
  await page.locator("#password").fill("password1");
  await page.locator("#confirmPassword").fill("password1");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByTestId("error-password")).toContainText("too common");
  await expect(page.locator("#password")).toHaveValue("password1");
  await shot(page, "reset-too-common");
  await page.locator("#password").fill(NEW);
  await page.locator("#confirmPassword").fill(NEW);
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page).toHaveURL(/\/signin\?reason=password-reset$/);
  await expect(page.getByText("Your password is changed")).toBeVisible();

  // Every device was signed out.
  await tablet.goto("/portal");
  await expect(tablet).toHaveURL(/\/signin/);
  await tablet.close();

  await signIn(page, email, NEW);
  await expect(page).toHaveURL(/\/portal$/);

  // The link works once, and says so.
  const again = await browser.newPage();
  await again.goto(link ?? "");
  await expect(again.getByTestId("reset-link-unavailable")).toContainText("used already");
  await expect(again.getByRole("link", { name: "Ask for a new link" })).toBeVisible();
  await again.close();
  await page.close();
});

test("a client changes their password on a phone; their other device is signed out, this one stays", async ({
  browser,
  practice,
}) => {
  test.setTimeout(120_000);
  const email = practice.client;
  const NEW = "a lighthouse in the fog";
  const laptop = await browser.newPage();
  await signIn(laptop, email);

  const phone = await browser.newPage({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  await signIn(phone, email);
  await phone.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Account" }).click();
  await expect(phone).toHaveURL(/\/portal\/account$/);
  await formReady(phone);

  // A wrong current password: refused on its field, nothing typed is lost.
  await phone.locator("#currentPassword").fill("not my password");
  await phone.locator("#password").fill(NEW);
  await phone.locator("#confirmPassword").fill(NEW);
  await phone.getByRole("button", { name: "Change password" }).click();
  await expect(phone.getByTestId("error-currentPassword")).toContainText("not your current password");
  await expect(phone.locator("#password")).toHaveValue(NEW);
  await shot(phone, "change-wrong-current");

  await phone.locator("#currentPassword").fill(DEMO_PASSWORD);
  await phone.getByRole("button", { name: "Change password" }).click();
  await expect(phone.getByTestId("change-password-done")).toBeVisible();
  await shot(phone, "change-done");

  // The other device is signed out; this one stays signed in.
  await laptop.goto("/portal");
  await expect(laptop).toHaveURL(/\/signin/);
  await laptop.close();
  await phone.goto("/portal");
  await expect(phone.getByTestId("signed-in-name")).toBeVisible();

  await signOut(phone);
  await signIn(phone, email, NEW);
  await expect(phone).toHaveURL(/\/portal$/);
  await phone.close();
});

test("a therapist changes their password under Account security, next to two-step sign-in", async ({
  browser,
  practice,
}) => {
  const email = practice.staff("therapist");
  const NEW = "the orchard after rain";
  const page = await browser.newPage();
  await signIn(page, email);
  await page.getByTestId("signed-in-name").click();
  await page.getByRole("menuitem", { name: "Account security" }).click();
  await expect(page).toHaveURL(/\/account\/security$/);
  await expect(page.getByRole("heading", { name: "Password" })).toBeVisible();
  await formReady(page);
  await page.locator("#currentPassword").fill(DEMO_PASSWORD);
  // The browser checks the length and the match before anything is sent.
  await page.locator("#password").fill("short");
  await page.locator("#confirmPassword").fill("short");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByTestId("error-password")).toContainText("at least 8 characters");
  // The server refuses the person's own e-mail address.
  await page.locator("#password").fill(email);
  await page.locator("#confirmPassword").fill(email);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByTestId("error-password")).toContainText("e-mail address or name");
  await page.locator("#password").fill(NEW);
  await page.locator("#confirmPassword").fill(NEW);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByTestId("change-password-done")).toBeVisible();
  await signOut(page);
  await signIn(page, email, NEW);
  await expect(page).toHaveURL(/\/caseload$/);
  await page.close();
});
