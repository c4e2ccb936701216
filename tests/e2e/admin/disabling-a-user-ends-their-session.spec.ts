import { expect, test } from "../fixtures";
import { signIn } from "../helpers";

test("disabling a user ends their session at once", async ({ browser, practice }) => {
  const victimEmail = practice.staff("therapist2");
  const victim = await browser.newPage();
  await signIn(victim, victimEmail);
  expect((await victim.request.get("/api/clients")).status()).toBe(200);

  const admin = await browser.newPage();
  await signIn(admin, practice.staff("admin"));
  await admin.goto("/admin/users?role=THERAPIST");
  admin.on("dialog", (d) => d.accept());
  const row = admin.getByRole("row").filter({ hasText: victimEmail });
  await row.getByRole("button", { name: "Disable" }).click();
  await expect(row.getByText("Disabled")).toBeVisible();

  expect((await victim.request.get("/api/clients")).status()).toBe(401);
  await victim.goto("/caseload");
  await expect(victim).toHaveURL(/\/signin/);

  await row.getByRole("button", { name: "Enable" }).click();
  await expect(row.getByText("Active")).toBeVisible();
  await signIn(victim, victimEmail, practice.password);
  await admin.close();
  await victim.close();
});
