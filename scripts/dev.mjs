// `npm run dev`: the app with its database, in one command.
// - DATABASE_URL unset: starts an embedded PostgreSQL 17 that keeps its data in
//   .data/ (git-ignored), applies migrations as the owner role, loads the demo practice
//   and runs the app as the role kapstone_app (docs/security.md S11).
// - DATABASE_URL set: uses that database and applies migrations (as MIGRATION_DATABASE_URL
//   when set); demo data only with --seed (the seed never touches a database it did not
//   create unless asked).
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  adminQuery,
  answers,
  createOwnedDatabase,
  databaseUrls,
  dropDatabase,
  embeddedDataDir,
  ensureRoles,
  OWNER_ROLE,
  runningPostmaster,
  startEmbedded,
  withDatabase,
} from "./lib/postgres.mjs";
import { mustRun, mustRunQuiet, node } from "./lib/run.mjs";

const root = resolve(fileURLToPath(import.meta.url), "../..");
process.chdir(root);
if (existsSync(".env")) process.loadEnvFile(".env");

const dataRoot = join(root, ".data");
mkdirSync(dataRoot, { recursive: true });
const wantSeed = process.argv.includes("--seed");
// --reset: start the embedded database over (drops it, then migrates and loads the demo again).
const wantReset = process.argv.includes("--reset");
let embedded = null;

async function freePort(start) {
  for (let port = start; port < start + 50; port++) {
    const ok = await new Promise((r) => {
      const s = createServer()
        .once("error", () => r(false))
        .once("listening", () => s.close(() => r(true)))
        .listen(port, "0.0.0.0");
    });
    if (ok) return port;
  }
  throw new Error(`no free port from ${start}`);
}

async function embeddedDatabase() {
  const dataDir = embeddedDataDir(join(dataRoot, "postgres"));
  if (dataDir !== join(dataRoot, "postgres")) {
    console.log(
      `[dev] This checkout is in a folder PostgreSQL's user cannot enter; its data lives in ${dataDir}`,
    );
  }
  const leftover = runningPostmaster(dataDir);
  let serverUrl;
  if (leftover && (await answers(`postgresql://postgres:postgres@127.0.0.1:${leftover.port}/postgres`))) {
    serverUrl = `postgresql://postgres:postgres@127.0.0.1:${leftover.port}/postgres`;
    console.log(`[dev] Reusing the embedded PostgreSQL already running on port ${leftover.port}`);
  } else {
    const port = await freePort(Number(process.env.KAPSTONE_DEV_PG_PORT ?? 54320));
    const t0 = Date.now();
    embedded = await startEmbedded({ dataDir, port, persistent: true });
    serverUrl = embedded.url;
    console.log(
      `[dev] Embedded PostgreSQL 17 ready on port ${port} in ${Date.now() - t0} ms (data: ${dataDir})`,
    );
  }
  const marker = join(dataDir, "..", "kapstone-database-created");
  if (wantReset) {
    await dropDatabase(serverUrl, "kapstone");
    rmSync(marker, { force: true });
    console.log("[dev] Dropped the embedded database (--reset)");
  }
  if (!existsSync(marker)) {
    await createOwnedDatabase(serverUrl, "kapstone").catch((e) => {
      if (!String(e.message).includes("already exists")) throw e;
    });
    writeFileSync(marker, "The kapstone database in this cluster was created by npm run dev.\n");
  }
  await ensureRoles(serverUrl);
  const { rows } = await adminQuery(
    serverUrl,
    "SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = 'kapstone'",
  );
  if (rows[0]?.owner !== OWNER_ROLE) {
    throw new Error(
      "The embedded database predates the separate owner and app roles. Start it over with: npm run dev -- --reset",
    );
  }
  return databaseUrls(withDatabase(serverUrl, "kapstone"));
}

function devSecret() {
  const file = join(dataRoot, "dev-nextauth-secret");
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}

async function main() {
  const usingEmbedded = !process.env.DATABASE_URL;
  const embeddedUrls = usingEmbedded ? await embeddedDatabase() : null;
  const databaseUrl = embeddedUrls?.appUrl ?? process.env.DATABASE_URL;
  if (!usingEmbedded && !(await answers(databaseUrl, 5000))) {
    throw new Error(
      "DATABASE_URL is set but the database does not answer. Unset it to use the embedded PostgreSQL.",
    );
  }
  const port = process.env.PORT ? Number(process.env.PORT) : await freePort(3000);
  const url = `http://localhost:${port}`;
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET || devSecret(),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL || url,
    APP_URL: process.env.APP_URL || process.env.NEXTAUTH_URL || url,
    NEXT_TELEMETRY_DISABLED: "1",
  };

  // The owner's URL is for the migrations only; the app (and the seed) never see it.
  const migrationUrl = embeddedUrls?.ownerUrl ?? process.env.MIGRATION_DATABASE_URL;
  delete env.MIGRATION_DATABASE_URL;
  await mustRunQuiet("Migrations", node, ["scripts/prisma.mjs", "migrate", "deploy"], {
    env: migrationUrl ? { ...env, MIGRATION_DATABASE_URL: migrationUrl } : env,
  });
  console.log("[dev] Migrations applied");
  if (usingEmbedded || wantSeed) {
    await mustRun(
      "Demo data",
      node,
      ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "prisma/seed.ts", "--yes"],
      { env },
    );
  }

  const demo = JSON.parse(readFileSync("prisma/demo-accounts.json", "utf8"));
  const signIns = [...demo.staff, demo.clientSignIn].map((a) => `    ${a.role.padEnd(11)} ${a.email}`);
  console.log(`
  Kapstone is starting at ${url}
${
  usingEmbedded || wantSeed
    ? `
  Demo sign-ins (password for all: ${demo.password}):
${signIns.join("\n")}
`
    : ""
}
  Development outbox (mail that would have been sent): ${url}/dev/outbox
  Stop with Ctrl+C.
`);

  const { spawn } = await import("node:child_process");
  const next = spawn(node, ["scripts/server.mjs", "--dev", "-p", String(port)], {
    stdio: "inherit",
    env,
  });
  const stop = async (code) => {
    if (embedded) await embedded.stop().catch(() => {});
    process.exit(code);
  };
  for (const sig of ["SIGINT", "SIGTERM"]) {
    process.on(sig, () => {
      next.kill(sig);
    });
  }
  next.on("exit", (code) => stop(code ?? 0));
}

main().catch(async (e) => {
  console.error(`[dev] ${e.message}`);
  if (embedded) await embedded.stop().catch(() => {});
  process.exit(1);
});
