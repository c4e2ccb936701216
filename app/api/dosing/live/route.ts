import { requireApiUser } from "@/lib/server/auth/current-user";
import { json, route } from "@/lib/server/core/http";
import { listLiveDosing } from "@/lib/server/dosing/live-view";

/** GET /api/dosing/live — dosing sessions in progress and records awaiting a signature. */
export const GET = route({}, async () => {
  const actor = await requireApiUser();
  return json(await listLiveDosing(actor));
});
