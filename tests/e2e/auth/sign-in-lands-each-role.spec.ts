import { expect, test } from "../fixtures";
import { signIn } from "../helpers";

test.describe("each demo role lands on its own page", () => {
  const cases = [
    { who: "therapist", path: "/caseload", sees: "Quinn Harper" },
    { who: "prescriber", path: "/screenings", sees: "Riley Chen" },
    { who: "admin", path: "/admin", sees: "Pending invitations" },
    { who: "client", path: "/portal", sees: "Hello, Alex" },
  ] as const;
  for (const c of cases) {
    test(`${c.who} signs in and lands on ${c.path}`, async ({ page, practice }) => {
      await signIn(page, c.who === "client" ? practice.client : practice.staff(c.who));
      await expect(page).toHaveURL(new RegExp(`${c.path}$`));
      await expect(page.getByText(c.sees).first()).toBeVisible();
    });
  }
});
