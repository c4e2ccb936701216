import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { config, proxy } from "@/proxy";

const base = "http://localhost:3000";
const runsFor = (path: string) => unstable_doesMiddlewareMatch({ config, url: `${base}${path}` });

describe("the sign-in redirect and the files in public/", () => {
  const files = [
    "/favicon.ico",
    "/icon.svg",
    "/icon-192.png",
    "/icon-512.png",
    "/apple-touch-icon.png",
    "/manifest.webmanifest",
  ];

  it.each(files)("leaves %s to anyone, signed in or not", (path) => {
    expect(runsFor(path)).toBe(false);
  });

  it("still sends an anonymous visitor of a page, or of a look-alike path, to sign-in", async () => {
    for (const path of ["/", "/schedule", "/icon.svg.html", "/manifest.webmanifest/x", "/favicon.icon"]) {
      expect(runsFor(path)).toBe(true);
      const res = await proxy(new NextRequest(`${base}${path}`));
      expect(res.status).toBe(307);
      expect(res.headers.get("location")).toContain("/signin");
    }
  });
});
