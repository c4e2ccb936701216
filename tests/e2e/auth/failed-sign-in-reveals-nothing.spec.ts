import { expect, test } from "../fixtures";

test("a wrong password and an unknown e-mail get the same message", async ({ page, practice }) => {
  const unknown = practice.address("nobody");
  await page.goto("/signin");
  await page.getByLabel("E-mail").fill(practice.staff("therapist"));
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  const known = await page.getByTestId("sign-in-error").textContent();
  await page.getByLabel("E-mail").fill(unknown);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("sign-in-error")).toHaveText(known ?? "");
  await expect(page.getByLabel("E-mail")).toHaveValue(unknown);
});
