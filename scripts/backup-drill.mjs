// Backup and restore drill (docs/security.md R6): a database with the demo practice
// is dumped with `pg_dump -Fc` and restored with `pg_restore` into a new
// database; every table must come back with the same rows (count and content
// hash), and the record guarantees (triggers) must still hold in the copy.
// `npm test` runs it as the "backup" stage; alone: node scripts/backup-drill.mjs
// [server-url] (default TEST_DATABASE_URL, else 127.0.0.1:5432).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { createOwnedDatabase, dropDatabase, migrationEnv } from "./lib/postgres.mjs";
import { mustRunQuiet, node } from "./lib/run.mjs";

const root = resolve(fileURLToPath(import.meta.url), "../..");

/** The major version of a client tool on PATH, or null when it is not installed. */
function toolMajor(tool) {
  const r = spawnSync(tool, ["--version"], { encoding: "utf8" });
  if (r.status !== 0) return null;
  const m = /(\d+)(?:\.\d+)?/.exec(r.stdout);
  return m ? Number(m[1]) : null;
}

async function withClient(url, fn) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Per table: row count and an order-independent hash of every row's text. */
async function fingerprint(url) {
  return withClient(url, async (c) => {
    const { rows: tables } = await c.query(
      `SELECT table_name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    const out = {};
    for (const { table_name: t } of tables) {
      const q = `SELECT count(*)::int AS n, coalesce(md5(string_agg(r::text, E'\\n' ORDER BY r::text)), '') AS h FROM "${t}" r`;
      const { rows } = await c.query(q);
      out[t] = rows[0];
    }
    const { rows: triggers } = await c.query(
      "SELECT count(*)::int AS n FROM pg_trigger WHERE NOT tgisinternal",
    );
    out["(triggers)"] = { n: triggers[0].n, h: "" };
    return out;
  });
}

/**
 * Runs the drill against `serverUrl` (a server where databases may be created).
 * Returns "passed", or "skipped: …" when no pg_dump able to read that server is installed.
 */
export async function backupDrill(serverUrl, env = process.env) {
  const serverMajor = await withClient(serverUrl, async (c) =>
    Math.floor(Number((await c.query("SHOW server_version_num")).rows[0].server_version_num) / 10000),
  );
  const dumpMajor = toolMajor("pg_dump");
  const restoreMajor = toolMajor("pg_restore");
  if (dumpMajor === null || restoreMajor === null || dumpMajor < serverMajor) {
    return `skipped: needs pg_dump/pg_restore ${serverMajor} or newer (found ${dumpMajor ?? "none"}); install postgresql-client`;
  }
  const stamp = `${Date.now()}_${process.pid}`;
  const source = `kapstone_backup_src_${stamp}`;
  const copy = `kapstone_backup_copy_${stamp}`;
  const dir = mkdtempSync(join(tmpdir(), "kapstone-backup-"));
  const file = join(dir, "kapstone.dump");
  try {
    // Migrated as the owner role, loaded as the app's role, dumped and restored as the owner
    // (docs/security.md S11): the copy must come back with the app role's limits too.
    const sourceUrls = await createOwnedDatabase(serverUrl, source);
    const sourceUrl = sourceUrls.ownerUrl;
    const runEnv = migrationEnv(env, sourceUrls);
    await mustRunQuiet("Migrations", node, ["scripts/prisma.mjs", "migrate", "deploy"], {
      env: runEnv,
      cwd: root,
    });
    await mustRunQuiet(
      "Demo data",
      node,
      ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "prisma/seed.ts", "--yes"],
      { env: runEnv, cwd: root },
    );
    await mustRunQuiet("pg_dump", "pg_dump", ["-Fc", "--no-owner", "-f", file, sourceUrl]);
    const copyUrls = await createOwnedDatabase(serverUrl, copy);
    const copyUrl = copyUrls.ownerUrl;
    await mustRunQuiet("pg_restore", "pg_restore", ["--no-owner", "--exit-on-error", "-d", copyUrl, file]);

    const [before, after] = await Promise.all([fingerprint(sourceUrl), fingerprint(copyUrl)]);
    const problems = [];
    for (const t of new Set([...Object.keys(before), ...Object.keys(after)])) {
      const a = before[t];
      const b = after[t];
      if (!a || !b) problems.push(`${t}: only in the ${a ? "source" : "copy"}`);
      else if (a.n !== b.n) problems.push(`${t}: ${a.n} rows, ${b.n} after restore`);
      else if (a.h !== b.h) problems.push(`${t}: same ${a.n} rows but different content`);
    }
    if (Object.keys(before).length < 10) problems.push("the source has fewer tables than the schema");
    const populated = Object.entries(before).filter(([t, v]) => t !== "(triggers)" && v.n > 0).length;
    if (populated < 10) problems.push(`only ${populated} tables hold demo data; the drill proves little`);

    // The guarantees came back with the data: the audit trail still refuses edits.
    const refused = await withClient(copyUrl, async (c) => {
      await c.query(
        `INSERT INTO "AuditEvent" (id, action, outcome) VALUES ('backup-drill', 'backup.drill', 'OK')`,
      );
      for (const sql of [
        `UPDATE "AuditEvent" SET action = 'tampered' WHERE id = 'backup-drill'`,
        `DELETE FROM "AuditEvent" WHERE id = 'backup-drill'`,
        `TRUNCATE "AuditEvent"`,
      ]) {
        try {
          await c.query(sql);
          return false;
        } catch {}
      }
      return true;
    });
    if (!refused) problems.push("the restored audit trail accepted an UPDATE, DELETE or TRUNCATE");
    // …and the app's role is still held to rows: no DDL, no TRUNCATE, no DELETE of clinical rows.
    const appRefused = await withClient(copyUrls.appUrl, async (c) => {
      const accepted = [];
      for (const sql of [
        "CREATE TABLE backup_drill (id int)",
        `ALTER TABLE "AuditEvent" DISABLE TRIGGER audit_event_append_only`,
        `DELETE FROM "AuditEvent" WHERE id = 'backup-drill'`,
        `TRUNCATE "Note"`,
        `DELETE FROM "Client"`,
      ]) {
        try {
          await c.query(sql);
          accepted.push(sql);
        } catch {}
      }
      return accepted;
    });
    for (const sql of appRefused) problems.push(`the restored database let the app's role run: ${sql}`);
    // …while its grants came back: it still reads and writes rows.
    const appWorks = await withClient(copyUrls.appUrl, async (c) => {
      await c.query(
        `INSERT INTO "AuditEvent" (id, action, outcome) VALUES ('backup-drill-app', 'backup.drill', 'OK')`,
      );
      return (await c.query(`SELECT count(*)::int AS n FROM "Client"`)).rows[0].n === before.Client?.n;
    }).catch(() => false);
    if (!appWorks) problems.push("the app's role cannot read and write rows in the restored database");

    if (problems.length) throw new Error(`Backup drill failed:\n  ${problems.join("\n  ")}`);
    const rows = Object.entries(before)
      .filter(([t]) => t !== "(triggers)")
      .reduce((sum, [, v]) => sum + v.n, 0);
    return `passed: ${Object.keys(before).length - 1} tables, ${rows} rows and ${before["(triggers)"].n} triggers restored identically`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (!env.KEEP_TEST_DATABASES) {
      await dropDatabase(serverUrl, copy).catch(() => {});
      await dropDatabase(serverUrl, source).catch(() => {});
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const server =
    process.argv[2] ?? process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  process.chdir(root);
  backupDrill(server)
    .then((result) => console.log(`[backup drill] ${result}`))
    .catch((e) => {
      console.error(`[backup drill] ${e.message}`);
      process.exit(1);
    });
}
