import { expect, test } from "../fixtures";
import { formReady, signIn } from "../helpers";

test("a client completes a due PHQ-9 and the therapist sees the trend", async ({ browser, practice }) => {
  const client = await browser.newPage({ viewport: { width: 375, height: 812 } });
  await signIn(client, practice.account("Quinn"));
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
  await signIn(therapist, practice.staff("therapist"));
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
