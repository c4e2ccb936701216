import { requireApiUser } from "@/lib/server/auth/current-user";
import { json, problem, route } from "@/lib/server/core/http";
import { listScreeningQueue } from "@/lib/server/screening/screening-queue";
import { queueQuerySchema } from "@/lib/validation/screening";

/**
 * GET /api/screenings/queue?page=&filter=all|absolute|rereview&state= — prescribers only.
 * Searching by name is POST with the same fields and `q` in the body, so
 * identifying text stays out of URLs (and so out of logs and history).
 */
export const GET = route({ query: queueQuerySchema }, async (req, { query }) => {
  const actor = await requireApiUser();
  if (new URL(req.url).searchParams.has("q")) {
    return problem(
      400,
      "VALIDATION",
      "Search the queue with POST /api/screenings/queue; names do not belong in URLs.",
    );
  }
  return json(await listScreeningQueue(actor, query));
});

/** POST /api/screenings/queue {page?, filter?, state?, q?} — the queue, searched by name. */
export const POST = route({ body: queueQuerySchema }, async (_req, { body }) => {
  const actor = await requireApiUser();
  return json(await listScreeningQueue(actor, body));
});
