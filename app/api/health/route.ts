import { checkDatabase } from "@/lib/server/core/health";

export const dynamic = "force-dynamic";

/** Liveness and database reachability, for load balancers and the setup scripts. */
export async function GET() {
  const database = await checkDatabase();
  return Response.json(
    { status: database ? "ok" : "degraded", database: database ? "up" : "down" },
    { status: database ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
