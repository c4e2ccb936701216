import { expect, test } from "../fixtures";
import { signIn } from "../helpers";

test("therapists and clients cannot reach the screening queue", async ({ browser, practice }) => {
  for (const email of [practice.staff("therapist"), practice.client]) {
    const page = await browser.newPage();
    await signIn(page, email);
    expect((await page.goto("/screenings"))?.status()).toBe(404);
    expect((await page.request.get("/api/screenings/queue")).status()).toBe(403);
    await page.close();
  }
});
