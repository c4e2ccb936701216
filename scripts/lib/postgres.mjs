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

// The two database roles (docs/security.md S11): migrations run as the owner, the app as
// kapstone_app, which owns nothing and may only read and write rows. Roles belong to the
// whole cluster, so every database the scripts make shares them. The passwords are for
// local throw-away clusters only (the README says how to make the roles in production).
export const OWNER_ROLE = "kapstone_owner";
export const APP_ROLE = "kapstone_app";

/** Creates the two roles when missing. Runs in parallel elsewhere too: losing the race is fine. */
export async function ensureRoles(serverUrl) {
  for (const role of [OWNER_ROLE, APP_ROLE]) {
    await adminQuery(
      serverUrl,
      `DO $$ BEGIN
         IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${role}') THEN
           CREATE ROLE ${role} LOGIN PASSWORD '${role}';
         ELSIF NOT (SELECT rolcanlogin FROM pg_roles WHERE rolname = '${role}') THEN
           ALTER ROLE ${role} LOGIN PASSWORD '${role}';
         END IF;
       EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
       END $$`,
    );
  }
}

/** `url` with the given role's user name and (local) password. */
export function asRole(url, role) {
  const u = new URL(url);
  u.username = role;
  u.password = role;
  return u.toString();
}

/** A new database owned by the owner role: `ownerUrl` for migrations, `appUrl` for the app. */
export async function createOwnedDatabase(serverUrl, name, template) {
  await ensureRoles(serverUrl);
  const from = template ? ` TEMPLATE "${template}"` : "";
  await adminQuery(serverUrl, `CREATE DATABASE "${name}"${from} OWNER ${OWNER_ROLE}`);
  // A database's own privileges are not copied from a template (nor restored from a dump):
  // repeat what prisma/migrations/20261204130302_app_role does to this one.
  await adminQuery(serverUrl, `REVOKE TEMPORARY ON DATABASE "${name}" FROM PUBLIC`);
  return databaseUrls(withDatabase(serverUrl, name));
}

/** The owner's and the app's URLs of the database at `url`. */
export function databaseUrls(url) {
  return { ownerUrl: asRole(url, OWNER_ROLE), appUrl: asRole(url, APP_ROLE) };
}

/**
 * Applies the migrations as the owner role (MIGRATION_DATABASE_URL, which scripts/prisma.mjs
 * hands to Prisma's migrate commands).
 */
export function migrationEnv(env, { ownerUrl, appUrl }) {
  return { ...env, DATABASE_URL: appUrl, MIGRATION_DATABASE_URL: ownerUrl };
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
