import { type NextRequest, NextResponse } from "next/server";
import { nonceFromBytes, securityHeaders } from "@/lib/domain/core/security-headers";
import { runtimeMode } from "@/lib/env";
import { mayBeServerAction, refuseBadActionBody } from "@/lib/server/core/action-body-limits";

/**
 * Sends anonymous visitors to sign-in: it only looks for the presence of a
 * session cookie (and refuses server-action bodies Next cannot decode safely, see
 * lib/server/core/action-body-limits.ts). Every page, action and API checks the session
 * and permissions again in the data layer (docs/architecture.md rule 1).
 */
const PUBLIC_PREFIXES = [
  "/signin",
  "/invite/",
  "/reset-password",
  "/api/auth/",
  "/api/health",
  "/api/calendar/feed/",
];
const UNAUTHENTICATED_API = "/api/unauthenticated";

const hasSessionCookie = (req: NextRequest) =>
  req.cookies.getAll().some((c) => /^(__Secure-)?next-auth\.session-token(\.\d+)?$/.test(c.name));

function signInGate(req: NextRequest, requestHeaders: Headers): NextResponse {
  const { pathname, search } = req.nextUrl;
  if (PUBLIC_PREFIXES.some((p) => pathname === p || pathname.startsWith(p)) || hasSessionCookie(req)) {
    return NextResponse.next({ request: { headers: requestHeaders } });
  }
  if (pathname.startsWith("/api/")) {
    // Answered 401 by app/api/unauthenticated/route.ts, which audits it (the proxy has no database).
    const to = req.nextUrl.clone();
    to.pathname = UNAUTHENTICATED_API;
    to.search = `?path=${encodeURIComponent(pathname)}`;
    return NextResponse.rewrite(to);
  }
  const url = req.nextUrl.clone();
  url.pathname = "/signin";
  url.search = pathname === "/" ? "" : `?callbackUrl=${encodeURIComponent(pathname + search)}`;
  return NextResponse.redirect(url);
}

/**
 * A fresh nonce and Content-Security-Policy for every request (docs/security.md S12): set on
 * the request, where Next.js finds the nonce for its own scripts, and on the response.
 */
export async function proxy(req: NextRequest): Promise<Response> {
  const headers = securityHeaders(nonceFromBytes(crypto.getRandomValues(new Uint8Array(16))), runtimeMode());
  const requestHeaders = new Headers(req.headers);
  for (const { key, value } of headers) requestHeaders.set(key, value);
  const withHeaders = <R extends Response>(res: R): R => {
    for (const { key, value } of headers) res.headers.set(key, value);
    return res;
  };
  // A server action's body too large or too deep for Next to decode (docs/security.md R4).
  if (mayBeServerAction(req)) {
    return refuseBadActionBody(req).then((refused) =>
      withHeaders(refused ?? signInGate(req, requestHeaders)),
    );
  }
  return withHeaders(signInGate(req, requestHeaders));
}

export const config = {
  // Everything but Next internals (static files, images, the dev server's HMR socket) and the
  // icons and web manifest in public/, which a browser fetches before anyone has signed in.
  matcher: [
    "/((?!_next/|favicon\\.ico$|robots\\.txt$|icon\\.svg$|icon-\\d+\\.png$|apple-touch-icon\\.png$|manifest\\.webmanifest$).*)",
  ],
};
