import { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { AppError } from "@/lib/errors";
import { withoutUnsafeCallback } from "@/lib/server/auth/callback-url";
import { authOptions } from "@/lib/server/auth/next-auth-options";
import { assertSignInAllowed } from "@/lib/server/auth/sign-in";
import { credentialsEmail, readCappedBody, SIGN_IN_BODY_LIMIT } from "@/lib/server/auth/sign-in-request";
import { problem } from "@/lib/server/core/http";
import { ipFromHeaders } from "@/lib/server/core/request";

const handler = NextAuth(authOptions);
type Ctx = { params: Promise<{ nextauth: string[] }> };

/** A callbackUrl that is not one of our paths never reaches next-auth (docs/security.md S12). */
export async function GET(req: NextRequest, ctx: Ctx) {
  return handler(await withoutUnsafeCallback(req), ctx);
}

function rateLimited(e: AppError) {
  // `url` keeps next-auth's client able to read the error code.
  return Response.json(
    { url: "/signin?error=RATE_LIMITED", error: { code: e.code, message: e.message } },
    {
      status: 429,
      headers: { "Retry-After": String(e.retryAfterSeconds ?? 900), "Cache-Control": "no-store" },
    },
  );
}

/**
 * Every POST is capped at 8 kB before it is parsed (413). A credentials sign-in over a
 * limit gets a real 429 with Retry-After, whether the body is a form or JSON
 * (docs/security.md S7); the attempt itself is counted in signInWithPassword.
 */
export async function POST(req: NextRequest, ctx: Ctx) {
  const body = await readCappedBody(req);
  if (body === null)
    return problem(413, "TOO_LARGE", `A sign-in request may not be larger than ${SIGN_IN_BODY_LIMIT} bytes.`);
  if (req.nextUrl.pathname.endsWith("/callback/credentials")) {
    const email = credentialsEmail(req.headers.get("content-type"), body);
    if (email === null)
      return problem(
        415,
        "UNSUPPORTED",
        "Send the sign-in as a form or as JSON with an e-mail and password.",
      );
    try {
      await assertSignInAllowed(email, ipFromHeaders(req.headers));
    } catch (e) {
      if (e instanceof AppError && e.code === "RATE_LIMITED") return rateLimited(e);
      throw e;
    }
  }
  // The body has been read: next-auth gets the same request with the text read here.
  const again = new NextRequest(req.url, { method: "POST", headers: req.headers, body });
  return handler(await withoutUnsafeCallback(again), ctx);
}
