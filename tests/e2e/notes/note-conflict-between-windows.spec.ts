import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures";
import { openPrivateNote, signIn } from "../helpers";

const RUN = Date.now().toString(36);
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `tests/screenshots/autosave-${name}.png`, fullPage: true });

test("two windows editing one note: the second sees a conflict and chooses, nothing is overwritten silently", async ({
  browser,
  practice,
}) => {
  const context = await browser.newContext();
  const first = await context.newPage();
  await signIn(first, practice.staff("therapist"));
  await first.goto("/clients");
  await first.getByRole("link", { name: "Quinn Harper" }).click();
  await first.getByTestId("series-card").getByRole("link", { name: "Individual series" }).click();
  await first
    .getByTestId("series-sessions")
    .locator("li")
    .filter({ hasText: "Integration after dose 1" })
    .getByRole("link", { name: "Notes" })
    .click();
  await first.getByRole("button", { name: "Start the note" }).click();
  await expect(first.getByTestId("note-editor")).toHaveAttribute("data-ready", "true");
  const url = first.url();

  const second = await context.newPage();
  await second.goto(url);
  await expect(second.getByTestId("note-editor")).toHaveAttribute("data-ready", "true");

  await first.getByLabel("What surfaced").fill("Written in the first window.");
  await first.getByLabel("Insights").click();
  await expect(first.getByTestId("note-status")).toContainText("Saved at");

  await second.getByLabel("What surfaced").fill("Written in the second window.");
  await second.getByLabel("Insights").click();
  const conflict = second.getByTestId("note-conflict");
  await expect(conflict).toContainText("Written in the first window.");
  await expect(conflict).toContainText("Written in the second window.");
  await conflict.getByRole("button", { name: "Keep mine" }).click();
  await expect(second.getByTestId("note-status")).toContainText("Saved at");
  await first.reload();
  await expect(first.getByLabel("What surfaced")).toHaveValue("Written in the second window.");
  await context.close();
});

test("a note in two windows: the saved version can be taken instead of one's own", async ({
  browser,
  practice,
}) => {
  test.setTimeout(120_000);
  const context = await browser.newContext();
  const first = await context.newPage();
  await signIn(first, practice.staff("therapist"));
  const one = await openPrivateNote(first);
  const second = await context.newPage();
  await second.goto(first.url());
  const two = {
    card: second.getByTestId("private-note-Emma Sullivan"),
    box: second.getByTestId("private-note-Emma Sullivan").getByRole("textbox").first(),
  };
  await expect(two.card.getByTestId("note-editor")).toHaveAttribute("data-ready", "true");

  await one.box.fill(`From the first window (${RUN})`);
  await expect(one.card.getByTestId("note-status")).toContainText("Saved at");
  await two.box.fill(`From the second window (${RUN})`);
  const conflict = two.card.getByTestId("note-conflict");
  await expect(conflict.getByTestId("note-conflict-theirs")).toContainText("From the first window");
  await expect(conflict.getByTestId("note-conflict-mine")).toContainText("From the second window");
  await shot(second, "note-conflict");
  await conflict.getByRole("button", { name: "Use the saved version" }).click();
  await expect(two.box).toHaveValue(`From the first window (${RUN})`);
  await two.box.fill(`From the first window, and more (${RUN})`);
  await expect(two.card.getByTestId("note-status")).toContainText("Saved at");
  await expect(conflict).toHaveCount(0);
  await context.close();
});
