import "server-only";
import { BodyRefused, readCappedText } from "@/lib/server/core/body";

/** The most a sign-in request may send (docs/security.md S7): a form of e-mail, password and code. */
export const SIGN_IN_BODY_LIMIT = 8 * 1024;

/**
 * The body as text, or null when it is larger than `limit` bytes. A declared
 * Content-Length over the limit is refused before anything is read; otherwise the
 * stream is read only up to the limit (`readCappedText`), so a body without a length is capped too.
 */
export async function readCappedBody(req: Request, limit = SIGN_IN_BODY_LIMIT): Promise<string | null> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (!Number.isFinite(declared) || declared > limit) return null;
  try {
    return await readCappedText(req, limit);
  } catch (e) {
    if (e instanceof BodyRefused) return null;
    throw e;
  }
}

/**
 * The e-mail a credentials sign-in names, read the way next-auth reads the body
 * (JSON or a URL-encoded form): "" when there is none, null for a body next-auth
 * would not read at all (any other content type, or JSON that does not parse).
 */
export function credentialsEmail(contentType: string | null, body: string): string | null {
  const type = contentType ?? "";
  let email: unknown;
  if (type.includes("application/json")) {
    try {
      email = (JSON.parse(body) as Record<string, unknown> | null)?.email;
    } catch {
      return null;
    }
  } else if (type.includes("application/x-www-form-urlencoded")) {
    email = new URLSearchParams(body).get("email");
  } else {
    return null;
  }
  return typeof email === "string" ? email : "";
}
