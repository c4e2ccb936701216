import { afterAll } from "vitest";
import { db } from "@/lib/server/core/db";
import { closeOwnerConnection } from "../fixtures/owner";

// scripts/test.mjs gives each worker its own copy of the migrated database; the worker's
// number (1, 2, ...) picks it before anything here opens a connection. DATABASE_URL connects
// as the app's role (kapstone_app); the owner's URL is for tests/fixtures/owner.ts alone.
const copies = (process.env.KAPSTONE_TEST_DATABASE_URLS ?? "").split(" ").filter(Boolean);
const owners = (process.env.KAPSTONE_TEST_OWNER_DATABASE_URLS ?? "").split(" ").filter(Boolean);
const worker = Number(process.env.VITEST_POOL_ID ?? 1);
if (copies.length) {
  const url = copies[worker - 1];
  if (!url)
    throw new Error(`Integration worker ${worker} has no database of its own (${copies.length} made)`);
  process.env.DATABASE_URL = url;
  process.env.KAPSTONE_TEST_OWNER_DATABASE_URL = owners[worker - 1];
}

if (!process.env.DATABASE_URL) {
  throw new Error("Integration tests need a migrated PostgreSQL: run them with `npm run test:integration`.");
}

afterAll(async () => {
  await db().$disconnect();
  await closeOwnerConnection();
});
