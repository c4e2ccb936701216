import { z } from "zod";
import { PASSWORD_MAX, PASSWORD_MIN, TOO_LONG, TOO_SHORT } from "@/lib/domain/auth/password-rules";
import { recoveryCodeSchema, totpCodeSchema } from "./two-step";

export const emailSchema = z
  .string()
  .trim()
  .min(1, "Enter an e-mail address.")
  .max(254, "That e-mail address is too long.")
  .email("Enter a valid e-mail address.")
  .transform((v) => v.toLowerCase());

export const signInSchema = z.object({
  email: emailSchema,
  // Sign-in only checks presence: the policy applies when a password is set.
  password: z.string().min(1, "Enter your password.").max(PASSWORD_MAX, "That password is too long."),
  /** The authenticator code, asked for once the password is right when two-step sign-in is on. */
  code: z.preprocess((v) => (v === "" || v === "undefined" ? undefined : v), totpCodeSchema.optional()),
  /** Instead of the code: one of the account's recovery codes (docs/security.md S5). */
  recoveryCode: z.preprocess(
    (v) => (v === "" || v === "undefined" ? undefined : v),
    recoveryCodeSchema.optional(),
  ),
});
export type SignInInput = z.input<typeof signInSchema>;

/**
 * A new password, as a form can check it: the length only. The server also
 * refuses common passwords and the person's own e-mail or name
 * (assertNewPasswordAllowed in lib/auth/password-policy.ts), which needs a
 * dictionary too large to send to a browser.
 */
export const newPasswordSchema = z.string().min(PASSWORD_MIN, TOO_SHORT).max(PASSWORD_MAX, TOO_LONG);

const MISMATCH = { path: ["confirmPassword"], message: "The passwords do not match." };
const matching = (v: { password: string; confirmPassword: string }) => v.password === v.confirmPassword;

export const acceptInvitationSchema = z
  .object({
    token: z.string().min(20).max(200),
    password: newPasswordSchema,
    confirmPassword: z.string().max(PASSWORD_MAX, TOO_LONG),
  })
  .refine(matching, MISMATCH);
export type AcceptInvitationInput = z.input<typeof acceptInvitationSchema>;

/** Changing one's own password: the current one, and the new one twice. */
export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password.").max(PASSWORD_MAX, TOO_LONG),
    password: newPasswordSchema,
    confirmPassword: z.string().max(PASSWORD_MAX, TOO_LONG),
  })
  .refine(matching, MISMATCH);
export type ChangePasswordInput = z.input<typeof changePasswordSchema>;

/** Asking for a password-reset link. */
export const requestPasswordResetSchema = z.object({ email: emailSchema });
export type RequestPasswordResetInput = z.input<typeof requestPasswordResetSchema>;

/** Setting a new password from a reset link. */
export const resetPasswordSchema = z
  .object({
    token: z.string().min(20).max(200),
    password: newPasswordSchema,
    confirmPassword: z.string().max(PASSWORD_MAX, TOO_LONG),
  })
  .refine(matching, MISMATCH);
export type ResetPasswordInput = z.input<typeof resetPasswordSchema>;

/** Why this browser signs out; anything else is an ordinary sign-out. */
export const signOutReasonSchema = z.enum(["signed-out", "idle"]).catch("signed-out");

/** The input of an action that takes none: whatever the caller sends is ignored. */
export const noInputSchema = z.unknown();
