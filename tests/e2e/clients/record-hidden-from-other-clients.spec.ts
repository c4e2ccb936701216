import { expect, test } from "../fixtures";
import { signIn } from "../helpers";

test("a client opening another client's record gets not-found", async ({ browser, practice }) => {
  const staff = await browser.newPage();
  await signIn(staff, practice.staff("therapist"));
  const href = await staff.getByRole("link", { name: "Quinn Harper" }).getAttribute("href");
  const otherId = href?.split("/").pop();
  expect(otherId).toBeTruthy();
  await staff.close();

  const page = await browser.newPage();
  await signIn(page, practice.client);
  const response = await page.goto(`/clients/${otherId}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByTestId("not-found")).toBeVisible();
  const api = await page.request.get(`/api/clients/${otherId}`);
  expect(api.status()).toBe(404);
  const list = await page.request.get("/api/clients");
  expect(list.status()).toBe(403);
  await page.close();
});
