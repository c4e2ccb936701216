// Runs the Prisma CLI offline. `prisma generate` only needs DATABASE_URL to be
// present (any value): without it Prisma 6 tries to download a query engine.
// `prisma migrate …` runs as the database's owner role: MIGRATION_DATABASE_URL when set
// (docs/security.md S11; the app's own DATABASE_URL role may not change the schema).
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const cli = require.resolve("prisma/build/index.js");
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" };
const args = process.argv.slice(2);
if (args[0] === "migrate" && env.MIGRATION_DATABASE_URL) env.DATABASE_URL = env.MIGRATION_DATABASE_URL;
env.DATABASE_URL ||= "postgresql://generate-only@localhost:5432/unused";
const r = spawnSync(process.execPath, [cli, ...args], { stdio: "inherit", env });
process.exit(r.status ?? 1);
