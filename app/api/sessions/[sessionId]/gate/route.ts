import { requireApiUser } from "@/lib/server/auth/current-user";
import { json, route } from "@/lib/server/core/http";
import { getSessionGate } from "@/lib/server/dosing/dosing-gate";
import { sessionParamsSchema } from "@/lib/validation/scheduling";

/** GET /api/sessions/:id/gate — whether a dosing session may be confirmed or started, and why not. */
export const GET = route({ params: sessionParamsSchema }, async (_req, { params }) => {
  const actor = await requireApiUser();
  return json({ gate: await getSessionGate(actor, params.sessionId) });
});
