import { type NextRequest, NextResponse } from "next/server";

/**
 * Sends anonymous visitors to sign-in, and nothing more: it only looks for the
 * presence of a session cookie. Every page, action and API checks the session
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

const hasSessionCookie = (req: NextRequest) =>
  req.cookies.getAll().some((c) => /^(__Secure-)?next-auth\.session-token(\.\d+)?$/.test(c.name));

export function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  if (PUBLIC_PREFIXES.some((p) => pathname === p || pathname.startsWith(p)) || hasSessionCookie(req)) {
    return NextResponse.next();
  }
  if (pathname.startsWith("/api/")) {
    return NextResponse.json(
      { error: { code: "UNAUTHENTICATED", message: "Please sign in." } },
      { status: 401, headers: { "Cache-Control": "no-store" } },
    );
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
