import "server-only";
import { dictionary } from "@zxcvbn-ts/language-common";
import { passwordProblem } from "@/lib/domain/auth/password-rules";
import { AppError } from "@/lib/errors";

/**
 * The common-password check of lib/domain/auth/password-rules.ts, on the server
 * only: the dictionary of @zxcvbn-ts/language-common (about 49,000 passwords
 * from public breach lists) is too large for a browser, so forms check the
 * length and the server checks the rest. "server-only" keeps this module, and
 * the dictionary, out of every client bundle.
 */
let common: ReadonlySet<string> | undefined;
const commonPasswords = () => {
  common ??= new Set(dictionary["passwords-common"].map((p) => p.toLowerCase()));
  return common;
};

/** True for a password in the common-password dictionary, in any case. */
export const isCommonPassword = (password: string) => commonPasswords().has(password.toLowerCase());

/** Why this person may not use `password`, or null when they may. */
export const newPasswordProblem = (password: string, who: { email?: string | null; name?: string | null }) =>
  passwordProblem(password, who, isCommonPassword);

/**
 * Throws a VALIDATION error on `field` when `password` breaks the rules. Every
 * place that sets a password calls it (accepting an invitation, changing and
 * resetting a password).
 */
export function assertNewPasswordAllowed(
  password: string,
  who: { email?: string | null; name?: string | null },
  field = "password",
) {
  const problem = newPasswordProblem(password, who);
  if (problem) {
    throw new AppError("VALIDATION", "Please choose another password.", {
      fieldErrors: { [field]: [problem] },
    });
  }
}
