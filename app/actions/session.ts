"use server";

import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { signOutEverywhere } from "@/lib/server/auth-sessions";

/** Ends every session of the signed-in account, on every device. */
export async function signOutEverywhereAction() {
  const actor = await requireUser();
  await signOutEverywhere(actor);
  redirect("/signin?reason=everywhere");
}
