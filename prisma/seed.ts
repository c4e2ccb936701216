// Loads the demo practice. Idempotent: a database that already has it is left alone.
// It refuses to run unless asked with --yes (npm run dev passes it for the
// embedded database it created itself).
import { db } from "@/lib/server/core/db";
import { loadDemoPractice } from "./demo/practice";
import demo from "./demo-accounts.json" with { type: "json" };

async function main() {
  if (!process.argv.includes("--yes")) {
    console.error(
      "[seed] Refusing to load demo data into a database this script did not create.\n" +
        "       To load the demo practice into the database at DATABASE_URL, run: npm run db:seed -- --yes",
    );
    process.exit(2);
  }
  const prisma = db();
  const existing = await prisma.practice.findUnique({ where: { slug: demo.practice.slug } });
  if (existing) {
    console.log(`[seed] Demo practice "${demo.practice.name}" is already loaded`);
  } else {
    const t0 = Date.now();
    await loadDemoPractice(prisma);
    console.log(`[seed] Demo practice "${demo.practice.name}" loaded in ${Date.now() - t0} ms`);
  }
  await prisma.$disconnect();
}

main().catch((e) => {
  console.error("[seed] failed:", e);
  process.exit(1);
});
