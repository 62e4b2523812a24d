// The production server (`npm start`, `npm run demo`, the browser tests and the benchmarks
// all start this file): Next's own request handler behind a plain node:http server, so
// that the two routes that move a film's bytes (a player's ranged reads and the tus
// upload's PATCHes) are answered from Node's request and response streams, after the same
// access checks, before Next sees them (lib/server/direct-routes.ts, installed on
// globalThis by instrumentation.ts; docs/decisions/0010-direct-byte-routes.md).
// Everything else, and everything until the direct routes are installed, goes to Next.
//   node server.mjs [-p PORT] [-H HOSTNAME]      (as `next start`; PORT and HOSTNAME from env otherwise)
// A launcher like Next's own CLI: it reads only what `next start` reads (PORT, HOSTNAME) and
// sets NODE_ENV; the app's settings are parsed once, in lib/env.ts.
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** `-p 3000 -H 127.0.0.1` as next start reads them. */
function option(names, fallback) {
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    for (const name of names) {
      if (args[i] === name) return args[i + 1];
      if (args[i].startsWith(`${name}=`)) return args[i].slice(name.length + 1);
    }
  }
  return fallback;
}

const port = Number(option(["-p", "--port"], process.env.PORT ?? "3000"));
const hostname = option(["-H", "--hostname"], process.env.HOSTNAME);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Port tidak sah: ${port}`);
  process.exit(1);
}
// Before Next loads: React and Next pick their production builds from it.
process.env.NODE_ENV = "production";

const { default: next } = await import("next");
const dir = path.dirname(fileURLToPath(import.meta.url));
const app = next({ dev: false, dir, hostname: hostname ?? "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  // The peer's address for per-address limits (lib/auth/client-address.ts): only this server
  // sees the socket, and a client-sent header of that name is replaced.
  req.headers["x-layar-socket-address"] = req.socket.remoteAddress ?? "";
  // Security headers, the Content-Security-Policy of pages, and the pages themselves: a public
  // page kept in the page cache is answered there and then; the others are compressed there
  // once Next has rendered them, the reading pages without Next's scripts
  // (lib/server/security-headers.ts, page-cache.ts, lean-page.ts; docs/decisions/0029).
  if (globalThis.__layarSecurityHeaders?.(req, res)) return;
  const direct = globalThis.__layarDirectRoutes;
  if (direct && direct(req, res)) return;
  handle(req, res).catch((error) => {
    console.error(error);
    if (!res.headersSent) res.writeHead(500).end();
    else res.destroy();
  });
});
// A phone on a slow link keeps its connection between a player's ranged requests.
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => {
  const where = hostname && hostname !== "0.0.0.0" && hostname !== "::" ? hostname : "localhost";
  console.log(`▲ Layar (Next.js) siap di http://${where}:${port}`);
});

// Finish what is in flight for a moment, then go (as next start does on these signals).
const stop = () => {
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 2_000).unref();
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
