// `npm run bench`: latency and query counts against the production build with a
// practice of thousands of clients. Prints latency percentiles per page (10 concurrent users) and
// per JSON API (50 concurrent), the SQL statements one request sends, and the
// JavaScript each route makes the browser download.
// Needs `npm run build` first. PostgreSQL: as for `npm test` (127.0.0.1:5432 or
// TEST_DATABASE_URL, else embedded). Options: BENCH_CLIENTS (3000), BENCH_SECONDS (10),
// BENCH_ONLY (comma-separated paths to measure), BENCH_SQL=1 (print each request's statements).
import { existsSync, readFileSync } from "node:fs";
import net from "node:net";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import pg from "pg";
import { prepareDemoDatabase, scriptAppEnv, signIn, startApp, stopApp, waitFor } from "./lib/app-client.mjs";
import { answers, createOwnedDatabase, dropDatabase } from "./lib/postgres.mjs";

const root = resolve(fileURLToPath(import.meta.url), "../..");
process.chdir(root);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 3000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PORT = Number(process.env.BENCH_PORT ?? 3400);
const BASE = `http://localhost:${PORT}`;
const ONLY = process.env.BENCH_ONLY?.split(",").map((p) => p.trim());
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
// The app connects as kapstone_app; the extra clients are loaded (and ANALYZEd) as the owner.
const { ownerUrl, appUrl: url } = await createOwnedDatabase(server, dbName);
const env = scriptAppEnv(url, BASE, "bench-secret-0123456789abcdef0123456789");
let app;
try {
  await prepareDemoDatabase(env, ownerUrl);
  await bulkClients(ownerUrl, CLIENTS);

  // First pass: the app talks to PostgreSQL through a counting relay, one request per target.
  const relay = await statementRelay(url);
  app = startApp(PORT, { ...env, DATABASE_URL: relay.url });
  await waitFor(`${BASE}/api/health`);
  const therapist = await signIn(BASE, demo.staff.find((s) => s.key === "therapist").email, demo.password);
  const prescriber = await signIn(BASE, demo.staff.find((s) => s.key === "prescriber").email, demo.password);
  const client = await signIn(BASE, demo.clientSignIn.email, demo.password);
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
    ["api", "/api/dosing/live", prescriber],
  ].filter(([, path]) => !ONLY || ONLY.some((p) => path.split("?")[0] === p));
  const statements = new Map();
  for (const [, path, cookie] of targets) statements.set(path, await statementsFor(relay, path, cookie));
  await stopApp(app);
  relay.close();

  // Second pass: latency, with the app connected to PostgreSQL directly.
  app = startApp(PORT, env);
  await waitFor(`${BASE}/api/health`);
  console.log(`\n${CLIENTS} extra clients seeded. ${SECONDS} s per target.\n`);
  console.log(
    "kind  target                              conc  p50 ms  p95 ms  p99 ms  req/s  queries  non-2xx",
  );
  for (const [kind, path, cookie] of targets) {
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
      `${kind.padEnd(5)} ${path.slice(0, 35).padEnd(35)} ${String(connections).padStart(4)} ${String(pct(50)).padStart(7)} ${String(pct(95)).padStart(7)} ${String(pct(99)).padStart(7)} ${String(Math.round(r.requests.average)).padStart(6)} ${String(statements.get(path)?.length).padStart(8)} ${String(r.non2xx).padStart(8)}`,
    );
  }
  if (process.env.BENCH_SQL) {
    for (const [path, sql] of statements) {
      console.log(`\n${path}:`);
      for (const q of sql) console.log(`  ${q.replace(/\s+/g, " ").slice(0, 160)}`);
    }
  }
  await firstLoadJs(
    [
      ["/signin", ""],
      ["/caseload", therapist],
      ["/clients", therapist],
      ["/schedule", therapist],
      ["/screenings", prescriber],
      ["/dosing", prescriber],
      ["/portal", client],
      ["/portal/intake/medical", client],
    ].filter(([path]) => !ONLY || ONLY.includes(path)),
  );
} finally {
  if (app) await stopApp(app);
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

/**
 * A TCP relay between the app and PostgreSQL that reads the wire protocol from the
 * app's side and records every statement it runs: each simple query ('Q') and each
 * execution ('E') of a parsed one ('P', bound by 'B'). Transaction control (BEGIN, COMMIT, ROLLBACK) is left out.
 */
async function statementRelay(dbUrl) {
  const target = new URL(dbUrl);
  const seen = [];
  const server = net.createServer((app) => {
    const pgSocket = net.connect(Number(target.port || 5432), target.hostname);
    app.pipe(pgSocket);
    pgSocket.pipe(app);
    const close = () => {
      app.destroy();
      pgSocket.destroy();
    };
    app.on("error", close);
    pgSocket.on("error", close);
    app.on("close", close);
    pgSocket.on("close", close);
    let buffer = Buffer.alloc(0);
    let started = false;
    const prepared = new Map();
    let bound = "";
    const record = (sql) => {
      if (!/^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b/i.test(sql)) seen.push(sql);
    };
    app.on("data", (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (!started) {
          // Startup and SSL requests: a length and a code, no type byte.
          if (buffer.length < 8) return;
          const len = buffer.readInt32BE(0);
          if (buffer.length < len) return;
          const code = buffer.readInt32BE(4);
          buffer = buffer.subarray(len);
          if (code !== 80877103) started = true; // 80877103: SSLRequest, answered 'N' here
          continue;
        }
        if (buffer.length < 5) return;
        const type = String.fromCharCode(buffer[0]);
        const len = buffer.readInt32BE(1);
        if (buffer.length < len + 1) return;
        const body = buffer.subarray(5, len + 1);
        if (type === "Q") record(body.toString("utf8", 0, body.indexOf(0)));
        if (type === "P") {
          const nameEnd = body.indexOf(0);
          prepared.set(
            body.toString("utf8", 0, nameEnd),
            body.toString("utf8", nameEnd + 1, body.indexOf(0, nameEnd + 1)),
          );
        }
        if (type === "B") {
          const portalEnd = body.indexOf(0);
          bound = prepared.get(body.toString("utf8", portalEnd + 1, body.indexOf(0, portalEnd + 1))) ?? "?";
        }
        if (type === "E") record(bound);
        buffer = buffer.subarray(len + 1);
      }
    });
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const relayUrl = new URL(dbUrl);
  relayUrl.hostname = "127.0.0.1";
  relayUrl.port = String(server.address().port);
  return {
    url: relayUrl.toString(),
    take: () => seen.splice(0, seen.length),
    close: () => server.close(),
  };
}

/** The statements one request runs (after a warm-up request, jobs off). */
async function statementsFor(relay, path, cookie) {
  const settle = () => new Promise((r) => setTimeout(r, 500));
  await fetch(`${BASE}${path}`, { headers: { cookie } });
  await settle();
  relay.take();
  const res = await fetch(`${BASE}${path}`, { headers: { cookie } });
  await res.arrayBuffer();
  await settle();
  if (!res.ok) console.warn(`[bench] ${path} answered ${res.status}`);
  return relay.take();
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
