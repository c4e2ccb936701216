import "server-only";
import { NextResponse } from "next/server";
import { jsonTextTooDeep, TOO_DEEP } from "@/lib/domain/core/nesting";
import { BodyRefused, readCappedText, TOO_LARGE } from "./body";

/** next.config.ts's `experimental.serverActions.bodySizeLimit` ("1mb"), in bytes. */
export const ACTION_BODY_LIMIT = 1024 * 1024;

/**
 * How deep a server action's body may nest as text. React decodes the body with a recursive
 * reviver that overflows the stack a few thousand levels down, inside Next, before the action
 * runs, and Next answers that (and its own body limit) with a 500. No form comes near this
 * depth; between 32 and this, the body decodes and the action refuses it with a field error
 * (`inputShapeProblem` in lib/actions/define.ts).
 */
const ACTION_TEXT_DEPTH = 64;

const refusal = (status: 400 | 413, code: string, message: string) =>
  NextResponse.json(
    { error: { code, message, ...(status === 400 ? { fieldErrors: { _form: [message] } } : {}) } },
    { status, headers: { "Cache-Control": "no-store" } },
  );

/** A POST that may be a server action: a fetch action names itself; a plain form posts a form. */
export function mayBeServerAction(req: Request): boolean {
  if (req.method !== "POST" || new URL(req.url).pathname.startsWith("/api/")) return false;
  const type = req.headers.get("content-type") ?? "";
  return (
    req.headers.has("next-action") ||
    type.startsWith("multipart/form-data") ||
    type.startsWith("application/x-www-form-urlencoded")
  );
}

/**
 * Refuses a server action's body before Next decodes it (docs/security.md R4): over the
 * limit (413, by its Content-Length or while reading a copy), or nested deeper than any form
 * sends (400). Answers null to let the request through; the action still gets the body.
 */
export async function refuseBadActionBody(req: Request): Promise<Response | null> {
  const declared = req.headers.get("content-length")?.trim();
  if (declared && /^\d+$/.test(declared) && Number(declared) > ACTION_BODY_LIMIT)
    return refusal(413, "TOO_LARGE", TOO_LARGE);
  let text: string;
  try {
    text = await readCappedText(req.clone(), ACTION_BODY_LIMIT);
  } catch (e) {
    if (e instanceof BodyRefused) return refusal(e.status, e.code, e.message);
    throw e;
  }
  return jsonTextTooDeep(text, ACTION_TEXT_DEPTH) ? refusal(400, "VALIDATION", TOO_DEEP) : null;
}
