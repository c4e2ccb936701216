"use server";

import { requestIp } from "@/lib/server/core/request";
import { acceptInvitation } from "@/lib/server/invitations/accept-invitation";
import { inviteStaff } from "@/lib/server/invitations/invite-staff";
import { resendInvitation, revokeInvitation } from "@/lib/server/invitations/manage-invitations";
import { acceptInvitationSchema } from "@/lib/validation/auth";
import { invitationIdSchema, staffInvitationSchema } from "@/lib/validation/invitations";
import { action, publicAction } from "./define";

const INVITATIONS = "/admin/invitations";

export const inviteStaffAction = action(staffInvitationSchema, (actor, input) => inviteStaff(actor, input), {
  revalidate: INVITATIONS,
});

export const revokeInvitationAction = action(
  invitationIdSchema,
  (actor, { invitationId }) => revokeInvitation(actor, invitationId),
  { revalidate: INVITATIONS },
);

export const resendInvitationAction = action(
  invitationIdSchema,
  (actor, { invitationId }) => resendInvitation(actor, invitationId),
  { revalidate: INVITATIONS },
);

/** Sets the password of a new account from an invitation link (no one is signed in yet). */
export const acceptInvitationAction = publicAction(acceptInvitationSchema, async (input) =>
  acceptInvitation(input, await requestIp()),
);
