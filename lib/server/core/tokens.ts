import "server-only";
import { createHash, randomBytes } from "node:crypto";

/** A fresh random token for a link (invitation, calendar feed); 256 bits, URL-safe. */
export const newToken = () => randomBytes(32).toString("base64url");

/** Tokens are stored only as their SHA-256. */
export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
