import { createServer, type IncomingMessage, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  CLIENT_ADDRESS_HEADER,
  CLIENT_ADDRESS_MARK,
  clientAddress,
  normalizeAddress,
  stampClientAddress,
  trustedHops,
  // @ts-expect-error: a plain ES module shared with scripts/server.mjs
} from "../../../scripts/lib/client-address.mjs";

type Stamp = (req: IncomingMessage, hops: number) => string | null;

afterEach(() => {
  vi.unstubAllEnvs();
  delete (globalThis as Record<symbol, unknown>)[CLIENT_ADDRESS_MARK];
});

describe("the client's address (TRUST_PROXY)", () => {
  // A caller who writes its own X-Forwarded-For, then the load balancer's appended entry.
  const forged = "203.0.113.66, 198.51.100.23";

  it("without TRUST_PROXY takes the connecting peer and ignores any X-Forwarded-For the caller sends", () => {
    expect(clientAddress("192.0.2.10", forged, 0)).toBe("192.0.2.10");
    expect(clientAddress("::ffff:192.0.2.10", "203.0.113.66", 0)).toBe("192.0.2.10");
  });

  it("with TRUST_PROXY=1 takes the one address the load balancer appended, never the caller's", () => {
    expect(clientAddress("10.0.0.5", forged, 1)).toBe("198.51.100.23");
    expect(clientAddress("10.0.0.5", ["203.0.113.66", "198.51.100.23"], 1)).toBe("198.51.100.23");
  });

  it("with TRUST_PROXY=2 takes the entry two hops from the right", () => {
    expect(clientAddress("10.0.0.5", "203.0.113.66, 198.51.100.23, 10.0.0.4", 2)).toBe("198.51.100.23");
    // Fewer entries than proxies: the leftmost one a trusted proxy wrote.
    expect(clientAddress("10.0.0.5", "198.51.100.23", 2)).toBe("198.51.100.23");
  });

  it("falls back to the peer when there is no X-Forwarded-For or its entry is not an address", () => {
    expect(clientAddress("10.0.0.5", undefined, 1)).toBe("10.0.0.5");
    expect(clientAddress("10.0.0.5", "203.0.113.66, unknown", 1)).toBe("10.0.0.5");
  });

  it("reads addresses with ports and brackets, and refuses anything else", () => {
    expect(normalizeAddress("198.51.100.23:4711")).toBe("198.51.100.23");
    expect(normalizeAddress("[2001:DB8::1]:443")).toBe("2001:db8::1");
    expect(normalizeAddress("2001:db8::1")).toBe("2001:db8::1");
    expect(normalizeAddress("evil.example")).toBeNull();
    expect(normalizeAddress("1.2.3.4, 5.6.7.8")).toBeNull();
  });

  it.each([
    [undefined, 0],
    ["0", 0],
    ["false", 0],
    ["true", 1],
    ["1", 1],
    ["2", 2],
  ])("TRUST_PROXY=%s means %i trusted hop(s), in the server and in lib/env.ts alike", async (value, hops) => {
    expect(trustedHops(value)).toBe(hops);
    vi.resetModules();
    vi.stubEnv("DATABASE_URL", "postgresql://kapstone@127.0.0.1:5432/kapstone");
    vi.stubEnv("NEXTAUTH_SECRET", "unit-test-secret-0123456789abcdef0123");
    vi.stubEnv("MAIL_TRANSPORT", "outbox");
    vi.stubEnv("TRUST_PROXY", value);
    const { serverEnv } = await import("@/lib/env");
    expect(serverEnv().TRUST_PROXY).toBe(hops);
  });

  it.each(["yes", "-1", "1.5", "100", " 1"])(
    "refuses TRUST_PROXY=%s in the server and in lib/env.ts",
    async (value) => {
      expect(() => trustedHops(value)).toThrow(/TRUST_PROXY/);
      vi.resetModules();
      vi.stubEnv("DATABASE_URL", "postgresql://kapstone@127.0.0.1:5432/kapstone");
      vi.stubEnv("NEXTAUTH_SECRET", "unit-test-secret-0123456789abcdef0123");
      vi.stubEnv("MAIL_TRANSPORT", "outbox");
      vi.stubEnv("TRUST_PROXY", value);
      const { serverEnv } = await import("@/lib/env");
      expect(() => serverEnv()).toThrow(/TRUST_PROXY/);
    },
  );
});

describe("the address header between scripts/server.mjs and the app", () => {
  /** A real HTTP server that stamps requests as scripts/server.mjs does and echoes what the app would see. */
  async function echoServer(hops: number): Promise<{ server: Server; port: number }> {
    const server = createServer((req, res) => {
      (stampClientAddress as Stamp)(req, hops);
      const raw: string[] = [];
      for (let i = 0; i < req.rawHeaders.length; i += 2)
        if (req.rawHeaders[i]?.toLowerCase() === CLIENT_ADDRESS_HEADER) raw.push(req.rawHeaders[i + 1] ?? "");
      res.end(JSON.stringify({ header: req.headers[CLIENT_ADDRESS_HEADER] ?? null, raw }));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    return { server, port: (server.address() as AddressInfo).port };
  }

  function get(port: number, headers: Record<string, string | string[]>) {
    return new Promise<{ header: string | null; raw: string[] }>((resolve, reject) => {
      request({ host: "127.0.0.1", port, path: "/", headers }, (res) => {
        let body = "";
        res.on("data", (c) => {
          body += c;
        });
        res.on("end", () => resolve(JSON.parse(body)));
      })
        .on("error", reject)
        .end();
    });
  }

  it("replaces the caller's own copy of the header with the socket's address", async () => {
    const { server, port } = await echoServer(0);
    try {
      const seen = await get(port, {
        [CLIENT_ADDRESS_HEADER]: ["203.0.113.66", "203.0.113.67"],
        "x-forwarded-for": "203.0.113.68",
        "x-real-ip": "203.0.113.69",
      });
      expect(seen).toEqual({ header: "127.0.0.1", raw: ["127.0.0.1"] });
    } finally {
      server.close();
    }
  });

  it("behind one trusted proxy, takes the entry the proxy appended", async () => {
    const { server, port } = await echoServer(1);
    try {
      const seen = await get(port, { "x-forwarded-for": "203.0.113.68, 198.51.100.23" });
      expect(seen.header).toBe("198.51.100.23");
    } finally {
      server.close();
    }
  });

  /** request.ts as a fresh server would load it. */
  async function loadRequest() {
    vi.resetModules();
    return import("@/lib/server/core/request");
  }

  it("the app ignores the header unless scripts/server.mjs started this process", async () => {
    const spoofed = new Headers({
      [CLIENT_ADDRESS_HEADER]: "203.0.113.66",
      "x-forwarded-for": "203.0.113.67",
      "x-real-ip": "203.0.113.68",
    });
    const { ipFromHeaders, clientAddressesKnown } = await loadRequest();
    expect(clientAddressesKnown()).toBe(false);
    expect(ipFromHeaders(spoofed)).toBeNull();

    (globalThis as Record<symbol, unknown>)[CLIENT_ADDRESS_MARK] = true;
    expect(ipFromHeaders(new Headers({ [CLIENT_ADDRESS_HEADER]: "192.0.2.4" }))).toBe("192.0.2.4");
    // Never X-Forwarded-For or X-Real-IP, and never something that is not an address.
    expect(
      ipFromHeaders(new Headers({ "x-forwarded-for": "203.0.113.67", "x-real-ip": "1.2.3.4" })),
    ).toBeNull();
    expect(ipFromHeaders(new Headers({ [CLIENT_ADDRESS_HEADER]: "not-an-address" }))).toBeNull();
  });
});
