"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/server/action";
import { disableMfa, enableMfa, startMfaSetup } from "@/lib/server/mfa";
import type { MfaCodeInput } from "@/lib/validation/mfa";

export async function startMfaSetupAction() {
  const result = await runAction((actor) => startMfaSetup(actor));
  revalidatePath("/account/security");
  return result;
}

export async function enableMfaAction(input: MfaCodeInput) {
  const result = await runAction((actor) => enableMfa(actor, input));
  if (result.ok) revalidatePath("/account/security");
  return result;
}

export async function disableMfaAction(input: MfaCodeInput) {
  const result = await runAction((actor) => disableMfa(actor, input));
  if (result.ok) revalidatePath("/account/security");
  return result;
}
