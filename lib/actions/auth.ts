"use server";

import { redirect } from "next/navigation";
import { changePassword } from "@/lib/server/auth/change-password";
import { endCurrentSession } from "@/lib/server/auth/current-user";
import { requestPasswordReset, resetPassword } from "@/lib/server/auth/password-reset";
import { regenerateRecoveryCodes } from "@/lib/server/auth/recovery-codes";
import { signOutEverywhere } from "@/lib/server/auth/sessions";
import { disableMfa, enableMfa, resetMfa, startMfaSetup } from "@/lib/server/auth/two-step";
import { requestIp } from "@/lib/server/core/request";
import {
  changePasswordSchema,
  noInputSchema,
  requestPasswordResetSchema,
  resetPasswordSchema,
  signOutReasonSchema,
} from "@/lib/validation/auth";
import { mfaChangeSchema, regenerateRecoveryCodesSchema, resetMfaSchema } from "@/lib/validation/two-step";
import { action, publicAction } from "./define";

/** Ends every session of the signed-in account, on every device. */
export const signOutEverywhereAction = action(noInputSchema, async (actor) => {
  await signOutEverywhere(actor);
  redirect("/signin?reason=everywhere");
});

/**
 * Signs this browser out (the menu's "Sign out", or the idle timer), signed in
 * or not any more. The caller then loads the sign-in page in full, which also
 * drops everything the tab held.
 */
export const signOutAction = publicAction(signOutReasonSchema, (reason) => endCurrentSession(reason));

const SECURITY = "/account/security";

/** Both steps also run while the practice's required two-step sign-in is still to be set up. */
export const startMfaSetupAction = action(noInputSchema, (actor) => startMfaSetup(actor), {
  revalidate: SECURITY,
  duringTwoStepSetup: true,
});

/**
 * Answers the ten recovery codes, shown once; the page is re-rendered when the person has
 * noted them (a re-render now would take them off the screen).
 */
export const enableMfaAction = action(mfaChangeSchema, (actor, input) => enableMfa(actor, input), {
  duringTwoStepSetup: true,
});

export const disableMfaAction = action(mfaChangeSchema, (actor, input) => disableMfa(actor, input), {
  revalidate: SECURITY,
});

/** New recovery codes in place of the old, shown once (the page re-renders when they are noted). */
export const regenerateRecoveryCodesAction = action(regenerateRecoveryCodesSchema, (actor, input) =>
  regenerateRecoveryCodes(actor, input),
);

/** A staff member lost their phone: their two-step sign-in is cleared and they are signed out. */
export const resetMfaAction = action(resetMfaSchema, (actor, input) => resetMfa(actor, input), {
  revalidate: "/admin/users",
});

/** Changes the signed-in person's password; this browser stays signed in, every other one is signed out. */
export const changePasswordAction = action(changePasswordSchema, (actor, input) =>
  changePassword(actor, input),
);

/**
 * Asks for a password-reset link (no one is signed in). The answer is the same
 * whether or not the address has an account, and does not wait for the mail.
 */
export const requestPasswordResetAction = publicAction(requestPasswordResetSchema, async (input) => {
  const { message } = await requestPasswordReset(input, await requestIp());
  return { message };
});

/** Sets a new password from a reset link; every session of the account ends. */
export const resetPasswordAction = publicAction(resetPasswordSchema, async (input) => {
  await resetPassword(input, await requestIp());
  return null;
});
