import { requireApiUser } from "@/lib/auth/session";
import { listClients } from "@/lib/server/clients";
import { json, problem, route } from "@/lib/server/http";
import { pageQuerySchema } from "@/lib/server/pagination";

/**
 * GET /api/clients?page=&stage= — the clients the caller may see. Searching by
 * name or e-mail is POST /api/clients/search, so identifying text stays out of URLs.
 */
export const GET = route(async (req) => {
  const actor = await requireApiUser();
  const sp = new URL(req.url).searchParams;
  if (sp.has("q")) {
    return problem(400, "VALIDATION", "Search with POST /api/clients/search; names do not belong in URLs.");
  }
  const page = pageQuerySchema.parse(sp.get("page") ?? undefined);
  const result = await listClients(actor, { page, stage: sp.get("stage") ?? undefined });
  return json(result);
});
