import "server-only";
import { cookies } from "next/headers";
import { NextRequest } from "next/server";
import { safeCallbackPath } from "@/lib/domain/auth/callback-url";
import { serverEnv } from "@/lib/env";

/** next-auth's cookie that remembers the callback between its steps (plain and __Secure- forms). */
const CALLBACK_COOKIES = ["next-auth.callback-url", "__Secure-next-auth.callback-url"];

/** The same-origin path a sign-in may return to, or null (docs/security.md S12). */
export const callbackPathFor = (value: unknown): string | null =>
  safeCallbackPath(value, serverEnv().APP_URL);

/**
 * next-auth refuses a `callbackUrl` query or cookie that does not parse as an http(s) URL with
 * a 500 (a JSON "server configuration" problem), before any callback of ours runs. So the request
 * reaches next-auth without them: a callback that is not one of our paths is dropped from the
 * query and its cookie deleted, and next-auth falls back to the app's root. Whatever is kept
 * still passes the `redirect` callback (lib/server/auth/next-auth-options.ts).
 */
export async function withoutUnsafeCallback(req: NextRequest): Promise<NextRequest> {
  const jar = await cookies();
  for (const name of CALLBACK_COOKIES) {
    const value = jar.get(name)?.value;
    if (value !== undefined && callbackPathFor(value) === null) jar.delete(name);
  }
  const values = req.nextUrl.searchParams.getAll("callbackUrl");
  if (values.length === 0 || (values.length === 1 && callbackPathFor(values[0]) !== null)) return req;
  const url = req.nextUrl.clone();
  url.searchParams.delete("callbackUrl");
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new NextRequest(url, {
    method: req.method,
    headers: req.headers,
    body: hasBody ? await req.arrayBuffer() : undefined,
  });
}
