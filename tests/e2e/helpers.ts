import { readFileSync } from "node:fs";
import { expect, type Page } from "@playwright/test";

type DemoAccounts = {
  password: string;
  staff: { key: string; email: string }[];
  clientSignIn: { email: string };
};
const demo = JSON.parse(readFileSync("prisma/demo-accounts.json", "utf8")) as DemoAccounts;

export const DEMO_PASSWORD = demo.password;
export const staffEmail = (key: string) => {
  const s = demo.staff.find((x) => x.key === key);
  if (!s) throw new Error(`no demo staff ${key}`);
  return s.email;
};
export const CLIENT_EMAIL = demo.clientSignIn.email;

/** Waits until the page's form is interactive (it marks itself data-ready). */
export const formReady = (page: Page) => expect(page.locator("main form[data-ready]").first()).toBeVisible();

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/signin");
  await formReady(page);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-name")).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByTestId("signed-in-name").click();
  await page.getByRole("menuitem", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/signin/);
}
