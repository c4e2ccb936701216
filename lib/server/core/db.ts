import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { databaseEnv } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";

function createClient() {
  const { DATABASE_URL, DATABASE_POOL_SIZE } = databaseEnv();
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: DATABASE_URL, max: DATABASE_POOL_SIZE }),
    // Secrets never leave the data layer by accident: select them explicitly.
    omit: { user: { passwordHash: true, mfaSecret: true } },
  });
}

export type Db = ReturnType<typeof createClient>;
const globalForPrisma = globalThis as unknown as { kapstonePrisma?: Db };

/** The one Prisma client of the process, created on first use. */
export function db(): Db {
  globalForPrisma.kapstonePrisma ??= createClient();
  return globalForPrisma.kapstonePrisma;
}

/** The client inside `db().$transaction(async (tx) => ...)`. */
export type Tx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;
