import { requireApiUser } from "@/lib/auth/session";
import { listCalendarSessions } from "@/lib/server/calendar";
import { json, route } from "@/lib/server/http";

/** GET /api/calendar/sessions?from=ISO&to=ISO — the clinician's sessions in a range of at most 62 days. */
export const GET = route(async (req) => {
  const actor = await requireApiUser();
  const sp = new URL(req.url).searchParams;
  return json(await listCalendarSessions(actor, { from: sp.get("from"), to: sp.get("to") }));
});
