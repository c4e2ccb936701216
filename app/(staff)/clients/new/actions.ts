"use server";

import { runAction } from "@/lib/server/action";
import { addAndInviteClient } from "@/lib/server/invitations";
import type { ClientInvitationInput } from "@/lib/validation/invitations";

export async function addClientAction(input: ClientInvitationInput) {
  return runAction((actor) => addAndInviteClient(actor, input));
}
