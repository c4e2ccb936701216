import type { Page } from "@playwright/test";
import { generate } from "otplib";
import { expect, test } from "../fixtures";
import { formReady, signIn, signOut } from "../helpers";

/**
 * docs/security.md S5 in the browser: an admin who uses two-step sign-in requires it for all
 * staff; a therapist without it signs in, is taken to set it up and can open nothing else,
 * sets it up (the code computed here, as an authenticator app would), sees the recovery codes
 * once, signs out, and signs in again with a recovery code.
 */

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `tests/screenshots/require-two-step-${name}.png`, fullPage: true });

/** Sets up two-step sign-in from a page showing its first step; answers the recovery codes shown. */
async function setUpTwoStep(page: Page, password: string): Promise<string[]> {
  await page.getByRole("button", { name: "Set up two-step sign-in" }).click();
  const secretText = page.getByTestId("mfa-secret");
  await expect(secretText).toBeVisible();
  const secret = ((await secretText.textContent()) ?? "").replace(/\s/g, "");
  await formReady(page);
  await page.getByLabel("Your password").fill(password);
  await page.getByLabel("Code from your authenticator app").fill(await generate({ secret }));
  await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  await expect(page.getByTestId("recovery-code")).toHaveCount(10);
  return (await page.getByTestId("recovery-code").allTextContents()).map((c) => c.trim());
}

test("an admin requires two-step sign-in; a therapist without it sets it up first, then signs in with a recovery code", async ({
  browser,
  practice,
}) => {
  test.setTimeout(150_000);

  // The admin sets up their own first: the requirement would otherwise lock them out.
  const admin = await browser.newPage();
  await signIn(admin, practice.staff("admin"));
  await admin.goto("/admin/settings");
  await expect(admin.getByTestId("require-two-step-own-first")).toBeVisible();
  await expect(admin.getByLabel("Require two-step sign-in for all staff")).toBeDisabled();
  await admin.goto("/account/security");
  await setUpTwoStep(admin, practice.password);
  await admin.getByRole("button", { name: "I have saved my recovery codes" }).click();
  await expect(admin.getByTestId("mfa-status")).toHaveText("On");

  await admin.goto("/admin/settings");
  await formReady(admin);
  await admin.getByLabel("Require two-step sign-in for all staff").check();
  await admin.getByRole("button", { name: "Save sign-in rule" }).click();
  await expect(admin.getByTestId("require-two-step-saved")).toContainText("now required");
  await shot(admin, "settings");
  await admin.close();

  // The therapist's password opens only the set-up.
  const page = await browser.newPage();
  const email = practice.staff("therapist");
  await page.goto("/signin");
  await formReady(page);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(practice.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/two-step-setup$/);
  await expect(page.getByTestId("two-step-required")).toBeVisible();
  await page.goto("/caseload");
  await expect(page).toHaveURL(/\/two-step-setup$/);
  const api = await page.request.get("/api/dosing/live");
  expect(api.status()).toBe(403);
  expect((await api.json()).error.message).toContain("Set up two-step sign-in first");
  await shot(page, "set-up");

  const codes = await setUpTwoStep(page, practice.password);
  for (const code of codes) expect(code).toMatch(/^[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{2}$/);
  await shot(page, "recovery-codes");
  await page.getByRole("button", { name: "I have saved my recovery codes" }).click();
  await expect(page).toHaveURL(/\/caseload$/);
  await expect(page.getByTestId("signed-in-name")).toBeVisible();
  expect((await page.request.get("/api/dosing/live")).status()).toBe(200);

  // Shown once: the account page says how many are left, never the codes.
  await page.goto("/account/security");
  await expect(page.getByTestId("recovery-codes-left")).toContainText("10 recovery codes left");
  await expect(page.getByTestId("recovery-code")).toHaveCount(0);
  await signOut(page);

  // No phone at hand: a recovery code instead of the code, once.
  await formReady(page);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(practice.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("sign-in-code-prompt")).toBeVisible();
  await page.getByRole("button", { name: "Use a recovery code instead" }).click();
  await page.getByLabel("Recovery code").fill(codes[0] ?? "");
  await shot(page, "sign-in-recovery-code");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/caseload$/);
  await page.goto("/account/security");
  await expect(page.getByTestId("recovery-codes-left")).toContainText("9 recovery codes left");
  await page.close();
});
