import "server-only";
import { headers } from "next/headers";
import { serverEnv } from "@/lib/env";

/**
 * The requesting browser's IP for the audit trail. Next's server appends the
 * socket address to X-Forwarded-For, so without a trusted proxy the last entry
 * is the real peer; behind a load balancer (TRUST_PROXY=1 or true) the first one is.
 * The setting is read from the validated configuration only, so every spelling
 * it accepts means the same thing here.
 */
export function ipFromHeaders(h: Headers, trustProxy = serverEnv().TRUST_PROXY): string | null {
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
