import { expect, test } from "../fixtures";
import { formReady, signIn } from "../helpers";

test("a prescriber works the queue, reviews a flagged intake and decides with an override; the therapist sees it", async ({
  browser,
  practice,
}) => {
  test.setTimeout(120_000);
  const page = await browser.newPage();
  await signIn(page, practice.staff("prescriber"));
  await expect(page).toHaveURL(/\/screenings$/);
  const queue = page.getByTestId("screening-queue");
  await expect(queue).toContainText("Riley Chen");
  await expect(queue).toContainText("Taylor Brooks");

  // Searching by name: the name travels in a POST body, never in a URL.
  await formReady(page);
  const urls: string[] = [];
  page.on("request", (r) => urls.push(r.url()));
  await page.getByLabel("Client", { exact: true }).fill("Riley");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(queue).not.toContainText("Taylor Brooks");
  await expect(queue).toContainText("Riley Chen");
  expect([page.url(), ...urls].filter((u) => /riley/i.test(u))).toEqual([]);
  expect((await page.request.get("/api/screenings/queue?q=Riley")).status()).toBe(400);
  await page.getByLabel("Client", { exact: true }).fill("Nobody Bythisname");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByText("No screening matches")).toBeVisible();
  await page.getByLabel("Client", { exact: true }).fill("");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(queue).toContainText("Taylor Brooks");

  // A second prescriber signs Riley's screening; the open queue drops it without a reload.
  const other = await browser.newPage();
  await signIn(other, practice.staff("prescriber2"));
  await other.getByRole("link", { name: "Review Riley Chen" }).click();
  await expect(other).toHaveURL(/\/screenings\/\w+$/, { timeout: 30_000 });
  // The interacting medicine is named with its class and why it matters (docs/clinical-rules.md §2).
  await expect(other.getByTestId("flag-medication-benzodiazepine")).toContainText("Benzodiazepines");
  await expect(other.getByTestId("flag-medication-benzodiazepine")).toContainText("blunt the response");
  await formReady(other);
  await other.getByLabel("Needs more information or clearance").check();
  await other.getByLabel("What you need").fill("Please tell us how often you take Klonopin in a usual week.");
  await other.getByLabel("Rationale").fill("Benzodiazepine use needs a plan before dosing.");
  other.on("dialog", (d) => d.accept());
  await other.getByRole("button", { name: "Sign decision" }).click();
  await expect(other.getByTestId("screening-history").first()).toContainText("Needs more information");
  await other.close();
  await expect(queue).not.toContainText("Riley Chen", { timeout: 25_000 });

  // Filters: only screenings with absolute flags.
  await page.getByLabel("Show").selectOption("absolute");
  await expect(queue).toContainText("Taylor Brooks");

  await page.getByRole("link", { name: "Review Taylor Brooks" }).click();
  await expect(page).toHaveURL(/\/screenings\/\w+$/, { timeout: 30_000 });
  await expect(page.getByRole("heading", { name: "Taylor Brooks" })).toBeVisible();
  await expect(page.getByTestId("flag-uncontrolled-hypertension")).toContainText("Ran out of my BP medicine");
  await expect(page.getByTestId("flag-high-blood-pressure-history")).toBeVisible();
  await expect(page.getByTestId("intake-summary")).toContainText("Grief after my brother");
  await expect(page.getByTestId("measure-table")).toContainText("PHQ-9");
  // The PCL-5 says what a provisional PTSD rests on, with the DSM-5 clusters (docs/clinical-rules.md §4).
  const clusters = page.getByTestId("pcl5-clusters");
  await expect(clusters).toContainText("Provisional PTSD (cut-off and DSM-5 symptom rule)");
  await expect(clusters).toContainText("D Negative thoughts and mood:");
  await expect(clusters).toContainText("(needs 2) ✓");
  await formReady(page);

  await page.getByLabel("Eligible", { exact: true }).check();
  await page.getByLabel("Rationale").fill("Grief-related depression; BP history reviewed with the client.");
  page.on("dialog", (d) => d.accept());
  await page.getByRole("button", { name: "Sign decision" }).click();
  await expect(page.getByTestId("error-overrideReason")).toBeVisible();
  await expect(page.getByTestId("error-diagnosisCode")).toBeVisible();
  await page
    .getByLabel("Override reason")
    .fill("Restarted amlodipine; BP 128/80 at two visits this week (readings on file).");
  await page.getByRole("combobox", { name: "Working diagnosis (ICD-10)" }).fill("F33.1");
  await page.getByRole("option", { name: /F33\.1/ }).click();
  await page.getByLabel("Conditions").fill("BP check before each dose; follow-up after dose 2");
  await page.getByRole("button", { name: "Sign decision" }).click();
  const decision = page.getByTestId("screening-history").first();
  await expect(decision).toContainText("Eligible");
  await expect(decision).toContainText("Override: Restarted amlodipine");
  await expect(decision).toContainText("F33.1");
  await expect(page.getByTestId("decision-form")).toHaveCount(0);
  await page.close();

  // The therapist's caseload and the client record show the decision.
  const therapist = await browser.newPage();
  await signIn(therapist, practice.staff("therapist2"));
  const row = therapist.getByRole("row").filter({ hasText: "Taylor Brooks" });
  await expect(row).toContainText("Eligible");
  await row.getByRole("link", { name: "Taylor Brooks" }).click();
  await expect(therapist.getByTestId("screening-summary")).toContainText("Eligible");
  await expect(therapist.getByTestId("screening-summary")).toContainText("BP check before each dose");
  await therapist.close();

  // The client sees their status in plain words, not the rationale.
  const client = await browser.newPage();
  await signIn(client, practice.account("Taylor"));
  await expect(client.getByTestId("next-steps")).toContainText("You can begin KAP");
  await expect(client.locator("body")).not.toContainText("amlodipine");
  await client.close();
});
