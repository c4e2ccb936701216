import { z } from "zod";
import { route } from "@/lib/server/core/http";
import { ipFromHeaders } from "@/lib/server/core/request";
import { calendarFeedIcs } from "@/lib/server/scheduling/calendar-feed";

// Calendar apps ask for the feed's address as it was given, with or without ".ics".
const feedParams = z.object({ token: z.string().transform((t) => t.replace(/\.ics$/, "").slice(0, 200)) });

/** GET /api/calendar/feed/:token — a clinician's private calendar feed (clients by initials only). */
export const GET = route({ params: feedParams }, async (req, { params }) => {
  const body = await calendarFeedIcs(params.token, ipFromHeaders(req.headers));
  return new Response(body, {
    headers: { "Content-Type": "text/calendar; charset=utf-8", "Cache-Control": "no-store" },
  });
});
