/**
 * What a new password must be (docs/security.md S6): 8 to 128 characters, not a
 * common password, and not the person's own e-mail address or name. The list of
 * common passwords is large and stays on the server (lib/auth/password-policy.ts
 * hands it in as `isCommon`); a browser checks the length only.
 */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

export const TOO_SHORT = `Use at least ${PASSWORD_MIN} characters.`;
export const TOO_LONG = `Use at most ${PASSWORD_MAX} characters.`;
export const TOO_COMMON = "That password is too common; choose another.";
export const TOO_PERSONAL = "Do not use your e-mail address or name as your password.";

/** Words tied to this product and its clinics that a guesser tries first. */
export const PRODUCT_WORDS: readonly string[] = [
  "kapstone",
  "kapstone1",
  "kapstone123",
  "ketamine",
  "ketamine1",
  "ketamine123",
  "therapist",
  "therapy123",
  "psychotherapy",
];

/** Lower case, without spaces and the punctuation people put between words. */
const squash = (s: string) => s.toLowerCase().replace(/[\s._\-+@]/g, "");

/** The forms of a person's e-mail address and name a password may not be. */
export function personalWords(who: { email?: string | null; name?: string | null }): string[] {
  const words = new Set<string>();
  const email = who.email?.trim().toLowerCase();
  if (email) {
    words.add(email);
    const local = email.split("@")[0];
    if (local) words.add(local);
  }
  const name = who.name?.trim().toLowerCase();
  if (name) {
    words.add(name);
    for (const part of name.split(/\s+/)) if (part.length >= 4) words.add(part);
  }
  return [...words].filter(Boolean);
}

/**
 * Why `password` may not be used, or null when it may. `isCommon` answers for
 * the lower-cased password.
 */
export function passwordProblem(
  password: string,
  who: { email?: string | null; name?: string | null },
  isCommon: (lowerCased: string) => boolean,
): string | null {
  if (password.length < PASSWORD_MIN) return TOO_SHORT;
  if (password.length > PASSWORD_MAX) return TOO_LONG;
  const lower = password.toLowerCase();
  if (isCommon(lower) || PRODUCT_WORDS.includes(lower) || isCommon(lower.trim())) return TOO_COMMON;
  const squashed = squash(password);
  if (personalWords(who).some((w) => lower === w || squashed === squash(w))) return TOO_PERSONAL;
  return null;
}
