"use server";

import { addAndInviteClient } from "@/lib/server/clients/add-client";
import { clientInvitationSchema } from "@/lib/validation/invitations";
import { action } from "./define";

/** Adds a client and sends their portal invitation. */
export const addClientAction = action(clientInvitationSchema, (actor, input) =>
  addAndInviteClient(actor, input),
);
