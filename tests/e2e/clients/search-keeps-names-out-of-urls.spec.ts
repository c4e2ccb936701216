import { expect, test } from "../fixtures";
import { signIn, signOut } from "../helpers";

test("searching clients keeps names out of the URL", async ({ page, practice }) => {
  await signIn(page, practice.staff("therapist"));
  await page.goto("/clients");
  await page.getByRole("searchbox", { name: "Search" }).fill("Harper");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByTestId("client-list")).toContainText("Quinn Harper");
  await expect(page.getByTestId("client-list").getByRole("row")).toHaveCount(2); // header + Quinn
  expect(page.url()).not.toMatch(/harper/i);
  // The search stays while paging and filtering, until cleared.
  await page.reload();
  await expect(page.getByRole("searchbox", { name: "Search" })).toHaveValue("Harper");
  await page.getByRole("button", { name: "Clear" }).click();
  await expect(page.getByRole("searchbox", { name: "Search" })).toHaveValue("");
  expect(await page.getByTestId("client-list").getByRole("row").count()).toBeGreaterThan(2);

  // A search belongs to the sign-in that typed it: the next person at this computer does not see it.
  await page.getByRole("searchbox", { name: "Search" }).fill("Harper");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByTestId("client-list").getByRole("row")).toHaveCount(2);
  await signOut(page);
  await signIn(page, practice.staff("therapist"));
  await page.goto("/clients");
  await expect(page.getByRole("searchbox", { name: "Search" })).toHaveValue("");
  expect(await page.getByTestId("client-list").getByRole("row").count()).toBeGreaterThan(2);

  const byUrl = await page.request.get("/api/clients?q=Harper");
  expect(byUrl.status()).toBe(400);
  const found = await page.request.post("/api/clients/search", { data: { q: "harper" } });
  expect(found.status()).toBe(200);
  const body = (await found.json()) as { items: { legalLastName: string }[] };
  expect(body.items.map((c) => c.legalLastName)).toEqual(["Harper"]);
  const bad = await page.request.post("/api/clients/search", { data: { q: 42, page: "x" } });
  expect(bad.status()).toBe(400);
});
