// One app instance for the multi-process tests, without a Next build: server.mjs's own start-up
// (instrumentation.ts: the background work with its job workers, and the direct byte routes)
// in front of the production tus server, which Next's /api/upload route would otherwise call.
// Run with tsx and the app's environment (DATABASE_URL, LAYAR_DATA_DIR, ...); prints
// "listening <port>" when it takes requests.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { register } from "@/instrumentation";
import { getTusServer } from "@/lib/uploads";

process.env.NEXT_RUNTIME = "nodejs";
await register();
const direct = (globalThis as unknown as { __layarDirectRoutes?: (req: http.IncomingMessage, res: http.ServerResponse) => boolean }).__layarDirectRoutes;
const tus = await getTusServer();
const server = http.createServer((req, res) => {
  if (direct?.(req, res)) return;
  void tus.handle(req, res);
});
server.listen(0, "127.0.0.1", () => console.log(`listening ${(server.address() as AddressInfo).port}`));
process.once("SIGTERM", () => process.exit(0));
