import { requireApiUser } from "@/lib/auth/session";
import { json, route } from "@/lib/server/http";
import { listScreeningQueue } from "@/lib/server/screening-queue";
import { queueQuerySchema } from "@/lib/validation/screenings";

/** GET /api/screenings/queue?page=&filter=all|absolute|rereview&state=&q= — prescribers only. */
export const GET = route(async (req) => {
  const actor = await requireApiUser();
  const query = queueQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  return json(await listScreeningQueue(actor, query));
});
