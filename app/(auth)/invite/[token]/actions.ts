"use server";

import { runPublicAction } from "@/lib/server/action";
import { acceptInvitation } from "@/lib/server/invitations";
import { requestIp } from "@/lib/server/request";
import type { AcceptInvitationInput } from "@/lib/validation/auth";

export async function acceptInvitationAction(input: AcceptInvitationInput) {
  const ip = await requestIp();
  return runPublicAction(() => acceptInvitation(input, ip));
}
