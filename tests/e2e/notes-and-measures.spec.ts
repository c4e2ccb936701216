import { expect, test } from "@playwright/test";
import { formReady, signIn, staffEmail } from "./helpers";

test("a therapist writes an integration note, signs it and adds an addendum", async ({ browser }) => {
  const page = await browser.newPage();
  await signIn(page, staffEmail("therapist"));
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

test("a client completes a due PHQ-9 and the therapist sees the trend", async ({ browser }) => {
  const client = await browser.newPage({ viewport: { width: 375, height: 812 } });
  await signIn(client, "quinn@cedargrove.example");
  const due = client.getByTestId("measures-due");
  await expect(due).toContainText("Patient Health Questionnaire-9");
  await due.getByRole("link", { name: "Start PHQ-9" }).click();
  await formReady(client);
  const groups = client.getByRole("group");
  for (let i = 0; i < 9; i++)
    await groups
      .nth(i)
      .getByLabel(i < 3 ? "Several days" : "Not at all")
      .check();
  await client.getByRole("button", { name: "Submit answers" }).click();
  await expect(client.getByTestId("measure-done")).toBeVisible();
  await client.goto("/portal");
  await expect(client.getByTestId("measures-due")).not.toContainText("Patient Health Questionnaire-9");
  await client.close();

  const therapist = await browser.newPage();
  await signIn(therapist, staffEmail("therapist"));
  await therapist.goto("/clients");
  await therapist.getByRole("link", { name: "Quinn Harper" }).click();
  await therapist.getByRole("link", { name: "Measures & trends" }).click();
  const trend = therapist.getByTestId("trend-PHQ9");
  await expect(trend).toContainText("Baseline 18 → latest 3");
  await expect(trend).toContainText("Response");
  await expect(trend).toContainText("Remission");
  await expect(trend.getByRole("img")).toBeVisible();
  await therapist.close();
});

test("two windows editing one note: the second sees a conflict and chooses, nothing is overwritten silently", async ({
  browser,
}) => {
  const context = await browser.newContext();
  const first = await context.newPage();
  await signIn(first, staffEmail("therapist"));
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
