import { requireApiUser } from "@/lib/auth/session";
import { json, problem, route } from "@/lib/server/http";
import { listScreeningQueue } from "@/lib/server/screening-queue";
import { queueQuerySchema } from "@/lib/validation/screenings";

/**
 * GET /api/screenings/queue?page=&filter=all|absolute|rereview&state= — prescribers only.
 * Searching by name is POST with the same fields and `q` in the body, so
 * identifying text stays out of URLs (and so out of logs and history).
 */
export const GET = route(async (req) => {
  const actor = await requireApiUser();
  const params = new URL(req.url).searchParams;
  if (params.has("q")) {
    return problem(
      400,
      "VALIDATION",
      "Search the queue with POST /api/screenings/queue; names do not belong in URLs.",
    );
  }
  return json(await listScreeningQueue(actor, queueQuerySchema.parse(Object.fromEntries(params))));
});

/** POST /api/screenings/queue {page?, filter?, state?, q?} — the queue, searched by name. */
export const POST = route(async (req) => {
  const actor = await requireApiUser();
  const query = queueQuerySchema.parse(await req.json());
  return json(await listScreeningQueue(actor, query));
});
