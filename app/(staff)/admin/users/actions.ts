"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/server/action";
import { changeUserRole, setUserDisabled } from "@/lib/server/users";

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
