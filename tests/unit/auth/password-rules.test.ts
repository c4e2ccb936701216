/**
 * docs/security.md S6: what a new password must be. 8 to 128 characters, not in
 * zxcvbn-ts's common-password dictionary (in any case), not the person's e-mail
 * or name; and the dictionary stays on the server.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { dictionary } from "@zxcvbn-ts/language-common";
import { describe, expect, it } from "vitest";
import { assertNewPasswordAllowed, isCommonPassword, newPasswordProblem } from "@/lib/auth/password-policy";
import { TOO_COMMON, TOO_LONG, TOO_PERSONAL, TOO_SHORT } from "@/lib/domain/auth/password-rules";
import { AppError } from "@/lib/errors";

const maya = { email: "maya.okafor@cedargrove.example", name: "Maya Okafor" };

describe("the password rules", () => {
  it("take 8 to 128 characters", () => {
    expect(newPasswordProblem("seven77", maya)).toBe(TOO_SHORT);
    expect(newPasswordProblem("x".repeat(129), maya)).toBe(TOO_LONG);
    expect(newPasswordProblem(`${"harbour ".repeat(16)}`.slice(0, 128), maya)).toBeNull();
  });

  it("refuse the passwords of the common-password dictionary, in any case", () => {
    for (const p of [
      "password1",
      "qwerty123",
      "Password123",
      "PASSWORD1",
      "iloveyou",
      "sunshine",
      "12345678",
    ]) {
      expect(newPasswordProblem(p, maya), p).toBe(TOO_COMMON);
    }
    // Product words are refused too.
    expect(newPasswordProblem("Kapstone123", maya)).toBe(TOO_COMMON);
  });

  it("use the full dictionary (tens of thousands of entries), not a short hand-kept list", () => {
    // Entries far down the zxcvbn-ts list that no short list holds.
    const deep = ["trustno1", "jordan23", "blink182", "superman", "football"];
    for (const p of deep) expect(isCommonPassword(p), p).toBe(true);
    const list = dictionary["passwords-common"];
    expect(list.length).toBeGreaterThan(10_000);
    // Every 500th entry long enough to pass the length rule, from the top of the list to its end.
    const sample = list.filter((p, i) => i % 500 === 0 && p.length >= 8);
    expect(sample.length).toBeGreaterThan(20);
    for (const p of sample) expect(newPasswordProblem(p, maya), p).toBe(TOO_COMMON);
  });

  it("allow a strong passphrase", () => {
    expect(newPasswordProblem("a quiet river bend", maya)).toBeNull();
    expect(newPasswordProblem("blue heron at dawn, 1987", maya)).toBeNull();
    expect(newPasswordProblem("correct horse battery staple", maya)).toBeNull();
  });

  it("refuse the person's e-mail address or name as password", () => {
    expect(newPasswordProblem("maya.okafor@cedargrove.example", maya)).toBe(TOO_PERSONAL);
    expect(newPasswordProblem("Maya.Okafor", maya)).toBe(TOO_PERSONAL);
    expect(newPasswordProblem("MAYA OKAFOR", maya)).toBe(TOO_PERSONAL);
    expect(newPasswordProblem("mayaokafor", maya)).toBe(TOO_PERSONAL);
    expect(newPasswordProblem("maya okafor's garden", maya)).toBeNull();
  });

  it("say what is wrong on the password field", () => {
    const thrown = (() => {
      try {
        assertNewPasswordAllowed("qwerty123", maya);
      } catch (e) {
        return e;
      }
    })();
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe("VALIDATION");
    expect((thrown as AppError).fieldErrors).toEqual({ password: [TOO_COMMON] });
  });
});

describe("the dictionary stays on the server", () => {
  const valueImports = (file: string) =>
    [...readFileSync(file, "utf8").matchAll(/^import\s+(?!type\b)[^;]*?from\s+"([^"]+)"/gm)].map(
      (m) => m[1] as string,
    );

  it("only a server-only module imports it, and nothing the browser loads imports that module", () => {
    const policy = readFileSync("lib/auth/password-policy.ts", "utf8");
    expect(policy).toMatch(/^import "server-only";/);
    const sources = (dir: string): string[] =>
      readdirSync(dir, { recursive: true, encoding: "utf8" })
        .filter((f) => /\.tsx?$/.test(f))
        .map((f) => join(dir, f));
    const all = [...sources("lib"), ...sources("components"), ...sources("app")];
    const importers = all.filter((f) => valueImports(f).includes("@zxcvbn-ts/language-common"));
    expect(importers).toEqual(["lib/auth/password-policy.ts"]);
    const clientSide = all.filter(
      (f) =>
        /^\s*["']use client["']/m.test(readFileSync(f, "utf8")) ||
        f.startsWith("lib/validation/") ||
        f.startsWith("lib/domain/"),
    );
    for (const f of clientSide) expect(valueImports(f), f).not.toContain("@/lib/auth/password-policy");
  });
});
