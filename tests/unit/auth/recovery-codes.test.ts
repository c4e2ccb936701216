import { describe, expect, it } from "vitest";
import { newRecoveryCode, newRecoveryCodes } from "@/lib/auth/recovery-codes";
import {
  normalizeRecoveryCode,
  RECOVERY_CODE_ALPHABET,
  RECOVERY_CODE_LENGTH,
} from "@/lib/domain/auth/recovery-codes";
import { recoveryCodeSchema } from "@/lib/validation/two-step";

describe("recovery codes", () => {
  it("have at least 50 random bits, shown as xxxx-xxxx-xx", () => {
    expect(RECOVERY_CODE_LENGTH * Math.log2(RECOVERY_CODE_ALPHABET.length)).toBeGreaterThanOrEqual(50);
    expect(new Set(RECOVERY_CODE_ALPHABET).size).toBe(32);
    for (const code of newRecoveryCodes(50)) expect(code).toMatch(/^[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{2}$/);
    expect(new Set(newRecoveryCodes(1000)).size).toBe(1000);
  });

  it("read as typed: any case, spaces or dashes, I and L as 1, O as 0", () => {
    const code = newRecoveryCode();
    const raw = code.replace(/-/g, "");
    expect(normalizeRecoveryCode(code)).toBe(raw);
    expect(normalizeRecoveryCode(` ${code.toUpperCase().replace(/-/g, " ")} `)).toBe(raw);
    expect(normalizeRecoveryCode("ILO0-1111-11")).toBe("1100111111");
  });

  it("refuse what cannot be a recovery code", () => {
    for (const typed of ["", "123456", "abcd-efgh-j", "abcd-efgh-jkm", "abcd-efgh-u1", "abcd-efgh-!1"])
      expect(normalizeRecoveryCode(typed)).toBeNull();
    expect(recoveryCodeSchema.safeParse("123456").success).toBe(false);
    expect(recoveryCodeSchema.safeParse(newRecoveryCode()).success).toBe(true);
  });
});
