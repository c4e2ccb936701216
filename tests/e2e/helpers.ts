import { expect, type Page } from "@playwright/test";
import demo from "../../prisma/demo-accounts.json";

export const DEMO_PASSWORD = demo.password;
export const staffEmail = (key: string) => {
  const s = demo.staff.find((x) => x.key === key);
  if (!s) throw new Error(`no demo staff ${key}`);
  return s.email;
};
export const CLIENT_EMAIL = demo.clientSignIn.email;

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/signin");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-name")).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/signin/);
}
