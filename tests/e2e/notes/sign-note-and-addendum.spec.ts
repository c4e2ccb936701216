import { expect, test } from "../fixtures";
import { signIn } from "../helpers";

test("a therapist writes an integration note, signs it and adds an addendum", async ({
  browser,
  practice,
}) => {
  const page = await browser.newPage();
  await signIn(page, practice.staff("therapist"));
  await expect(page.getByTestId("glance")).toContainText("Notes to sign");
  await page.goto("/clients");
  await page.getByRole("link", { name: "Quinn Harper" }).click();
  await page.getByTestId("series-card").getByRole("link", { name: "Individual series" }).click();
  const integration = page
    .getByTestId("series-sessions")
    .locator("li")
    .filter({ hasText: "Integration after dose 2" });
  await integration.getByRole("link", { name: "Notes" }).click();
  await page.getByRole("button", { name: "Start the note" }).click();
  const editor = page.getByTestId("note-editor");
  await expect(editor).toHaveAttribute("data-ready", "true");
  await editor.getByLabel("What surfaced").fill("Memories of the studio; grief about the years lost.");
  await editor
    .getByLabel("Insights")
    .fill("Creativity is still there; the depression is not the whole self.");
  await editor
    .getByLabel("Plan and practices until the next session")
    .fill("Sketch 10 minutes a day; journal after.");
  await expect(page.getByTestId("note-status")).toContainText("Saved at");
  // The couples-only prompt is not shown in an individual series.
  await expect(editor.getByLabel("How the cycle showed up")).toHaveCount(0);
  page.on("dialog", (d) => d.accept());
  await editor.getByRole("button", { name: "Sign the note" }).click();
  const signed = page.getByTestId("signed-note");
  await expect(signed).toContainText("Creativity is still there");
  await expect(page.getByTestId("note-editor")).toHaveCount(0);
  await signed.getByLabel("Add an addendum").fill("Client called next day: slept well, mood steady.");
  await signed.getByRole("button", { name: "Add addendum" }).click();
  await expect(page.getByTestId("note-addenda")).toContainText("slept well");
  await page.close();
});
