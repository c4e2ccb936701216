import { requireApiUser } from "@/lib/server/auth/current-user";
import { getClientSummary } from "@/lib/server/clients/client-summary";
import { json, route } from "@/lib/server/core/http";
import { clientParamsSchema } from "@/lib/validation/search";

/** GET /api/clients/:id — one client, or 404 when the caller may not see it. */
export const GET = route({ params: clientParamsSchema }, async (_req, { params }) => {
  const actor = await requireApiUser();
  return json(await getClientSummary(actor, params.clientId));
});
