import { route } from "@/lib/server/http";
import { calendarFeedIcs } from "@/lib/server/ics-export";
import { ipFromHeaders } from "@/lib/server/request";

type Ctx = { params: Promise<{ token: string }> };

/** GET /api/calendar/feed/:token — a clinician's private calendar feed (clients by initials only). */
export const GET = route<Ctx>(async (req, { params }) => {
  const token = (await params).token.replace(/\.ics$/, "").slice(0, 200);
  const body = await calendarFeedIcs(token, ipFromHeaders(req.headers));
  return new Response(body, {
    headers: { "Content-Type": "text/calendar; charset=utf-8", "Cache-Control": "no-store" },
  });
});
