/**
 * Recovery codes of two-step sign-in (docs/security.md S5): ten single-use codes, each shown once,
 * for the day the phone is lost. A code is 10 characters of Crockford's base32 (no I, L, O or U),
 * shown as xxxx-xxxx-xx: 50 random bits (made in lib/auth/recovery-codes.ts), stored only as a
 * SHA-256 (lib/server/auth/recovery-codes.ts).
 */
export const RECOVERY_CODE_COUNT = 10;
/** At or below this many unused codes the account page says to make new ones. */
export const RECOVERY_CODES_FEW = 3;

export const RECOVERY_CODE_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
export const RECOVERY_CODE_LENGTH = 10;

/** "7k2mq9xd4f" → "7k2m-q9xd-4f", as codes are shown. */
export const groupRecoveryCode = (raw: string) => `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;

/**
 * A code as typed (any case, spaces or dashes anywhere, I and L read as 1, O as 0) in the one form
 * its hash is taken of; null when it cannot be a recovery code.
 */
export function normalizeRecoveryCode(typed: string): string | null {
  const clean = typed.toLowerCase().replace(/[\s-]/g, "").replace(/[il]/g, "1").replace(/o/g, "0");
  if (clean.length !== RECOVERY_CODE_LENGTH) return null;
  for (const ch of clean) if (!RECOVERY_CODE_ALPHABET.includes(ch)) return null;
  return clean;
}
