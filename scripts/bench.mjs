// `npm run bench`: latency and query counts against the production build with a
// practice of thousands of clients. Prints latency percentiles per page (10 concurrent users) and
// per JSON API (50 concurrent), and the database queries one request makes.
// Needs `npm run build` first. PostgreSQL: as for `npm test` (127.0.0.1:5432 or
// TEST_DATABASE_URL, else embedded). Options: BENCH_CLIENTS (3000), BENCH_SECONDS (10).
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import pg from "pg";
import { answers, createDatabase, dropDatabase } from "./lib/postgres.mjs";
import { mustRunQuiet, node } from "./lib/run.mjs";

const root = resolve(fileURLToPath(import.meta.url), "../..");
process.chdir(root);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 3000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PORT = Number(process.env.BENCH_PORT ?? 3400);
const BASE = `http://localhost:${PORT}`;
const demo = JSON.parse(readFileSync("prisma/demo-accounts.json", "utf8"));

if (!existsSync(".next/BUILD_ID")) {
  console.error("[bench] Build first: npm run build");
  process.exit(1);
}
const server = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
if (!(await answers(server))) {
  console.error(`[bench] No PostgreSQL at ${server}; set TEST_DATABASE_URL.`);
  process.exit(1);
}
const dbName = `kapstone_bench_${Date.now()}`;
const url = await createDatabase(server, dbName);
const env = {
  ...process.env,
  DATABASE_URL: url,
  NODE_ENV: "production",
  NEXTAUTH_SECRET: "bench-secret-0123456789abcdef0123456789",
  NEXTAUTH_URL: BASE,
  APP_URL: BASE,
  MAIL_TRANSPORT: "outbox",
  KAPSTONE_JOBS: "off",
  NEXT_TELEMETRY_DISABLED: "1",
};
let app;
try {
  await mustRunQuiet("Migrations", node, ["scripts/prisma.mjs", "migrate", "deploy"], { env });
  await mustRunQuiet(
    "Demo data",
    node,
    ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "prisma/seed.ts", "--yes"],
    { env },
  );
  await bulkClients(url, CLIENTS);
  app = spawn(node, ["node_modules/next/dist/bin/next", "start", "-p", String(PORT)], {
    env,
    stdio: "ignore",
  });
  await waitFor(`${BASE}/api/health`);

  const therapist = await signIn(demo.staff.find((s) => s.key === "therapist").email);
  const prescriber = await signIn(demo.staff.find((s) => s.key === "prescriber").email);
  const client = await signIn(demo.clientSignIn.email);
  const targets = [
    ["page", "/caseload", therapist],
    ["page", "/clients", therapist],
    ["page", "/schedule", therapist],
    ["page", "/screenings", prescriber],
    ["page", "/portal", client],
    ["api", "/api/clients", therapist],
    ["api", "/api/screenings/queue", prescriber],
    [
      "api",
      `/api/calendar/sessions?from=${new Date().toISOString()}&to=${new Date(Date.now() + 14 * 86_400_000).toISOString()}`,
      therapist,
    ],
  ];
  console.log(`\n${CLIENTS} extra clients seeded. ${SECONDS} s per target.\n`);
  console.log(
    "kind  target                              conc  p50 ms  p95 ms  p99 ms  req/s  queries  non-2xx",
  );
  for (const [kind, path, cookie] of targets) {
    const queries = await queriesFor(url, path, cookie);
    const connections = kind === "page" ? 10 : 50;
    // Every response time, so that p95 is exact (autocannon's summary stops at p90 and p97.5).
    const times = [];
    const run = autocannon({ url: `${BASE}${path}`, connections, duration: SECONDS, headers: { cookie } });
    run.on("response", (_client, _status, _bytes, ms) => times.push(ms));
    const r = await run;
    times.sort((a, b) => a - b);
    const pct = (p) =>
      Math.round(times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] ?? 0);
    console.log(
      `${kind.padEnd(5)} ${path.slice(0, 35).padEnd(35)} ${String(connections).padStart(4)} ${String(pct(50)).padStart(7)} ${String(pct(95)).padStart(7)} ${String(pct(99)).padStart(7)} ${String(Math.round(r.requests.average)).padStart(6)} ${String(queries).padStart(8)} ${String(r.non2xx).padStart(8)}`,
    );
  }
  await firstLoadJs([
    ["/signin", ""],
    ["/caseload", therapist],
    ["/schedule", therapist],
    ["/screenings", prescriber],
    ["/portal", client],
    ["/portal/intake/medical", client],
  ]);
} finally {
  app?.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 1000));
  await dropDatabase(server, dbName);
}

/** The JavaScript a browser downloads (compressed, as sent) to show each page the first time. */
async function firstLoadJs(pages) {
  const { chromium } = await import("@playwright/test");
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
  console.log("\nroute                               first-load JS (kB, compressed)");
  for (const [path, cookie] of pages) {
    const context = await browser.newContext({ extraHTTPHeaders: cookie ? { cookie } : {} });
    const page = await context.newPage();
    const sizes = [];
    page.on("requestfinished", async (req) => {
      if (req.resourceType() === "script") sizes.push((await req.sizes()).responseBodySize);
    });
    await page.goto(`${BASE}${path}`, { waitUntil: "networkidle" });
    console.log(`${path.padEnd(35)} ${(sizes.reduce((a, b) => a + b, 0) / 1024).toFixed(1).padStart(8)}`);
    await context.close();
  }
  await browser.close();
}

async function waitFor(target) {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(target)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${target} did not answer`);
}

async function signIn(email) {
  const jar = new Map();
  const keep = (res) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const [k, v] = pair.split("=");
      jar.set(k, v);
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrfRes = await fetch(`${BASE}/api/auth/csrf`);
  keep(csrfRes);
  const { csrfToken } = await csrfRes.json();
  const res = await fetch(`${BASE}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ csrfToken, email, password: demo.password, json: "true" }),
    redirect: "manual",
  });
  keep(res);
  return cookie();
}

/** Queries one request makes: the database's committed transactions before and after (jobs are off). */
async function queriesFor(dbUrl, path, cookie) {
  const count = async () => {
    const c = new pg.Client({ connectionString: dbUrl });
    await c.connect();
    const { rows } = await c.query(
      "SELECT xact_commit::int AS n FROM pg_stat_database WHERE datname = current_database()",
    );
    await c.end();
    return rows[0].n;
  };
  await fetch(`${BASE}${path}`, { headers: { cookie } }); // warm up
  await new Promise((r) => setTimeout(r, 1200));
  const before = await count();
  await fetch(`${BASE}${path}`, { headers: { cookie } });
  await new Promise((r) => setTimeout(r, 1200));
  const after = await count();
  return after - before - 1; // the second count's own transaction
}

/** Thousands of clients on the demo therapist's care team, a fifth awaiting screening. */
async function bulkClients(dbUrl, n) {
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  const { rows } = await c.query(
    `SELECT p.id AS practice, u.id AS therapist FROM "Practice" p JOIN "User" u ON u."practiceId" = p.id WHERE u.email = $1`,
    [demo.staff.find((s) => s.key === "therapist").email],
  );
  const { practice, therapist } = rows[0];
  await c.query(
    `INSERT INTO "Client" (id, "practiceId", "legalFirstName", "legalLastName", "dateOfBirth", state, email, stage, "updatedAt")
     SELECT 'bench' || g, $1, 'Bench', 'Client ' || lpad(g::text, 5, '0'), date '1980-01-01' + (g % 9000), 'CA',
            'bench' || g || '@mail.example', CASE WHEN g % 5 = 0 THEN 'AWAITING_SCREENING' ELSE 'INTAKE_IN_PROGRESS' END::"ClientStage", now()
     FROM generate_series(1, $2) g`,
    [practice, n],
  );
  await c.query(
    `INSERT INTO "CareTeamMember" (id, "clientId", "userId", role) SELECT 'benchct' || g, 'bench' || g, $1, 'PRIMARY_THERAPIST' FROM generate_series(1, $2) g`,
    [therapist, n],
  );
  await c.query(
    `INSERT INTO "Screening" (id, "practiceId", "clientId", "createdAt") SELECT 'benchsc' || g, $1, 'bench' || g, now() - (g || ' minutes')::interval FROM generate_series(5, $2, 5) g`,
    [practice, n],
  );
  await c.query("ANALYZE");
  await c.end();
}
