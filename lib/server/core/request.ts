import "server-only";
import { isIP } from "node:net";
import { headers } from "next/headers";

/**
 * The header scripts/server.mjs sets to the client's address, after removing any copy a
 * caller sent (scripts/lib/client-address.mjs: the socket's peer, or the X-Forwarded-For
 * entry TRUST_PROXY hops from the right). docs/security.md S10.
 */
export const CLIENT_ADDRESS_HEADER = "x-kapstone-client-ip";
const CLIENT_ADDRESS_MARK = Symbol.for("kapstone.client-address-header");

/**
 * Whether this process was started by scripts/server.mjs, which marks it before Next.js
 * loads. Started any other way (`next start`), nothing removes a caller's copy of the
 * header, so it is never read and every address is unknown.
 */
export function clientAddressesKnown(): boolean {
  return (globalThis as Record<symbol, unknown>)[CLIENT_ADDRESS_MARK] === true;
}

/**
 * The requesting browser's address for throttling and the audit trail, or null when it is
 * unknown. X-Forwarded-For and X-Real-IP are never read here: the caller writes them.
 * Sign-in throttling keys an unknown address as one shared address (lib/server/auth/sign-in.ts).
 */
export function ipFromHeaders(h: Headers): string | null {
  if (!clientAddressesKnown()) return null;
  const address = h.get(CLIENT_ADDRESS_HEADER);
  return address && isIP(address) ? address : null;
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
