// PostgreSQL for the dev and test scripts: an existing server when one is
// configured or answering, otherwise an embedded PostgreSQL 17 from npm.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import pg from "pg";
import { reachableByOthers, startEmbeddedPostgres } from "./embedded-pg.mjs";

/** True when a server accepts connections at `url` within `timeoutMs`. */
export async function answers(url, timeoutMs = 2000) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function adminQuery(serverUrl, sql) {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, "postgres") });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function createDatabase(serverUrl, name) {
  await adminQuery(serverUrl, `CREATE DATABASE "${name}"`);
  return withDatabase(serverUrl, name);
}

export async function dropDatabase(serverUrl, name) {
  await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
}

/**
 * Where the embedded cluster keeps its files: `preferred` (under the checkout),
 * unless the server must run as user "postgres" (we are root) and that user
 * cannot reach the checkout; then a folder under /var/tmp named after it.
 */
export function embeddedDataDir(preferred) {
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || reachableByOthers(dirname(preferred))) return preferred;
  const key = createHash("sha256").update(resolve(preferred)).digest("hex").slice(0, 12);
  const base = existsSync("/var/tmp") ? "/var/tmp" : tmpdir();
  return join(base, `kapstone-${key}`, "postgres");
}

/** Is a postmaster from an earlier run still serving this data directory? */
export function runningPostmaster(dataDir) {
  const pidFile = join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const [pidLine, , , portLine] = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(pidLine);
  try {
    process.kill(pid, 0);
    return { pid, port: Number(portLine) };
  } catch {
    return null;
  }
}

/** Starts an embedded PostgreSQL 17 (see embedded-pg.mjs). */
export async function startEmbedded({ dataDir, port, persistent }) {
  mkdirSync(dirname(dataDir), { recursive: true, mode: 0o755 });
  return startEmbeddedPostgres({ dataDir, port, persistent });
}
