// The address of the browser behind a request, as scripts/server.mjs hands it to the app
// (docs/security.md S10). Plain JavaScript: the server runs before Next.js and TypeScript.
import { isIP } from "node:net";

/** The header the app reads the address from. The server removes any copy a caller sends. */
export const CLIENT_ADDRESS_HEADER = "x-kapstone-client-ip";

/**
 * Set on globalThis by scripts/server.mjs before Next.js loads: the app trusts
 * CLIENT_ADDRESS_HEADER only when this process's server wrote it
 * (lib/server/core/request.ts reads the same symbol).
 */
export const CLIENT_ADDRESS_MARK = Symbol.for("kapstone.client-address-header");

/**
 * TRUST_PROXY as the number of proxies in front of the app that append to
 * X-Forwarded-For: unset, "false" and "0" mean none, "true" means 1, "2" means 2.
 * The same grammar is validated in lib/env.ts. Anything else is an error.
 */
export function trustedHops(value) {
  if (value === undefined || value === "" || value === "false") return 0;
  if (value === "true") return 1;
  if (/^\d{1,2}$/.test(value)) return Number(value);
  throw new Error(
    `TRUST_PROXY must be a number of proxies (0 to 99), true (1) or false (0), not ${JSON.stringify(value)}`,
  );
}

/** An address as written in a header or by the socket, without a port or IPv4-mapped prefix; null if not one. */
export function normalizeAddress(raw) {
  if (typeof raw !== "string") return null;
  let a = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed) a = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(":"));
  if (/^::ffff:\d{1,3}(\.\d{1,3}){3}$/i.test(a)) a = a.slice(7);
  return isIP(a) ? a.toLowerCase() : null;
}

/**
 * The client's address: the socket's peer with no trusted proxy; with `hops` proxies
 * in front, the X-Forwarded-For entry `hops` places from the right (hops=1: the one
 * address the load balancer appended). Entries to the left of it were written by the
 * caller and are never read. A request with fewer entries than proxies came in past
 * some of them: the leftmost entry a trusted proxy wrote is taken. An entry that is not
 * an address gives the peer's, which is the conservative choice (shared by everyone
 * behind that proxy).
 *
 * @param {string | undefined | null} peer the socket's remoteAddress
 * @param {string | string[] | undefined} forwardedFor every X-Forwarded-For header line
 * @param {number} hops trusted proxies (trustedHops)
 * @returns {string | null}
 */
export function clientAddress(peer, forwardedFor, hops) {
  const socket = normalizeAddress(peer ?? undefined);
  if (hops <= 0) return socket;
  const lines = Array.isArray(forwardedFor) ? forwardedFor : forwardedFor ? [forwardedFor] : [];
  const entries = lines
    .join(",")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (entries.length === 0) return socket;
  const index = Math.max(0, entries.length - hops);
  return normalizeAddress(entries[index]) ?? socket;
}

/**
 * Replaces any copy of CLIENT_ADDRESS_HEADER a caller sent with the address worked out
 * from the socket and X-Forwarded-For, or leaves it out when there is none (the app then
 * treats the address as unknown). Both `headers` and `rawHeaders` are rewritten, so
 * whichever Next.js copies into the request a route handler sees, the caller's copy is gone.
 *
 * @param {import("node:http").IncomingMessage} req
 * @param {number} hops trusted proxies (trustedHops)
 */
export function stampClientAddress(req, hops) {
  const address = clientAddress(req.socket?.remoteAddress, req.headers["x-forwarded-for"], hops);
  delete req.headers[CLIENT_ADDRESS_HEADER];
  const kept = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    if (req.rawHeaders[i]?.toLowerCase() !== CLIENT_ADDRESS_HEADER) {
      kept.push(req.rawHeaders[i], req.rawHeaders[i + 1]);
    }
  }
  req.rawHeaders.length = 0;
  req.rawHeaders.push(...kept);
  if (address) {
    req.headers[CLIENT_ADDRESS_HEADER] = address;
    req.rawHeaders.push(CLIENT_ADDRESS_HEADER, address);
  }
  return address;
}
