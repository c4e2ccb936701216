import { requireApiUser } from "@/lib/server/auth/current-user";
import { route } from "@/lib/server/core/http";
import { sessionIcs } from "@/lib/server/scheduling/calendar-feed";
import { sessionParamsSchema } from "@/lib/validation/scheduling";

/** GET /api/sessions/:id/ics — the session as a calendar file. */
export const GET = route({ params: sessionParamsSchema }, async (_req, { params }) => {
  const actor = await requireApiUser();
  const { body, filename } = await sessionIcs(actor, params.sessionId);
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
});
