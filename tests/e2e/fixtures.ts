import { randomBytes } from "node:crypto";
import { type Browser, type BrowserContext, test as base, expect } from "@playwright/test";
import { DEMO_EMAIL_DOMAIN, type DemoPlace } from "../../prisma/demo/accounts";
import demo from "../../prisma/demo-accounts.json" with { type: "json" };

type StaffKey = "admin" | "therapist" | "therapist2" | "prescriber" | "prescriber2";

/**
 * One copy of the demo practice (prisma/demo), loaded for one journey: the same staff,
 * clients, series and password as `npm run dev`'s Cedar Grove, under a slug of its own,
 * with every sign-in address in a domain of its own (therapist@w1-3f9a2c.cedargrove.example).
 * Nothing another journey does can reach it: the app keeps practices apart.
 */
export class DemoPractice {
  readonly password = demo.password;
  constructor(readonly place: DemoPlace) {}

  /** A staff member's sign-in address. */
  staff(key: StaffKey): string {
    const s = demo.staff.find((x) => x.key === key);
    if (!s) throw new Error(`no demo staff ${key}`);
    return this.address(s.email.split("@")[0] ?? key);
  }

  /** Alex Rivera's sign-in address (the README's client sign-in). */
  get client(): string {
    return this.address(demo.clientSignIn.email.split("@")[0] ?? "client");
  }

  /** Another demo client's sign-in address, by first name: account("Quinn") → quinn@… */
  account(firstName: string): string {
    return this.address(firstName.toLowerCase());
  }

  /** An address in this practice's domain, e.g. for someone a journey invites. */
  address(localPart: string): string {
    return `${localPart}@${this.place.emailDomain}`;
  }
}

/**
 * Content-Security-Policy violations (docs/security.md S12): every browser context a journey
 * opens reports them here, from the page's `securitypolicyviolation` events and from the
 * console's "Refused to …" messages, and the journey fails when there was any.
 */
type Violations = string[];
const watched = new WeakSet<BrowserContext>();

async function watchForViolations(context: BrowserContext, violations: Violations) {
  if (watched.has(context)) return;
  watched.add(context);
  await context.exposeBinding("__kapstoneCspViolation", ({ page }, report: string) => {
    violations.push(`${page?.url() ?? "?"}: ${report}`);
  });
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      const report = (window as unknown as { __kapstoneCspViolation?: (r: string) => void })
        .__kapstoneCspViolation;
      report?.(
        `${e.effectiveDirective} refused ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`,
      );
    });
  });
  context.on("console", (message) => {
    if (/Refused to /.test(message.text()))
      violations.push(`${message.page()?.url() ?? "?"}: ${message.text()}`);
  });
}

/** Watches the contexts a journey opens itself (browser.newPage(), browser.newContext()). */
function watchNewContexts(browser: Browser, violations: Violations): () => void {
  const original = browser.newContext;
  browser.newContext = async (...args) => {
    const context = await original.apply(browser, args);
    await watchForViolations(context, violations);
    return context;
  };
  return () => {
    browser.newContext = original;
  };
}

type LoadDemoPractice = (place: DemoPlace) => Promise<void>;

/**
 * The data layer starts with `import "server-only"`, which loads only under the
 * react-server condition (as for `npm run db:seed`); `npm run test:e2e` runs Playwright with it.
 */
async function demoLoader(): Promise<{ load: LoadDemoPractice; close: () => Promise<void> }> {
  if (!process.env.DATABASE_URL) {
    throw new Error("The journeys load their own demo practices: set DATABASE_URL (npm run test:e2e does).");
  }
  try {
    const [{ db }, { loadDemoPractice }] = await Promise.all([
      import("@/lib/server/core/db"),
      import("../../prisma/demo/practice"),
    ]);
    const prisma = db();
    return { load: (place) => loadDemoPractice(prisma, place), close: () => prisma.$disconnect() };
  } catch (e) {
    throw new Error(
      "Could not load the demo practice loader: run the journeys with npm run test:e2e, or with " +
        "NODE_OPTIONS=--conditions=react-server and DATABASE_URL set.",
      { cause: e },
    );
  }
}

export const test = base.extend<
  { practice: DemoPractice; cspViolations: Violations },
  { demoPractices: { load: () => Promise<DemoPractice> } }
>({
  /** Loads fresh copies of the demo practice (one database connection pool per worker). */
  demoPractices: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixtures a fixture uses from its first argument.
    async ({}, use, workerInfo) => {
      const loader = await demoLoader();
      await use({
        load: async () => {
          const tag = `w${workerInfo.workerIndex}-${randomBytes(3).toString("hex")}`;
          const place = { slug: `${demo.practice.slug}-${tag}`, emailDomain: `${tag}.${DEMO_EMAIL_DOMAIN}` };
          await loader.load(place);
          return new DemoPractice(place);
        },
      });
      await loader.close();
    },
    { scope: "worker" },
  ],
  /** Fails the journey when the browser refused anything under the Content-Security-Policy. */
  cspViolations: [
    async ({ browser }, use) => {
      const violations: Violations = [];
      const restore = watchNewContexts(browser, violations);
      await use(violations);
      restore();
      expect(violations, "Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
  context: async ({ context, cspViolations }, use) => {
    await watchForViolations(context, cspViolations);
    await use(context);
  },
  /** A demo practice of this test's own. */
  practice: async ({ demoPractices }, use) => {
    await use(await demoPractices.load());
  },
});

export { expect };
