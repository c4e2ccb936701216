import { z } from "zod";
import { idSchema } from "@/lib/domain/core/fields";

/** A 6-digit code from an authenticator app; spaces people type between groups are ignored. */
export const totpCodeSchema = z
  .string({ message: "Enter the 6-digit code." })
  .max(20, "Enter the 6-digit code.")
  .transform((v) => v.replace(/\s/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, "Enter the 6-digit code from your authenticator app."));

/** Turning two-step sign-in on (with the code the new secret shows) or off (with a current code). */
export const mfaCodeSchema = z.object({ code: totpCodeSchema });
export type MfaCodeInput = z.input<typeof mfaCodeSchema>;

/** An admin resets a staff member's two-step sign-in (a lost phone). */
export const resetMfaSchema = z.object({ userId: idSchema });
export type ResetMfaInput = z.input<typeof resetMfaSchema>;
