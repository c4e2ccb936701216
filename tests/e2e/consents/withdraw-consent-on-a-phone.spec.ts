import { expect, test } from "../fixtures";
import { formReady, signIn } from "../helpers";

test("a client withdraws their consent on a phone, the therapist sees it, and the client signs again", async ({
  browser,
  practice,
}) => {
  const client = await browser.newPage({ viewport: { width: 375, height: 812 } });
  await signIn(client, practice.account("Quinn"));
  const signed = client.getByTestId("consents-signed");
  await signed.getByRole("link", { name: /View or withdraw.*informed consent/i }).click();
  await formReady(client);
  await expect(client.getByTestId("consent-signed")).toBeVisible();
  const form = client.getByTestId("consent-withdraw-form");
  // Withdrawing asks for confirmation once the form's checks pass; the client confirms.
  client.on("dialog", (d) => d.accept());
  // A reason that is too long is refused on its field, and what was typed stays.
  await form.getByLabel("Reason (optional)").fill("x".repeat(1001));
  await form.getByRole("button", { name: "Withdraw my consent" }).click();
  await expect(form.getByText("Keep the reason under 1,000 characters.")).toBeVisible();
  await expect(form.getByLabel("Reason (optional)")).toHaveValue("x".repeat(1001));

  await form.getByLabel("Reason (optional)").fill("I want to talk it over with my family first.");
  await form.getByRole("button", { name: "Withdraw my consent" }).click();
  await expect(client.getByTestId("consent-withdrawn")).toContainText("You withdrew your consent");
  await expect(client.getByLabel(/Type your full legal name/)).toBeVisible();
  await client.goto("/portal");
  await expect(client.getByTestId("consent-withdrawn")).toContainText(
    "No dose is given while it is withdrawn",
  );

  const therapist = await browser.newPage();
  await signIn(therapist, practice.staff("therapist"));
  await therapist.goto("/clients");
  await therapist.getByRole("link", { name: "Quinn Harper" }).click();
  await therapist.waitForURL(/\/clients\/[^/]+$/);
  await expect(therapist.getByTestId("consent-withdrawn")).toContainText(
    "The client withdrew the KAP informed consent",
  );
  await therapist.goto(`${therapist.url()}/intake`);
  await expect(therapist.getByTestId("consent-withdrawn")).toContainText(
    "I want to talk it over with my family first.",
  );
  await therapist.close();

  await client.getByTestId("consent-withdrawn").getByRole("link", { name: "Read and sign it again" }).click();
  await formReady(client);
  await client.getByLabel(/Type your full legal name/).fill("Quinn Harper");
  await client.getByRole("button", { name: "I have read this and I sign" }).click();
  await expect(client.getByTestId("consent-signed")).toBeVisible();
  await client.close();
});
