/**
 * docs/security.md R4: a route handler reads its JSON body within a size and a nesting
 * limit (lib/server/core/body.ts) before JSON.parse and zod. Real Requests, sent to the
 * real handler of POST /api/clients/search.
 */
import { describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { MAX_BODY_BYTES } from "@/lib/server/core/body";
import { createScene } from "../../fixtures/factory";

const ctx = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/lib/server/auth/current-user", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  requireApiUser: async () => ctx.actor,
}));

const { POST } = await import("@/app/api/clients/search/route");
const URL_ = "http://localhost:3000/api/clients/search";
const noParams = { params: Promise.resolve({}) };
const nested = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`;

async function asTherapist() {
  const s = await createScene();
  ctx.actor = s.actors.therapist;
  return s;
}

/** A body that streams `chunk` forever (no Content-Length), counting how much was pulled. */
function endless(chunk: string) {
  const bytes = new TextEncoder().encode(chunk);
  const seen = { pulled: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      seen.pulled += bytes.byteLength;
      controller.enqueue(bytes);
    },
    cancel() {
      seen.cancelled = true;
    },
  });
  return { body, seen };
}

describe("route handlers read bodies within limits", () => {
  it("answers a body within the limits as before", async () => {
    await asTherapist();
    const res = await POST(
      new Request(URL_, { method: "POST", body: JSON.stringify({ q: "Ada" }) }),
      noParams,
    );
    expect(res.status).toBe(200);
  });

  it("refuses a body nested 20,000 deep with 400 and a field error, never a 500", async () => {
    await asTherapist();
    for (const body of [nested(20_000), `{"q":${nested(20_000)}}`, `{"q":"x","page":${nested(33)}}`]) {
      const res = await POST(new Request(URL_, { method: "POST", body }), noParams);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        error: {
          code: "VALIDATION",
          message: "This request is nested too deeply.",
          fieldErrors: { _form: ["This request is nested too deeply."] },
        },
      });
    }
  });

  it("refuses a 100,000-deep array (200 kB) by its Content-Length with 413, unread", async () => {
    await asTherapist();
    const text = nested(100_000);
    const res = await POST(
      new Request(URL_, { method: "POST", body: text, headers: { "content-length": String(text.length) } }),
      noParams,
    );
    expect(res.status).toBe(413);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toMatchObject({ error: { code: "TOO_LARGE" } });
  });

  it("refuses an endless body without a Content-Length while reading, and stops reading it", async () => {
    await asTherapist();
    const { body, seen } = endless(`{"q":"${"x".repeat(4096)}`);
    const req = new Request(URL_, { method: "POST", body, duplex: "half" } as RequestInit);
    const res = await POST(req, noParams);
    expect(res.status).toBe(413);
    expect(seen.cancelled).toBe(true);
    expect(seen.pulled).toBeLessThan(MAX_BODY_BYTES + 3 * 4096 + 64);
  });

  it("does not believe a small Content-Length on a large body", async () => {
    await asTherapist();
    const text = JSON.stringify({ q: "x".repeat(MAX_BODY_BYTES) });
    const res = await POST(
      new Request(URL_, { method: "POST", body: text, headers: { "content-length": "20" } }),
      noParams,
    );
    expect(res.status).toBe(413);
  });

  it("still answers malformed JSON with 400", async () => {
    await asTherapist();
    const res = await POST(new Request(URL_, { method: "POST", body: '{"q":' }), noParams);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "VALIDATION" } });
  });
});
