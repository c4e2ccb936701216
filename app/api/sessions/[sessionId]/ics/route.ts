import { requireApiUser } from "@/lib/auth/session";
import { route } from "@/lib/server/http";
import { sessionIcs } from "@/lib/server/ics-export";
import { idSchema } from "@/lib/validation/common";

type Ctx = { params: Promise<{ sessionId: string }> };

/** GET /api/sessions/:id/ics — the session as a calendar file. */
export const GET = route<Ctx>(async (_req, { params }) => {
  const actor = await requireApiUser();
  const { body, filename } = await sessionIcs(actor, idSchema.parse((await params).sessionId));
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
    },
  });
});
