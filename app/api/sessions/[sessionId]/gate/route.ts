import { requireApiUser } from "@/lib/auth/session";
import { json, route } from "@/lib/server/http";
import { getSessionGate } from "@/lib/server/sessions";
import { idSchema } from "@/lib/validation/common";

type Ctx = { params: Promise<{ sessionId: string }> };

/** GET /api/sessions/:id/gate — whether a dosing session may be confirmed or started, and why not. */
export const GET = route<Ctx>(async (_req, { params }) => {
  const actor = await requireApiUser();
  const sessionId = idSchema.parse((await params).sessionId);
  return json({ gate: await getSessionGate(actor, sessionId) });
});
