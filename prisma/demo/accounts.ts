import demo from "../demo-accounts.json" with { type: "json" };

/** The domain of every demo sign-in address (therapist@cedargrove.example, quinn@cedargrove.example, …). */
export const DEMO_EMAIL_DOMAIN = demo.clientSignIn.email.split("@")[1] ?? "cedargrove.example";

/** Where one copy of the demo practice lives: its slug, and the domain of its sign-in addresses. */
export type DemoPlace = { slug: string; emailDomain: string };

/** The demo practice of `npm run dev` and the README. */
export const DEMO_PLACE: DemoPlace = { slug: demo.practice.slug, emailDomain: DEMO_EMAIL_DOMAIN };

/**
 * A demo sign-in address in another copy's domain:
 * therapist@cedargrove.example → therapist@<emailDomain>. Other addresses are left as they are.
 */
export function atDomain(email: string, emailDomain: string): string {
  const [local, domain] = email.split("@");
  return domain === DEMO_EMAIL_DOMAIN ? `${local}@${emailDomain}` : email;
}
