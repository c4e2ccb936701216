import type { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { AppError } from "@/lib/errors";
import { withoutUnsafeCallback } from "@/lib/server/auth/callback-url";
import { authOptions } from "@/lib/server/auth/next-auth-options";
import { assertSignInAllowed } from "@/lib/server/auth/sign-in";
import { ipFromHeaders } from "@/lib/server/core/request";

const handler = NextAuth(authOptions);
type Ctx = { params: Promise<{ nextauth: string[] }> };

/** A callbackUrl that is not one of our paths never reaches next-auth (docs/security.md S12). */
export async function GET(req: NextRequest, ctx: Ctx) {
  return handler(await withoutUnsafeCallback(req), ctx);
}

/** Sign-in attempts over the limit get a real 429 with Retry-After (docs/security.md S7). */
export async function POST(req: NextRequest, ctx: Ctx) {
  if (req.nextUrl.pathname.endsWith("/callback/credentials")) {
    const form = await req
      .clone()
      .formData()
      .catch(() => null);
    const email = String(form?.get("email") ?? "")
      .trim()
      .toLowerCase();
    try {
      await assertSignInAllowed(email, ipFromHeaders(req.headers));
    } catch (e) {
      if (e instanceof AppError && e.code === "RATE_LIMITED") {
        // `url` keeps next-auth's client able to read the error code.
        return Response.json(
          { url: "/signin?error=RATE_LIMITED", error: { code: e.code, message: e.message } },
          {
            status: 429,
            headers: { "Retry-After": String(e.retryAfterSeconds ?? 900), "Cache-Control": "no-store" },
          },
        );
      }
      throw e;
    }
  }
  return handler(await withoutUnsafeCallback(req), ctx);
}
