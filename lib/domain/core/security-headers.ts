/**
 * The browser-hardening headers (docs/security.md S12), as pure functions so that proxy.ts,
 * next.config.ts and the tests build them the same way.
 *
 * - `staticSecurityHeaders` go on every response, static files included (next.config.ts).
 * - `securityHeaders(nonce)` adds the Content-Security-Policy of one request (proxy.ts). The
 *   nonce is new for every request; Next.js reads it from the policy on the request and puts it
 *   on its own scripts, which is why every page renders on demand (app/layout.tsx).
 */

export type RuntimeMode = "development" | "test" | "production";

/** Two years, the value the HSTS preload list asks for. */
export const HSTS = "max-age=63072000; includeSubDomains";

/** A nonce as CSP and Next.js accept it: base64 of 16 random bytes. */
export const NONCE_PATTERN = /^[A-Za-z0-9+/]{22}==$/;

/** Encodes 16 random bytes (from the caller: the proxy uses crypto.getRandomValues) as a nonce. */
export function nonceFromBytes(bytes: Uint8Array): string {
  if (bytes.length !== 16) throw new Error("a nonce needs 16 random bytes");
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The Content-Security-Policy of one response.
 *
 * Scripts: only those carrying this request's nonce, and what they load ('strict-dynamic').
 * No 'unsafe-inline'; 'unsafe-eval' only under `next dev`, where React rebuilds server error
 * stacks with eval. Style elements and stylesheets: our own files, or carrying the nonce.
 * Style *attributes* are allowed ('unsafe-inline' in style-src-attr): the calendar, the charts
 * and the progress bars position themselves with them; an attribute cannot load anything or
 * select other elements, so it cannot read the page.
 */
export function contentSecurityPolicy(nonce: string, mode: RuntimeMode): string {
  if (!NONCE_PATTERN.test(nonce)) throw new Error("not a nonce");
  const n = `'nonce-${nonce}'`;
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    ["script-src", "'self'", n, "'strict-dynamic'", ...(mode === "development" ? ["'unsafe-eval'"] : [])],
    ["style-src", "'self'", n],
    ["style-src-attr", "'unsafe-inline'"],
    // The two-step sign-in QR code is inline SVG; icons are files; charts draw with SVG.
    ["img-src", "'self'", "data:", "blob:"],
    ["font-src", "'self'"],
    ["connect-src", "'self'"],
    ["manifest-src", "'self'"],
    ["worker-src", "'self'"],
    ["frame-src", "'none'"],
    ["object-src", "'none'"],
    ["base-uri", "'none'"],
    ["form-action", "'self'"],
    ["frame-ancestors", "'none'"],
  ];
  return directives.map((d) => d.join(" ")).join("; ");
}

/** Headers for every response, static files included; HSTS only in production (never on plain-HTTP dev). */
export function staticSecurityHeaders(mode: RuntimeMode): { key: string; value: string }[] {
  return [
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "Referrer-Policy", value: "no-referrer" },
    {
      key: "Permissions-Policy",
      value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
    { key: "Cross-Origin-Resource-Policy", value: "same-origin" },
    { key: "X-Permitted-Cross-Domain-Policies", value: "none" },
    { key: "Origin-Agent-Cluster", value: "?1" },
    ...(mode === "production" ? [{ key: "Strict-Transport-Security", value: HSTS }] : []),
  ];
}

/** What proxy.ts sets on the request (for Next.js to find the nonce) and on the response. */
export function securityHeaders(nonce: string, mode: RuntimeMode): { key: string; value: string }[] {
  return [{ key: "Content-Security-Policy", value: contentSecurityPolicy(nonce, mode) }];
}
