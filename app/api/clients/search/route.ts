import { requireApiUser } from "@/lib/server/auth/current-user";
import { listClients } from "@/lib/server/clients/client-list";
import { json, route } from "@/lib/server/core/http";
import { clientSearchSchema } from "@/lib/validation/search";

/** POST /api/clients/search {q?, stage?, page?} — the caller's clients matching a name or e-mail. */
export const POST = route({ body: clientSearchSchema }, async (_req, { body }) => {
  const actor = await requireApiUser();
  return json(await listClients(actor, body));
});
