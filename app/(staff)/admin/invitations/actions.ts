"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/server/action";
import { inviteStaff, resendInvitation, revokeInvitation } from "@/lib/server/invitations";
import type { StaffInvitationInput } from "@/lib/validation/invitations";

export async function inviteStaffAction(input: StaffInvitationInput) {
  const result = await runAction((actor) => inviteStaff(actor, input));
  revalidatePath("/admin/invitations");
  return result;
}

export async function revokeInvitationAction(invitationId: string) {
  const result = await runAction((actor) => revokeInvitation(actor, invitationId));
  revalidatePath("/admin/invitations");
  return result;
}

export async function resendInvitationAction(invitationId: string) {
  const result = await runAction((actor) => resendInvitation(actor, invitationId));
  revalidatePath("/admin/invitations");
  return result;
}
