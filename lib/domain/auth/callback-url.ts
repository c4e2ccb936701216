/**
 * Where to go after signing in (docs/security.md S12): the `callbackUrl` that proxy.ts puts on
 * the sign-in link, and that next-auth carries through sign-in and sign-out. Whatever arrives
 * there comes from the address bar, so it is read as hostile: only a path of this app is kept.
 */

const MAX_LENGTH = 2048;

/**
 * The same-origin path (path, query and fragment) that `value` names, or null when it names
 * anything else or nothing sensible: another origin (`//evil.example`,
 * `http://localhost:3000.evil.example/`), a backslash trick (`/\evil.example`), a script
 * (`javascript:…`), an address that does not parse (`http://[::1`), control characters, an
 * API route or the sign-in page, or a value too long to be a link of ours. Never throws.
 */
export function safeCallbackPath(value: unknown, origin: string): string | null {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_LENGTH) return null;
  // Browsers read "\" as "/" and drop tabs and newlines inside URLs, so "/\evil" and "/\t/evil"
  // would leave the site: refuse them rather than guess how a browser reads them.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return null;
  let base: URL;
  let url: URL;
  try {
    base = new URL(origin);
    url = new URL(value, base);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  if (url.origin !== base.origin) return null;
  // A relative value must be a path: "//host" is another origin in a browser, whatever URL says.
  if (!/^https?:\/\//i.test(value) && (!value.startsWith("/") || value.startsWith("//"))) return null;
  if (url.username || url.password) return null;
  // Not an API (a sign-in lands on a page), and not sign-in itself (no loop).
  if (/^\/(api|signin)(\/|$)/.test(url.pathname) || url.pathname.startsWith("//")) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The URL next-auth redirects to: the callback when it is one of ours, else the app's root. */
export function safeRedirectUrl(value: unknown, origin: string): string {
  let base: string;
  try {
    base = new URL(origin).origin;
  } catch {
    return "/";
  }
  const path = safeCallbackPath(value, base);
  return `${base}${path ?? "/"}`;
}
