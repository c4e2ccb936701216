import { type NextRequest, NextResponse } from "next/server";
import { mayBeServerAction, refuseBadActionBody } from "@/lib/server/core/action-body-limits";

/**
 * Sends anonymous visitors to sign-in: it only looks for the presence of a
 * session cookie (and refuses server-action bodies Next cannot decode safely, see
 * lib/server/core/action-body-limits.ts). Every page, action and API checks the session
 * and permissions again in the data layer (docs/architecture.md rule 1).
 */
const PUBLIC_PREFIXES = ["/signin", "/invite/", "/api/auth/", "/api/health", "/api/calendar/feed/"];
const UNAUTHENTICATED_API = "/api/unauthenticated";

const hasSessionCookie = (req: NextRequest) =>
  req.cookies.getAll().some((c) => /^(__Secure-)?next-auth\.session-token(\.\d+)?$/.test(c.name));

export function proxy(req: NextRequest) {
  // A server action's body too large or too deep for Next to decode (docs/security.md R4).
  if (mayBeServerAction(req)) return refuseBadActionBody(req).then((refused) => refused ?? signInGate(req));
  return signInGate(req);
}

function signInGate(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  if (PUBLIC_PREFIXES.some((p) => pathname === p || pathname.startsWith(p)) || hasSessionCookie(req)) {
    return NextResponse.next();
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

export const config = {
  // Everything but Next internals (static files, images, the dev server's HMR socket) and the
  // icons and web manifest in public/, which a browser fetches before anyone has signed in.
  matcher: [
    "/((?!_next/|favicon\\.ico$|robots\\.txt$|icon\\.svg$|icon-\\d+\\.png$|apple-touch-icon\\.png$|manifest\\.webmanifest$).*)",
  ],
};
