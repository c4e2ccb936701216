// Database restart drill (docs/security.md R5): while a therapist's client list is
// under load, PostgreSQL stops and starts again. The app must heal on its own
// (no restart), answer errors rather than hang during the outage, and never serve
// client data without its audit row. Needs `npm run build` first.
// Usage: npm run drill:restart   (RESTART_DRILL_SECONDS, default 30)
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import pg from "pg";
import { prepareDemoDatabase, scriptAppEnv, signIn, startApp, stopApp, waitFor } from "./lib/app-client.mjs";
import { createOwnedDatabase, startEmbedded } from "./lib/postgres.mjs";

const root = resolve(fileURLToPath(import.meta.url), "../..");
process.chdir(root);
const SECONDS = Number(process.env.RESTART_DRILL_SECONDS ?? 30);
const APP_PORT = 3420;
const PG_PORT = 55400 + (process.pid % 500);
const BASE = `http://localhost:${APP_PORT}`;
const demo = JSON.parse(readFileSync("prisma/demo-accounts.json", "utf8"));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const dataDir = join(mkdtempSync(join(tmpdir(), "kapstone-restart-")), "pg");
chmodSync(join(dataDir, ".."), 0o755); // the server runs as "postgres" when we are root
let pgServer = await startEmbedded({ dataDir, port: PG_PORT, persistent: true });
const { ownerUrl, appUrl: url } = await createOwnedDatabase(pgServer.url, "kapstone_restart");
const env = scriptAppEnv(url, BASE, "restart-drill-secret-0123456789abcdef");
let app;
let failed = false;
try {
  await prepareDemoDatabase(env, ownerUrl);
  app = startApp(APP_PORT, env);
  await waitFor(`${BASE}/api/health`);
  const therapistEmail = demo.staff.find((s) => s.key === "therapist").email;
  const cookie = await signIn(BASE, therapistEmail, demo.password);
  const first = await fetch(`${BASE}/api/clients`, { headers: { cookie } });
  const perPage = (await first.json()).items.length;

  const countAuditRows = async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const { rows } = await c.query(
      `SELECT count(*)::int AS n FROM "AuditEvent" a JOIN "User" u ON u.id = a."actorUserId"
        WHERE u.email = $1 AND a.action = 'client.list' AND a.outcome = 'OK'`,
      [therapistEmail],
    );
    await c.end();
    return rows[0].n;
  };
  const auditBefore = await countAuditRows();

  // Load for SECONDS; a third of the way in, PostgreSQL goes down for 3 seconds.
  const statuses = new Map();
  const load = autocannon({
    url: `${BASE}/api/clients`,
    connections: 10,
    duration: SECONDS,
    timeout: 10,
    headers: { cookie },
  });
  load.on("response", (_c, status) => statuses.set(status, (statuses.get(status) ?? 0) + 1));
  await sleep((SECONDS * 1000) / 3);
  const healthBefore = (await fetch(`${BASE}/api/health`)).status;
  await pgServer.stop();
  const downAt = Date.now();
  await sleep(1000);
  const healthDown = (await fetch(`${BASE}/api/health`).catch(() => ({ status: 0 }))).status;
  await sleep(2000);
  pgServer = await startEmbedded({ dataDir, port: PG_PORT, persistent: true });
  const upAt = Date.now();
  let healedAt = null;
  while (Date.now() - upAt < 30_000) {
    const r = await fetch(`${BASE}/api/clients`, { headers: { cookie } }).catch(() => null);
    if (r?.status === 200) {
      healedAt = Date.now();
      break;
    }
    await sleep(250);
  }
  const result = await load;
  const tail = await Promise.all(
    Array.from({ length: 20 }, () => fetch(`${BASE}/api/clients`, { headers: { cookie } })),
  );
  const auditRows = (await countAuditRows()) - auditBefore;
  const ok = statuses.get(200) ?? 0;
  const servedAfterHeal = tail.filter((r) => r.status === 200).length;

  console.log(`\nDatabase restart drill (${SECONDS} s of load, 10 concurrent, /api/clients)`);
  console.log(`  responses by status:     ${JSON.stringify(Object.fromEntries(statuses))}`);
  console.log(`  errors and timeouts:     ${result.errors} errors, ${result.timeouts} timeouts`);
  console.log(`  /api/health:             ${healthBefore} before, ${healthDown} while down`);
  console.log(`  database down for:       ${((upAt - downAt) / 1000).toFixed(1)} s`);
  console.log(
    `  healed after restart in: ${healedAt ? `${((healedAt - upAt) / 1000).toFixed(1)} s` : "never (30 s)"}`,
  );
  console.log(`  after healing:           ${servedAfterHeal}/20 answered 200`);
  console.log(
    `  audit rows:              ${auditRows} for ${ok + servedAfterHeal} lists served, ${perPage} clients each`,
  );

  const problems = [];
  if (app.exitCode !== null) problems.push("the app exited");
  if (!healedAt) problems.push("the app did not heal within 30 s of the database coming back");
  if (servedAfterHeal !== 20) problems.push("requests still failed after healing");
  if (healthDown !== 503) problems.push(`/api/health answered ${healthDown} while the database was down`);
  const served = ok + servedAfterHeal;
  if (auditRows < served * perPage) {
    problems.push(`client lists were served without their audit rows (${auditRows} < ${served * perPage})`);
  }
  // During the outage the API says so (503 with Retry-After), never a bare 500 or a wrong answer.
  const other = [...statuses.keys()].filter((s) => s !== 200 && s !== 503);
  if (other.length) problems.push(`the outage produced answers other than 200 or 503: ${other.join(", ")}`);
  if (problems.length) {
    failed = true;
    console.error(`\nRestart drill FAILED:\n  ${problems.join("\n  ")}`);
  } else {
    console.log("\nRestart drill passed: the app healed by itself and served nothing unaudited.");
  }
} finally {
  if (app) await stopApp(app);
  await pgServer.stop();
  rmSync(join(dataDir, ".."), { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
