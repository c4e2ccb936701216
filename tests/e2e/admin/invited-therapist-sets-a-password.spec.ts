import { expect, test } from "../fixtures";
import { outboxBody, signIn } from "../helpers";

test("an admin invites a therapist, who sets a password and lands on the caseload", async ({
  browser,
  practice,
}) => {
  const admin = await browser.newPage();
  await signIn(admin, practice.staff("admin"));
  await admin.goto("/admin/invitations/new");
  await admin.getByRole("button", { name: "Send invitation" }).click();
  await expect(admin.getByTestId("error-name")).toBeVisible();
  const email = practice.address("new.therapist");
  await admin.getByLabel("Full name").fill("Rowan Ellery");
  await admin.getByLabel("E-mail").fill(email);
  await admin.getByLabel("Credentials").fill("LPC");
  await admin.getByRole("button", { name: "Send invitation" }).click();
  await expect(admin).toHaveURL(/\/admin\/invitations$/);
  await expect(admin.getByText(email)).toBeVisible();

  const body = await outboxBody(admin, email);
  const link = body.match(/https?:\/\/\S+\/invite\/\S+/)?.[0];
  expect(link).toBeTruthy();
  await admin.close();

  const page = await browser.newPage();
  await page.goto(link ?? "");
  await page.getByLabel("New password").fill("password");
  await page.getByLabel("Confirm password").fill("password");
  await page.getByRole("button", { name: "Create my account" }).click();
  await expect(page.getByTestId("error-password")).toContainText("too common");
  await page.getByLabel("New password").fill("a quiet river bend");
  await page.getByLabel("Confirm password").fill("a quiet river bend");
  await page.getByRole("button", { name: "Create my account" }).click();
  await expect(page).toHaveURL(/\/caseload$/);
  await expect(page.getByText("No clients on your care team yet")).toBeVisible();

  // The link works once.
  const again = await browser.newPage();
  await again.goto(link ?? "");
  await expect(again.getByTestId("invitation-unavailable")).toBeVisible();
  await again.close();
  await page.close();
});
