import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

function createClient() {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set (see .env.example)");
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) }),
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
