import "server-only";
import { hash, verify } from "@node-rs/argon2";

/** argon2id with OWASP's minimum: 19 MiB, 2 passes, 1 lane (docs/security.md S6). */
export const ARGON2_OPTIONS = {
  // Algorithm.Argon2id: the package exports a const enum, which isolated modules cannot read.
  algorithm: 2,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/** Verifies against a throw-away hash so that an unknown e-mail costs the same time. */
export async function spendVerifyTime(password: string): Promise<void> {
  dummyHash ??= hashPassword("kapstone-timing-equaliser");
  await verifyPassword(await dummyHash, password);
}
