import { randomInt } from "node:crypto";
import {
  groupRecoveryCode,
  RECOVERY_CODE_ALPHABET,
  RECOVERY_CODE_COUNT,
  RECOVERY_CODE_LENGTH,
} from "@/lib/domain/auth/recovery-codes";

/** A new recovery code (lib/domain/auth/recovery-codes.ts), 50 random bits, grouped: "7k2m-q9xd-4f". */
export function newRecoveryCode(): string {
  let raw = "";
  for (let i = 0; i < RECOVERY_CODE_LENGTH; i++)
    raw += RECOVERY_CODE_ALPHABET[randomInt(RECOVERY_CODE_ALPHABET.length)];
  return groupRecoveryCode(raw);
}

export const newRecoveryCodes = (count = RECOVERY_CODE_COUNT) =>
  Array.from({ length: count }, newRecoveryCode);
