import { requireApiUser } from "@/lib/auth/session";
import { getClientSummary } from "@/lib/server/clients";
import { json, route } from "@/lib/server/http";
import { idSchema } from "@/lib/validation/common";

type Ctx = { params: Promise<{ clientId: string }> };

/** GET /api/clients/:id — one client, or 404 when the caller may not see it. */
export const GET = route<Ctx>(async (_req, { params }) => {
  const actor = await requireApiUser();
  const clientId = idSchema.parse((await params).clientId);
  return json(await getClientSummary(actor, clientId));
});
