import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Kapstone", template: "%s · Kapstone" },
  description: "Practice portal for Ketamine-Assisted Psychotherapy",
  robots: { index: false, follow: false },
  // The files are in public/ (scripts/icons.sh makes the PNG and ICO copies of icon.svg).
  icons: {
    icon: [
      { url: "/favicon.ico", sizes: "16x16 32x32 48x48" },
      { url: "/icon.svg", type: "image/svg+xml" },
    ],
    apple: [{ url: "/apple-touch-icon.png", sizes: "180x180" }],
  },
  manifest: "/manifest.webmanifest",
};

// The brand's teal-800, as in the web manifest.
export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#005f5a" };

/**
 * Every page renders on demand, never at build time: Next.js puts the nonce of the request's
 * Content-Security-Policy (proxy.ts) on its scripts only while rendering for that request, so a
 * page prerendered without one would have its scripts refused (docs/security.md S12).
 */
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  await connection();
  return (
    <html lang="en">
      <body className="min-h-dvh">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        {children}
      </body>
    </html>
  );
}
