import "server-only";
import { jsonTextTooDeep, MAX_INPUT_DEPTH, TOO_DEEP } from "@/lib/domain/core/nesting";

/** The largest JSON body a route handler reads (the search form's is well under 1 kB). */
export const MAX_BODY_BYTES = 64 * 1024;

export const TOO_LARGE = "This request is too large.";

/** A body refused before it was parsed: too large (413) or nested too deeply (400). */
export class BodyRefused extends Error {
  constructor(
    readonly status: 400 | 413,
    readonly code: "VALIDATION" | "TOO_LARGE",
    message: string,
  ) {
    super(message);
    this.name = "BodyRefused";
  }
}

const tooLarge = () => new BodyRefused(413, "TOO_LARGE", TOO_LARGE);

/**
 * Cancels the rest of a body without waiting: the cancellation of one copy of a body
 * (Request.clone()) settles only once every copy is cancelled, so awaiting it could hang.
 */
const stopReading = (cancelled: Promise<void> | undefined) => void cancelled?.catch(() => {});

/**
 * Reads a request's JSON body within limits (docs/security.md R4): a Content-Length over
 * `maxBytes` is refused before a byte is read, and a body that grows past it while streaming
 * (no length given, or a false one) is refused as soon as it does, its stream cancelled. The
 * text's nesting is checked before JSON.parse, so zod never walks a value thousands deep.
 * Malformed JSON throws the SyntaxError of JSON.parse, as `Request.json()` would.
 */
export async function readJsonBody(
  req: Request,
  { maxBytes = MAX_BODY_BYTES, maxDepth = MAX_INPUT_DEPTH } = {},
): Promise<unknown> {
  const declared = req.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > maxBytes) {
    stopReading(req.body?.cancel());
    throw tooLarge();
  }
  const text = await readCappedText(req, maxBytes);
  if (jsonTextTooDeep(text, maxDepth)) throw new BodyRefused(400, "VALIDATION", TOO_DEEP);
  return JSON.parse(text);
}

/** A body's text, refused (413) as soon as it grows past `maxBytes`, its stream cancelled. */
export async function readCappedText(req: Request, maxBytes: number): Promise<string> {
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      stopReading(reader.cancel());
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}
