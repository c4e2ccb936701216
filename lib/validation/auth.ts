import { z } from "zod";
import { COMMON_PASSWORDS, PASSWORD_MAX, PASSWORD_MIN } from "@/lib/domain/auth/common-passwords";
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

export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters.`)
  .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`)
  .refine((p) => !COMMON_PASSWORDS.has(p.toLowerCase()), "That password is too common; choose another.");

export const acceptInvitationSchema = z
  .object({
    token: z.string().min(20).max(200),
    password: newPasswordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.password === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "The passwords do not match.",
  });
export type AcceptInvitationInput = z.input<typeof acceptInvitationSchema>;

/** Why this browser signs out; anything else is an ordinary sign-out. */
export const signOutReasonSchema = z.enum(["signed-out", "idle"]).catch("signed-out");

/** The input of an action that takes none: whatever the caller sends is ignored. */
export const noInputSchema = z.unknown();
