import { requireApiUser } from "@/lib/server/auth/current-user";
import { listClients } from "@/lib/server/clients/client-list";
import { json, problem, route } from "@/lib/server/core/http";
import { clientListQuerySchema } from "@/lib/validation/search";

/**
 * GET /api/clients?page=&stage= — the clients the caller may see. Searching by
 * name or e-mail is POST /api/clients/search, so identifying text stays out of URLs.
 */
export const GET = route({ query: clientListQuerySchema }, async (req, { query }) => {
  const actor = await requireApiUser();
  if (new URL(req.url).searchParams.has("q")) {
    return problem(400, "VALIDATION", "Search with POST /api/clients/search; names do not belong in URLs.");
  }
  return json(await listClients(actor, query));
});
