import type { Page } from "@playwright/test";
import { generate } from "otplib";
import { expect, test } from "../fixtures";
import { formReady, outboxBody, signIn, signOut } from "../helpers";

/**
 * docs/security.md S5 in the browser: a newly invited therapist turns on two-step sign-in
 * by reading the key off the page (the code is computed here, as an authenticator
 * app would), signs out, and signs in again with password and code.
 */

const PASSWORD = "a steady harbour light";
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `tests/screenshots/two-step-${name}.png`, fullPage: true });
/** The code an app shows half a minute from now: one step of drift is accepted, and it is unused. */
const nextCode = (secret: string) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });

test("a new therapist turns on two-step sign-in and signs in with password and code", async ({
  browser,
  practice,
}) => {
  test.setTimeout(120_000);
  const admin = await browser.newPage();
  await signIn(admin, practice.staff("admin"));
  await admin.goto("/admin/invitations/new");
  await formReady(admin);
  const email = practice.address("two.step");
  await admin.getByLabel("Full name").fill("Sasha Okafor");
  await admin.getByLabel("E-mail").fill(email);
  await admin.getByLabel("Credentials").fill("LMFT");
  await admin.getByRole("button", { name: "Send invitation" }).click();
  await expect(admin).toHaveURL(/\/admin\/invitations$/);
  const link = (await outboxBody(admin, email)).match(/https?:\/\/\S+\/invite\/\S+/)?.[0];
  expect(link).toBeTruthy();
  await admin.close();

  const page = await browser.newPage();
  await page.goto(link ?? "");
  await page.getByLabel("New password").fill(PASSWORD);
  await page.getByLabel("Confirm password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create my account" }).click();
  await expect(page).toHaveURL(/\/caseload$/);

  // The account menu leads to the security page.
  await page.getByTestId("signed-in-name").click();
  await page.getByRole("menuitem", { name: "Account security" }).click();
  await expect(page).toHaveURL(/\/account\/security$/);
  await expect(page.getByTestId("mfa-status")).toHaveText("Off");
  await page.getByRole("button", { name: "Set up two-step sign-in" }).click();
  const secretText = page.getByTestId("mfa-secret");
  await expect(secretText).toBeVisible();
  const secret = ((await secretText.textContent()) ?? "").replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await expect(page.getByRole("img", { name: /QR code/ })).toBeVisible();
  await shot(page, "setup");

  // A wrong code does not turn it on; the password is asked again.
  await formReady(page);
  await page.getByLabel("Your password").fill(PASSWORD);
  const codeField = page.getByLabel("Code from your authenticator app");
  await codeField.fill("000000");
  await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  await expect(page.getByTestId("error-mfa-code-enable")).toContainText("not right");
  await page.getByLabel("Your password").fill(PASSWORD);
  await codeField.fill(await generate({ secret }));
  await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  // The recovery codes are shown once.
  await expect(page.getByTestId("recovery-code")).toHaveCount(10);
  await page.getByRole("button", { name: "I have saved my recovery codes" }).click();
  await expect(page.getByTestId("mfa-status")).toHaveText("On");
  await expect(page.getByTestId("recovery-codes-left")).toContainText("10 recovery codes left");
  await shot(page, "on");
  await signOut(page);

  // The password alone now asks for the code, keeping what was typed.
  await formReady(page);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("sign-in-code-prompt")).toBeVisible();
  await expect(page.getByLabel("E-mail")).toHaveValue(email);
  await expect(page.getByLabel("Password")).toHaveValue(PASSWORD);
  await shot(page, "sign-in-code");

  // A wrong code: an error, and everything typed is still there.
  const signInCode = page.getByLabel("Code from your authenticator app");
  const right = await nextCode(secret);
  const wrong = right === "123456" ? "654321" : "123456";
  await signInCode.fill(wrong);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("sign-in-error")).toContainText("code is not right");
  await expect(page.getByLabel("E-mail")).toHaveValue(email);
  await expect(page.getByLabel("Password")).toHaveValue(PASSWORD);
  await expect(signInCode).toHaveValue(wrong);
  await shot(page, "sign-in-wrong-code");

  await signInCode.fill(right);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/caseload$/);
  await expect(page.getByTestId("signed-in-name")).toHaveText("Sasha Okafor");

  // The admin sees that two-step sign-in is on.
  const again = await browser.newPage();
  await signIn(again, practice.staff("admin"));
  await again.goto("/admin/users?role=THERAPIST");
  const row = again.getByRole("row").filter({ hasText: email });
  await expect(row.getByRole("button", { name: "Reset two-step sign-in" })).toBeVisible();
  await again.close();
  await page.close();
});
