import { expect, test } from "../fixtures";
import { signIn, signOut } from "../helpers";

test("after sign-out, replaying the old session cookie is refused", async ({ browser, practice }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, practice.staff("therapist2"));
  const cookies = await context.cookies();
  expect((await page.request.get("/api/clients")).status()).toBe(200);
  await signOut(page);
  await context.addCookies(cookies);
  expect((await page.request.get("/api/clients")).status()).toBe(401);
  await context.close();
});
