// Kapstone's HTTP server: Next.js behind a small node:http server that knows the
// socket's peer address (docs/security.md S10). Route handlers in Next.js never see
// the socket, and Next.js keeps whatever X-Forwarded-For a caller sends, so this
// server works out the client's address itself (the peer, or the entry TRUST_PROXY
// hops from the right of X-Forwarded-For), removes any copy of the address header a
// caller sent, and sets it. The app trusts that header only when this server is
// the one in front of it (CLIENT_ADDRESS_MARK).
//
// Usage: node scripts/server.mjs [--dev] [-p <port>] [-H <hostname>]
//   npm start (production build), scripts/dev.mjs (--dev), the end-to-end journeys,
//   the benchmark and the restart drill all start the app this way.
import { createServer } from "node:http";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { CLIENT_ADDRESS_MARK, stampClientAddress, trustedHops } from "./lib/client-address.mjs";

const root = resolve(fileURLToPath(import.meta.url), "../..");
const args = process.argv.slice(2);
const option = (short, long) => {
  const at = args.findIndex((a) => a === short || a === long);
  return at >= 0 ? args[at + 1] : undefined;
};
const dev = args.includes("--dev");
const port = Number(option("-p", "--port") ?? process.env.PORT ?? 3000);
// Like next start: every interface unless -H names one (HOSTNAME is not read: containers set it).
const hostname = option("-H", "--hostname");
// Next.js reads NODE_ENV while loading; `next start` and `next dev` set it the same way.
process.env.NODE_ENV ??= dev ? "development" : "production";

let hops;
try {
  hops = trustedHops(process.env.TRUST_PROXY);
} catch (e) {
  console.error(`[server] ${e.message}`);
  process.exit(1);
}

globalThis[CLIENT_ADDRESS_MARK] = true;
const { default: next } = await import("next");
const app = next({ dev, hostname: hostname ?? "localhost", port, dir: root });
await app.prepare();
const handle = app.getRequestHandler();

const server = createServer((req, res) => {
  stampClientAddress(req, hops);
  handle(req, res).catch((e) => {
    console.error(`[server] ${e?.name ?? "Error"} while handling a request`);
    if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
    res.end("Internal Server Error");
  });
});
// Behind a load balancer the balancer's idle timeout should be the shorter one (as with next start).
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => {
  const shown = !hostname || hostname === "0.0.0.0" || hostname === "::" ? "localhost" : hostname;
  console.log(
    `[server] Kapstone ${dev ? "(development) " : ""}on http://${shown}:${port}` +
      ` (client address: ${hops === 0 ? "the connecting peer" : `${hops} trusted proxy hop(s) in X-Forwarded-For`})`,
  );
});

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.close(() => process.exit(0));
    server.closeIdleConnections?.();
    setTimeout(() => process.exit(0), 5_000).unref();
  });
}
