import { z } from "zod";
import { PASSWORD_MAX } from "@/lib/domain/auth/password-rules";
import { normalizeRecoveryCode } from "@/lib/domain/auth/recovery-codes";
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

/** The password again, asked before the second factor changes (docs/security.md S13). */
export const currentPasswordSchema = z
  .string({ message: "Enter your password." })
  .min(1, "Enter your password.")
  .max(PASSWORD_MAX, "That password is too long.");

/** Turning two-step sign-in on or off: the password again and a code. */
export const mfaChangeSchema = z.object({ code: totpCodeSchema, password: currentPasswordSchema });
export type MfaChangeInput = z.input<typeof mfaChangeSchema>;

/** Making new recovery codes: the password again. */
export const regenerateRecoveryCodesSchema = z.object({ password: currentPasswordSchema });
export type RegenerateRecoveryCodesInput = z.input<typeof regenerateRecoveryCodesSchema>;

/** A recovery code as typed at sign-in (xxxx-xxxx-xx; case, spaces and dashes do not matter). */
export const recoveryCodeSchema = z
  .string({ message: "Enter one of your recovery codes." })
  .max(40, "Enter one of your recovery codes.")
  .refine((v) => normalizeRecoveryCode(v) !== null, "Enter a recovery code like 7k2m-q9xd-4f.");
