import type { Page } from "@playwright/test";
import { type DemoPractice, expect, test } from "../fixtures";
import { signIn } from "../helpers";

const TZ = "America/Los_Angeles";
const hhmm = (msAgo: number) =>
  new Intl.DateTimeFormat("en-GB", {
    timeZone: TZ,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date(Date.now() - msAgo));

async function addReading(
  page: Page,
  values: { systolic: string; diastolic: string; hr: string; rr: string; spo2: string },
  minutesAgo: number,
  lateReason?: string,
) {
  const rows = page.getByTestId("vitals-table").locator("tbody tr");
  const before = await rows.count();
  const form = page.getByTestId("vitals-form");
  await form.getByLabel("Systolic").fill(values.systolic);
  await form.getByLabel("Diastolic").fill(values.diastolic);
  await form.getByLabel("HR").fill(values.hr);
  await form.getByLabel("RR").fill(values.rr);
  await form.getByLabel("SpO2").fill(values.spo2);
  await form.getByLabel("Time").fill(hhmm(minutesAgo * 60_000));
  if (lateReason) await form.getByLabel("Reason for the late entry").fill(lateReason);
  await form.getByRole("button", { name: "Add reading" }).click();
  await expect(rows).toHaveCount(before + 1);
}

/**
 * The server keeps honest times (docs/clinical-rules.md §3): a dose is charted from 15 minutes
 * before its session started, and the client leaves 2 hours after the last administration at the
 * earliest. The journey cannot wait 2 hours, so it first moves Quinn's dose 3 (planned two days
 * ahead) to have started almost 3 hours ago, in this journey's own demo practice, as if Quinn had
 * come in early and everything was charted from the paper log. Dose 2 was 8 days ago, so the
 * 2-in-7-days limit still allows it.
 */
async function startDose3Earlier(practice: DemoPractice, minutesAgo: number) {
  const { db } = await import("@/lib/server/core/db");
  const dose = await db().session.findFirstOrThrow({
    where: {
      kind: "DOSING",
      sequence: 3,
      series: {
        practice: { slug: practice.place.slug },
        participants: { some: { client: { legalFirstName: "Quinn", legalLastName: "Harper" } } },
      },
    },
  });
  const startsAt = new Date(Date.now() - minutesAgo * 60_000);
  await db().session.update({
    where: { id: dose.id },
    data: { startsAt, endsAt: new Date(startsAt.getTime() + 180 * 60_000) },
  });
}

test("a messy dosing day: late entries, a booster, a cancel refused after the dose, discharge held by an out-of-range reading; the prescriber watches live and signs", async ({
  browser,
  practice,
}) => {
  test.setTimeout(240_000);
  await startDose3Earlier(practice, 175);
  // The therapist's browser: one sign-in, two tabs.
  const therapist = await browser.newContext();
  const page = await therapist.newPage();
  await signIn(page, practice.staff("therapist"));

  // Quinn's dose 3: confirm it (the gates pass), open it, begin.
  await page.goto("/clients");
  await page.getByRole("link", { name: "Quinn Harper" }).click();
  await page.getByTestId("series-card").getByRole("link", { name: "Individual series" }).click();
  await expect(page.getByTestId("series-sessions")).toBeVisible();
  const seriesUrl = page.url();
  const dose3 = page.getByTestId("series-sessions").locator("li").filter({ hasText: "Dose 3" }).first();
  await expect(dose3.getByTestId("gate-blocks")).toHaveCount(0);
  await dose3.getByRole("button", { name: "Confirm" }).click();
  await dose3.getByRole("link", { name: "Open the dosing session" }).click();
  await page.getByRole("button", { name: "Begin the dosing session" }).click();

  // A second tab keeps the series page open from before the dose (it still offers "Cancel or no-show").
  const stale = await therapist.newPage();
  await stale.goto(seriesUrl);
  const staleDose3 = stale.getByTestId("series-sessions").locator("li").filter({ hasText: "Dose 3" }).first();
  await expect(staleDose3.getByRole("button", { name: "Cancel or no-show" })).toBeVisible();

  // Before the dose: the therapist asks the C-SSRS since last visit and the PHQ-9 (Quinn has not
  // answered them in the portal yet); the dose is held until both are done.
  const pre = page.getByTestId("pre-dose-measures");
  await expect(pre).toContainText("not done yet");
  await pre.getByText("Ask the C-SSRS since last visit now").click();
  const cssrs = page.locator('[data-testid="administer-CSSRS"][data-ready]');
  await expect(cssrs.getByRole("group")).toHaveCount(3);
  for (let i = 0; i < 3; i++) await cssrs.getByRole("group").nth(i).getByLabel("No").check();
  await cssrs.getByRole("button", { name: "Save the C-SSRS since last visit" }).click();
  await expect(page.getByTestId("pre-dose-cssrs")).toContainText("Low risk");
  await pre.getByText("Ask the PHQ-9 now").click();
  const phq9 = page.locator('[data-testid="administer-PHQ9"][data-ready]');
  for (let i = 0; i < 9; i++)
    await phq9
      .getByRole("group")
      .nth(i)
      .getByLabel(i < 2 ? "Several days" : "Not at all")
      .check();
  await phq9.getByRole("button", { name: "Save the PHQ-9" }).click();
  await expect(page.getByTestId("pre-dose-phq9")).toContainText("2, Minimal");

  // Go / no-go.
  const checklist = page.getByTestId("checklist-form");
  for (const [label, value] of [
    ["Systolic", "126"],
    ["Diastolic", "82"],
    ["Heart rate", "74"],
    ["SpO2", "98"],
    ["Hours since food", "6"],
    ["Hours since clear liquids", "3"],
  ] as const) {
    await checklist.getByLabel(label).fill(value);
  }
  for (const substance of ["Alcohol", "Benzodiazepines", "Cannabis", "Opioids", "Stimulants"]) {
    await checklist.getByRole("group", { name: substance }).getByLabel("No").check();
  }
  await checklist.getByRole("group", { name: "Escort home confirmed?" }).getByLabel("Yes").check();
  await checklist.getByRole("button", { name: "Check go / no-go" }).click();
  await expect(page.getByTestId("checklist-result")).toContainText("Go: every item passed");

  // The dose, from the active order, never above it; charted 2½ hours late, it says why.
  const doseForm = page.getByTestId("dose-form");
  await doseForm.getByLabel("Dose given (mg)").fill("400");
  await doseForm.getByLabel("Lot number").fill("KT24-1203");
  await doseForm.getByLabel("Time given").fill(hhmm(160 * 60_000));
  await doseForm.getByRole("button", { name: "Record the dose" }).click();
  await expect(doseForm).toContainText("say why it is charted now");
  await doseForm.getByLabel("Reason for the late entry").fill("Charted on paper during the session.");
  await doseForm.getByRole("button", { name: "Record the dose" }).click();
  await expect(page.getByTestId("dose-error")).toContainText("above the ordered 300 mg");
  await doseForm.getByLabel("Dose given (mg)").fill("300");
  await doseForm.getByRole("button", { name: "Record the dose" }).click();
  await expect(page.getByTestId("dose-given")).toContainText("300 mg sublingual");
  await expect(page.getByTestId("dose-given")).toContainText("late entry");

  // The booster the order allows (100 mg from minute 20), 25 minutes after the dose, charted late too.
  const boosterForm = page.getByTestId("booster-form");
  await boosterForm.getByLabel("Booster given (mg)").fill("100");
  await boosterForm.getByLabel("Booster lot number").fill("KT24-1203");
  await boosterForm.getByLabel("Booster time").fill(hhmm(135 * 60_000));
  await boosterForm.getByRole("button", { name: "Record booster" }).click();
  await expect(boosterForm).toContainText("say why it is charted now");
  await boosterForm.getByLabel("Reason for the late entry").fill("Charted on paper during the session.");
  await boosterForm.getByRole("button", { name: "Record booster" }).click();
  await expect(page.getByTestId("booster-given")).toContainText("Booster 100 mg");
  await expect(page.getByTestId("booster-given")).toContainText("late entry");

  // In the tab opened before the dose, cancelling the session is refused: the dose counts.
  await staleDose3.getByRole("button", { name: "Cancel or no-show" }).click();
  await staleDose3.getByLabel("Reason").fill("Client felt unwell and went home.");
  await staleDose3.getByRole("button", { name: "Record", exact: true }).click();
  await expect(staleDose3.getByTestId("action-error")).toContainText("A dose was given in this session");
  await stale.reload();
  await expect(staleDose3.getByRole("button", { name: "End early" })).toBeVisible();
  await expect(staleDose3.getByRole("button", { name: "Cancel or no-show" })).toHaveCount(0);
  await stale.close();

  // Vitals: an out-of-range reading (charted late) raises an alert; a moderate adverse event.
  await expect(page.getByTestId("next-reading")).toBeVisible();
  await addReading(
    page,
    { systolic: "188", diastolic: "114", hr: "98", rr: "18", spo2: "96" },
    90,
    "Copied from the monitor's log.",
  );
  await expect(page.getByTestId("vitals-alert")).toContainText("above the urgent limit");
  await expect(page.getByTestId("vitals-table")).toContainText("BP high");
  await expect(page.getByTestId("vitals-table")).toContainText("late entry");
  const ae = page.getByTestId("adverse-events");
  await ae.getByLabel("Event").selectOption("NAUSEA_VOMITING");
  await ae.getByLabel("Severity").selectOption("MODERATE");
  await ae.getByLabel("Rescue medicine").fill("Ondansetron 4 mg ODT");
  await ae.getByLabel("Action taken").fill("Ondansetron given; bucket and cool cloth.");
  await ae.getByRole("button", { name: "Record adverse event" }).click();
  await expect(ae).toContainText("Rescue medicine: Ondansetron 4 mg ODT");
  await expect(ae).toContainText("Awaiting the prescriber's sign-off");

  // The prescriber sees it live from their own screen.
  const prescriber = await browser.newPage();
  await signIn(prescriber, practice.staff("prescriber"));
  await prescriber.goto("/dosing");
  const live = prescriber.getByTestId("live-record").filter({ hasText: "Quinn Harper" });
  await expect(live).toContainText("out of range");
  await expect(live).toContainText("1 adverse event");

  // Below the urgent alert but above the pre-dose hold limit; and readings were missed and the
  // event awaits sign-off: not ready to leave.
  await addReading(page, { systolic: "150", diastolic: "95", hr: "76", rr: "14", spo2: "98" }, 3);
  const discharge = page.getByTestId("discharge-form");
  await discharge.getByLabel("Back to baseline speech and awareness").check();
  await discharge.getByLabel("Purposeful movement, walking steadily").check();
  await discharge.getByLabel("Escort present to take the client home").check();
  await discharge.getByLabel("Ready to leave at").fill(hhmm(0));
  await discharge.getByLabel("Discharged at").fill(hhmm(0));
  await discharge.getByRole("button", { name: "Record discharge" }).click();
  const refusal = page.getByTestId("discharge-error");
  await expect(refusal).toContainText("Record each reading, or skip it with a reason");
  await expect(refusal).toContainText("awaits the prescriber's sign-off");
  await expect(refusal).toContainText("above the pre-dose hold limit");

  // The readings that were not taken are skipped, with the reason.
  const skip = page.getByTestId("skip-readings");
  await skip.getByText("Skip a reading that was not taken").click();
  for (const box of await skip.getByRole("checkbox").all()) await box.check();
  await skip.getByLabel("Why they were not taken").fill("Client asleep; observed breathing and colour.");
  await skip.getByRole("button", { name: "Skip these readings" }).click();
  await expect(page.getByTestId("skipped-readings")).toContainText("Baseline reading skipped");
  await expect(page.getByTestId("skip-readings")).toHaveCount(0);

  // The prescriber signs the moderate event off from the record.
  await live.locator("..").locator("..").getByRole("link").first().click();
  await prescriber.getByTestId("adverse-events").getByRole("button", { name: "Mark reviewed" }).click();
  await expect(prescriber.getByTestId("adverse-events")).toContainText("Reviewed by the prescriber.");

  // Still held by the blood pressure alone, until a new reading is back within the hold limit.
  await discharge.getByLabel("Ready to leave at").fill(hhmm(0));
  await discharge.getByLabel("Discharged at").fill(hhmm(0));
  await discharge.getByRole("button", { name: "Record discharge" }).click();
  await expect(refusal).toContainText("above the pre-dose hold limit");
  await expect(refusal).not.toContainText("awaits the prescriber's sign-off");
  await addReading(page, { systolic: "128", diastolic: "82", hr: "74", rr: "14", spo2: "98" }, 0);

  // Now every item holds: discharged, completed.
  await discharge.getByLabel("Ready to leave at").fill(hhmm(0));
  await discharge.getByLabel("Discharged at").fill(hhmm(0));
  await discharge.getByRole("button", { name: "Record discharge" }).click();
  await expect(page.getByTestId("step-discharge")).toContainText("every discharge item passed");
  await page.getByRole("button", { name: "Complete the record" }).click();
  await expect(page.getByTestId("record-finish")).toContainText("awaiting the prescriber");

  // The prescriber signs; the record is then fixed.
  await expect(prescriber.getByRole("button", { name: "Review and sign" })).toBeVisible({ timeout: 20_000 });
  await prescriber.getByRole("button", { name: "Review and sign" }).click();
  await expect(prescriber.getByTestId("record-signed")).toBeVisible();
  await expect(prescriber.getByTestId("vitals-form")).toHaveCount(0);
  await prescriber.close();
  await therapist.close();
});
