import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3200);
/** Point the journeys at an app that is already running (e.g. `npm run dev`) instead of starting one. */
const external = process.env.E2E_BASE_URL;
const chromium = {
  // Debian's chromium (`apt-get install chromium`): Playwright's own browser download cannot reach its servers here.
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
  ],
};

/**
 * The app server runs without the react-server condition the workers need (scripts/test.mjs
 * sets it in NODE_OPTIONS so that tests/e2e/fixtures.ts can load demo practices through the
 * data layer, as `npm run db:seed` does).
 */
const serverNodeOptions = (process.env.NODE_OPTIONS ?? "")
  .replace(/--conditions[= ]react-server/g, "")
  .trim();

/**
 * Journeys against the production build (`next build` first; npm test does it) on a
 * database migrated by scripts/test.mjs. Each journey loads its own copy of the demo
 * practice (tests/e2e/fixtures.ts), so journeys run side by side, each test on its own.
 */
export default defineConfig({
  testDir: "e2e",
  outputDir: "../test-results",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: 0,
  fullyParallel: true,
  workers: Number(process.env.E2E_WORKERS ?? 2),
  reporter: [["list"]],
  use: {
    baseURL: external ?? `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    launchOptions: chromium,
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], launchOptions: chromium } }],
  webServer: external
    ? undefined
    : {
        command: `node scripts/server.mjs -p ${PORT}`,
        cwd: "..",
        url: `http://localhost:${PORT}/api/health`,
        reuseExistingServer: false,
        timeout: 120_000,
        gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
        env: {
          NEXTAUTH_URL: `http://localhost:${PORT}`,
          APP_URL: `http://localhost:${PORT}`,
          MAIL_TRANSPORT: "outbox",
          KAPSTONE_ALLOW_OUTBOX_IN_PRODUCTION: "1",
          NODE_OPTIONS: serverNodeOptions,
        },
      },
});
