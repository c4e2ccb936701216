import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "@/proxy";

const base = "http://localhost:3000";

describe("an API call without a session cookie", () => {
  it("is handed to the handler that audits and refuses it, with the path and without the query", async () => {
    for (const method of ["GET", "POST", "DELETE"]) {
      const res = await proxy(new NextRequest(`${base}/api/clients/c123?q=Marlow`, { method }));
      const to = new URL(res.headers.get("x-middleware-rewrite") ?? "", base);
      expect(to.pathname).toBe("/api/unauthenticated");
      expect(to.searchParams.get("path")).toBe("/api/clients/c123");
      expect(to.search).not.toContain("Marlow");
    }
  });

  it("cannot name another path by calling the refusing handler itself", async () => {
    const res = await proxy(new NextRequest(`${base}/api/unauthenticated?path=%2Fapi%2Fforged`));
    const to = new URL(res.headers.get("x-middleware-rewrite") ?? "", base);
    expect(to.searchParams.get("path")).toBe("/api/unauthenticated");
  });

  it("with a session cookie goes on to its own handler, which checks the session again", async () => {
    const req = new NextRequest(`${base}/api/clients`, {
      headers: { cookie: "next-auth.session-token=opaque" },
    });
    expect((await proxy(req)).headers.get("x-middleware-rewrite")).toBeNull();
  });
});
