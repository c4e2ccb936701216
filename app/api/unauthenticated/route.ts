import { z } from "zod";
import { AppError } from "@/lib/errors";
import { auditUnauthenticated } from "@/lib/server/auth/denials";
import { errorResponse, route } from "@/lib/server/core/http";
import { ipFromHeaders } from "@/lib/server/core/request";

// The path proxy.ts was asked for (never its query string): printable characters, cut to a sane length.
const unauthenticatedQuery = z.object({
  path: z
    .string()
    .transform((p) => p.slice(0, 300).replace(/[^\x20-\x7e]/g, "?"))
    .optional(),
});

/**
 * Where proxy.ts sends an API call without a session cookie: the refusal is audited
 * (rate-bounded per address, lib/server/auth/denials.ts) and answered 401, no-store.
 */
const refuse = route({ query: unauthenticatedQuery }, async (req, { query }) => {
  await auditUnauthenticated({
    action: "api.unauthenticated",
    ip: ipFromHeaders(req.headers),
    detail: { path: query.path ?? new URL(req.url).pathname, method: req.method, reason: "no session" },
  });
  return errorResponse(new AppError("UNAUTHENTICATED", "Please sign in."));
});

export const GET = refuse;
export const POST = refuse;
export const PUT = refuse;
export const PATCH = refuse;
export const DELETE = refuse;
