import { requireApiUser } from "@/lib/auth/session";
import { listLiveDosing } from "@/lib/server/dosing-day";
import { json, route } from "@/lib/server/http";

/** GET /api/dosing/live — dosing sessions in progress and records awaiting a signature. */
export const GET = route(async () => {
  const actor = await requireApiUser();
  return json(await listLiveDosing(actor));
});
