import { requireApiUser } from "@/lib/server/auth/current-user";
import { json, route } from "@/lib/server/core/http";
import { listCalendarSessions } from "@/lib/server/scheduling/calendar";
import { calendarRangeSchema } from "@/lib/validation/scheduling";

/** GET /api/calendar/sessions?from=ISO&to=ISO — the clinician's sessions in a range of at most 62 days. */
export const GET = route({ query: calendarRangeSchema }, async (_req, { query }) => {
  const actor = await requireApiUser();
  return json(await listCalendarSessions(actor, query));
});
