import { afterAll } from "vitest";
import { db } from "@/lib/server/core/db";

if (!process.env.DATABASE_URL) {
  throw new Error("Integration tests need a migrated PostgreSQL: run them with `npm run test:integration`.");
}

afterAll(async () => {
  await db().$disconnect();
});
