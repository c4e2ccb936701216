import "server-only";
import { headers } from "next/headers";

/**
 * The requesting browser's IP for the audit trail. Next's server appends the
 * socket address to X-Forwarded-For, so without a trusted proxy the last entry
 * is the real peer; behind a load balancer (TRUST_PROXY=1) the first one is.
 */
export function ipFromHeaders(h: Headers, trustProxy = process.env.TRUST_PROXY === "1"): string | null {
  const forwarded = h
    .get("x-forwarded-for")
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (forwarded && forwarded.length > 0) {
    return (trustProxy ? forwarded[0] : forwarded[forwarded.length - 1]) ?? null;
  }
  return h.get("x-real-ip");
}

export async function requestIp(): Promise<string | null> {
  try {
    return ipFromHeaders(await headers());
  } catch {
    return null; // outside a request (scripts, tests)
  }
}

export async function requestUserAgent(): Promise<string | null> {
  try {
    return (await headers()).get("user-agent")?.slice(0, 300) ?? null;
  } catch {
    return null;
  }
}
