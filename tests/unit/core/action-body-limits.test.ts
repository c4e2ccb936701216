import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { ACTION_BODY_LIMIT } from "@/lib/server/core/action-body-limits";
import { proxy } from "@/proxy";

const base = "http://localhost:3000";
const signedIn = { cookie: "next-auth.session-token=x", "next-action": "7f00abc" };
const nested = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`;
const post = (body: string, headers: Record<string, string> = signedIn, path = "/admin/invitations/new") =>
  proxy(new NextRequest(`${base}${path}`, { method: "POST", body, headers }));

describe("server-action bodies Next cannot decode safely are refused in proxy.ts (docs/security.md R4)", () => {
  it("refuses a body 100,000 deep with 400, and one over the limit with 413", async () => {
    const deep = await post(`[${nested(100_000)}]`);
    expect(deep.status).toBe(400);
    expect(await deep.json()).toMatchObject({ error: { code: "VALIDATION" } });
    const large = await post(JSON.stringify(["x".repeat(ACTION_BODY_LIMIT)]));
    expect(large.status).toBe(413);
    const declared = await post("[]", { ...signedIn, "content-length": String(ACTION_BODY_LIMIT + 1) });
    expect(declared.status).toBe(413);
  });

  it("also looks at plain form posts, which carry no Next-Action header", async () => {
    const form = await post(`${nested(100)}`, {
      cookie: signedIn.cookie,
      "content-type": "multipart/form-data; boundary=x",
    });
    expect(form.status).toBe(400);
  });

  it("lets ordinary action bodies through to the sign-in check, and leaves API routes to their handlers", async () => {
    const ok = await post(JSON.stringify([{ name: "Rowan", tags: [[["a"]]] }]));
    expect(ok.headers.get("x-middleware-next")).toBe("1");
    const anonymous = await post("[]", { "next-action": "7f00abc" });
    expect(anonymous.status).toBe(307);
    const api = await post(nested(100), signedIn, "/api/clients/search");
    expect(api.headers.get("x-middleware-next")).toBe("1");
  });
});
