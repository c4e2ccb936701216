// `npm test`: typecheck, lint, unit, integration (real PostgreSQL), the backup
// and restore drill, end-to-end journeys (Playwright in Debian's Chromium), and
// the database restart drill against the same production build. `npm test -- <stage>...` runs some.
// PostgreSQL: TEST_DATABASE_URL's server, else 127.0.0.1:5432 when it answers,
// else a throw-away embedded PostgreSQL 17. Each run uses fresh databases.
import { chmodSync, existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { backupDrill } from "./backup-drill.mjs";
import { answers, createOwnedDatabase, dropDatabase, migrationEnv, startEmbedded } from "./lib/postgres.mjs";
import { mustRun, mustRunQuiet, node, run } from "./lib/run.mjs";

const root = resolve(fileURLToPath(import.meta.url), "../..");
process.chdir(root);

const ALL = ["typecheck", "lint", "unit", "integration", "backup", "e2e", "restart"];
const requested = process.argv.slice(2).filter((a) => ALL.includes(a));
const stages = requested.length ? requested : ALL;
// Anything else narrows the unit, integration and end-to-end runs to matching test files
// (`npm test -- integration dosing` runs the files under tests/integration/dosing/ only).
const filters = process.argv.slice(2).filter((a) => !ALL.includes(a));
const started = Date.now();
let embedded = null;
const cleanups = [];

const bin = {
  tsc: "node_modules/typescript/bin/tsc",
  biome: "node_modules/@biomejs/biome/bin/biome",
  vitest: "node_modules/vitest/vitest.mjs",
  next: "node_modules/next/dist/bin/next",
  playwright: "node_modules/@playwright/test/cli.js",
  tsx: "node_modules/tsx/dist/cli.mjs",
};

function banner(text) {
  console.log(`\n━━ ${text} ${"━".repeat(Math.max(0, 70 - text.length))}`);
}

async function postgresServer() {
  if (process.env.TEST_DATABASE_URL) return process.env.TEST_DATABASE_URL;
  const local = "postgresql://postgres@127.0.0.1:5432/postgres";
  if (await answers(local)) return local;
  console.log("[test] No PostgreSQL at 127.0.0.1:5432: starting a throw-away embedded PostgreSQL 17");
  const dataDir = join(mkdtempSync(join(tmpdir(), "kapstone-test-")), "pg");
  chmodSync(join(dataDir, ".."), 0o755);
  embedded = await startEmbedded({ dataDir, port: 54329 + (process.pid % 500), persistent: false });
  return embedded.url;
}

let serverUrl;
/**
 * A new database owned by the owner role and migrated as it (docs/security.md S11): the tests
 * and the app get `appUrl` (role kapstone_app), `ownerUrl` only where a test needs the owner.
 */
async function freshDatabase(kind) {
  serverUrl ??= await postgresServer();
  const name = `kapstone_${kind}_${Date.now()}_${process.pid}`;
  const urls = await createOwnedDatabase(serverUrl, name);
  if (!process.env.KEEP_TEST_DATABASES) cleanups.push(() => dropDatabase(serverUrl, name));
  await mustRunQuiet("Migrations", node, ["scripts/prisma.mjs", "migrate", "deploy"], {
    env: migrationEnv(process.env, urls),
  });
  return urls;
}

/** A copy of a migrated test database (PostgreSQL's template copy: no migrations to run again). */
async function copyDatabase(urls, n) {
  const source = new URL(urls.ownerUrl).pathname.slice(1);
  const name = `${source}_${n}`;
  const copy = await createOwnedDatabase(serverUrl, name, source);
  if (!process.env.KEEP_TEST_DATABASES) cleanups.push(() => dropDatabase(serverUrl, name));
  return copy;
}

async function ensureChromium() {
  const path = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
  if (existsSync(path)) return path;
  if (process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
    console.log("[test] Chromium is missing: installing Debian's chromium package");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    if ((await run("apt-get", ["install", "-y", "-q", "chromium"], { env })) !== 0) {
      await run("apt-get", ["update", "-q"], { env });
      await mustRun("apt-get install chromium", "apt-get", ["install", "-y", "-q", "chromium"], { env });
    }
    if (existsSync(path)) return path;
  }
  throw new Error(
    `Chromium not found at ${path}. Install it (sudo apt-get install chromium) or set CHROMIUM_PATH.`,
  );
}

const stageRunners = {
  typecheck: () => mustRun("Typecheck", node, [bin.tsc, "--noEmit"]),
  lint: () => mustRun("Lint", node, [bin.biome, "check", "."]),
  unit: () =>
    mustRun("Unit tests", node, [
      bin.vitest,
      "run",
      "--config",
      "tests/vitest.config.ts",
      "--project",
      "unit",
      ...filters,
    ]),
  // Test files run on INTEGRATION_WORKERS workers (default 2), each against its own copy of
  // the migrated database (tests/integration/setup.ts picks it), so that what one file does
  // across the whole database (the reminder scan, the job queue) never meets another's rows.
  integration: async () => {
    const first = await freshDatabase("it");
    const workers = Math.max(1, Number(process.env.INTEGRATION_WORKERS ?? 2));
    const copies = [first];
    for (let i = 2; i <= workers; i++) copies.push(await copyDatabase(first, i));
    await mustRun(
      "Integration tests",
      node,
      [
        bin.vitest,
        "run",
        "--config",
        "tests/vitest.config.ts",
        "--project",
        "integration",
        `--maxWorkers=${workers}`,
        ...filters,
      ],
      {
        env: {
          ...process.env,
          DATABASE_URL: first.appUrl,
          KAPSTONE_TEST_DATABASE_URLS: copies.map((c) => c.appUrl).join(" "),
          // Only for the tests that prove what the owner role meets (tests/fixtures/owner.ts).
          KAPSTONE_TEST_OWNER_DATABASE_URLS: copies.map((c) => c.ownerUrl).join(" "),
          MAIL_TRANSPORT: "outbox",
          NEXTAUTH_SECRET: "integration-secret-0123456789abcdef",
        },
      },
    );
  },
  // docs/security.md R6: pg_dump -Fc of the demo practice restores into a new database identically.
  backup: async () => {
    serverUrl ??= await postgresServer();
    const result = await backupDrill(serverUrl);
    console.log(`[backup drill] ${result}`);
    // On a developer's machine a missing pg_dump only skips the drill; CI must run it (docs/security.md R6).
    if (result.startsWith("skipped") && process.env.KAPSTONE_REQUIRE_DRILLS) {
      throw new Error("the backup drill must run here (KAPSTONE_REQUIRE_DRILLS is set)");
    }
  },
  // docs/security.md R5: PostgreSQL restarts under load; the app heals by itself (own embedded server).
  restart: async () => {
    if (!existsSync(".next/BUILD_ID")) {
      await mustRun("Production build", node, [bin.next, "build"], {
        env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
      });
    }
    await mustRun("Database restart drill", node, ["scripts/restart-drill.mjs"], {
      env: { ...process.env, RESTART_DRILL_SECONDS: process.env.RESTART_DRILL_SECONDS ?? "20" },
    });
  },
  e2e: async () => {
    const chromium = await ensureChromium();
    const { appUrl } = await freshDatabase("e2e");
    const env = {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: appUrl,
      NEXTAUTH_SECRET: "e2e-secret-0123456789abcdef0123456789",
      MAIL_TRANSPORT: "outbox",
      // The journeys read invitation links from the outbox of a production build (lib/env.ts).
      KAPSTONE_ALLOW_OUTBOX_IN_PRODUCTION: "1",
      NEXT_TELEMETRY_DISABLED: "1",
      CHROMIUM_PATH: chromium,
    };
    if (!process.env.SKIP_BUILD) await mustRun("Production build", node, [bin.next, "build"], { env });
    // Each journey loads its own copy of the demo practice through prisma/demo and the data
    // layer, whose modules load only under the react-server condition (as for npm run db:seed).
    // The app server started by Playwright runs without it (tests/playwright.config.ts).
    const nodeOptions = [process.env.NODE_OPTIONS, "--conditions=react-server"].filter(Boolean).join(" ");
    // Anything else on the command line goes to Playwright: `npm test -- e2e tests/e2e/notes`.
    await mustRun(
      "End-to-end journeys",
      node,
      [bin.playwright, "test", "--config", "tests/playwright.config.ts", ...filters],
      { env: { ...env, NODE_OPTIONS: nodeOptions } },
    );
  },
};

async function main() {
  for (const stage of stages) {
    banner(stage);
    const t0 = Date.now();
    await stageRunners[stage]();
    console.log(`[test] ${stage} passed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
}

let code = 0;
try {
  await main();
  console.log(
    `\n[test] All ${stages.length} stage(s) passed in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
} catch (e) {
  console.error(`\n[test] ${e.message}`);
  code = 1;
} finally {
  for (const c of cleanups) await c();
  if (embedded) await embedded.stop().catch(() => {});
}
process.exit(code);
