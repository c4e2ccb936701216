import { requireApiUser } from "@/lib/auth/session";
import { listClients } from "@/lib/server/clients";
import { json, route } from "@/lib/server/http";
import { clientSearchSchema } from "@/lib/validation/search";

/** POST /api/clients/search {q?, stage?, page?} — the caller's clients matching a name or e-mail. */
export const POST = route(async (req) => {
  const actor = await requireApiUser();
  const input = clientSearchSchema.parse(await req.json());
  return json(await listClients(actor, input));
});
