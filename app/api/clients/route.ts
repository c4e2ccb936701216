import { requireApiUser } from "@/lib/auth/session";
import { listClients } from "@/lib/server/clients";
import { json, route } from "@/lib/server/http";
import { pageQuerySchema } from "@/lib/server/pagination";

/** GET /api/clients?page=&q=&stage= — the clients the caller may see. */
export const GET = route(async (req) => {
  const actor = await requireApiUser();
  const sp = new URL(req.url).searchParams;
  const page = pageQuerySchema.parse(sp.get("page") ?? undefined);
  const result = await listClients(actor, {
    page,
    q: sp.get("q")?.slice(0, 100) ?? undefined,
    stage: sp.get("stage") ?? undefined,
  });
  return json(result);
});
