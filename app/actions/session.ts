"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { endCurrentSession, requireUser } from "@/lib/auth/session";
import { signOutEverywhere } from "@/lib/server/auth-sessions";

/** Ends every session of the signed-in account, on every device. */
export async function signOutEverywhereAction() {
  const actor = await requireUser();
  await signOutEverywhere(actor);
  redirect("/signin?reason=everywhere");
}

const signOutReason = z.enum(["signed-out", "idle"]).catch("signed-out");

/**
 * Signs this browser out (the menu's "Sign out", or the idle timer). The caller
 * then loads the sign-in page in full, which also drops everything the tab held.
 */
export async function signOutAction(reason: unknown) {
  await endCurrentSession(signOutReason.parse(reason));
}
