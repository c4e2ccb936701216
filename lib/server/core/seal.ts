import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { serverEnv } from "@/lib/env";

/**
 * Text kept encrypted at rest (AES-256-GCM) under a key derived from
 * NEXTAUTH_SECRET, one key per purpose: queued mail, authenticator secrets.
 * A copy of the database alone does not reveal them.
 */
const keyFor = (purpose: string) =>
  Buffer.from(hkdfSync("sha256", serverEnv().NEXTAUTH_SECRET, "", purpose, 32));

export function seal(purpose: string, text: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFor(purpose), iv);
  const body = Buffer.concat([cipher.update(text, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url");
}

/** The text `seal` was given; throws when it was sealed under another key or altered. */
export function unseal(purpose: string, sealed: string): string {
  const raw = Buffer.from(sealed, "base64url");
  const decipher = createDecipheriv("aes-256-gcm", keyFor(purpose), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}
