import type { Page, Request } from "@playwright/test";
import { expect, test } from "../fixtures";
import { signIn } from "../helpers";

/**
 * docs/security.md R4 against the production server: a server action's request with a body
 * nested thousands deep, or larger than the limit, is refused with 400 or 413, never a 500;
 * one nested just past what any form sends reaches the action and gets a field error.
 */

/** The headers of the browser's own call of the invitation form's action (the call itself is held back). */
async function actionHeaders(page: Page): Promise<Record<string, string>> {
  await page.goto("/admin/invitations/new");
  let captured: Request | null = null;
  await page.route("**/admin/invitations/new", async (route) => {
    if (route.request().method() === "POST" && route.request().headers()["next-action"]) {
      captured = route.request();
      await route.abort();
    } else await route.continue();
  });
  await page.getByLabel("Full name").fill("Rowan Ellery");
  await page.getByLabel("E-mail").fill("rowan@example.test");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect.poll(() => captured !== null).toBe(true);
  const headers = (captured as unknown as Request).headers();
  const keep = ["next-action", "next-router-state-tree", "accept", "content-type"];
  return Object.fromEntries(Object.entries(headers).filter(([k]) => keep.includes(k)));
}

const nested = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`;

test("server actions refuse bodies too deep or too large, never with a 500", async ({ page, practice }) => {
  await signIn(page, practice.staff("admin"));
  const headers = await actionHeaders(page);
  const post = (data: string) =>
    page.request.post("/admin/invitations/new", {
      headers: { ...headers, "content-type": "text/plain;charset=UTF-8" },
      data,
      maxRedirects: 0,
    });

  // 100,000 deep: refused before React decodes it (its decoder recurses).
  const deep = await post(`[${nested(100_000)}]`);
  expect(deep.status()).toBe(400);

  // Over the limit of next.config.ts: 413, not Next's own 500.
  const large = await post(JSON.stringify([{ name: "x".repeat(1_100_000) }]));
  expect(large.status()).toBe(413);

  // 40 deep decodes fine and reaches the action, which answers a field error.
  const past = await post(
    JSON.stringify([{ name: "Rowan", email: "r@example.test", extra: JSON.parse(nested(40)) }]),
  );
  expect(past.status()).toBe(200);
  expect(await past.text()).toContain("This request is nested too deeply.");
});
