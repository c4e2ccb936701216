"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/server/action";
import { resetMfa } from "@/lib/server/mfa";
import { changeUserRole, setUserDisabled } from "@/lib/server/users";
import type { ResetMfaInput } from "@/lib/validation/mfa";

export async function setUserDisabledAction(input: { userId: string; disabled: boolean }) {
  const result = await runAction((actor) => setUserDisabled(actor, input));
  revalidatePath("/admin/users");
  return result;
}

export async function changeUserRoleAction(input: { userId: string; role: string }) {
  const result = await runAction((actor) => changeUserRole(actor, input));
  revalidatePath("/admin/users");
  return result;
}

/** A staff member lost their phone: their two-step sign-in is cleared and they are signed out. */
export async function resetMfaAction(input: ResetMfaInput) {
  const result = await runAction((actor) => resetMfa(actor, input));
  revalidatePath("/admin/users");
  return result;
}
