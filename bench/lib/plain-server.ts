// The baseline server: plain node:http in its own process (as Next runs in its own),
// doing the least the app's endpoints must do on the same requests.
//   POST  /upload        creates an empty file, 201 + Location (like tus creation)
//   PATCH /upload/<id>   appends the body at Upload-Offset with a write stream, 204
//   GET   /media         serves one file with the app's own Range parsing and headers
// Started by startPlainServer() with fork(); it reports its port over IPC.
import { fork, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { parseRange } from "../../lib/http/range";

type Config = { uploadDir: string; mediaFile?: string; mediaType?: string; mediaEtag?: string };

export type PlainServer = { url: string; pid: number; stop: () => Promise<void> };

/** Forks this file as a child process and waits until it listens on a free loopback port. */
export async function startPlainServer(config: Config): Promise<PlainServer> {
  const self = fileURLToPath(import.meta.url);
  const child: ChildProcess = fork(self, [JSON.stringify(config)], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("plain server did not start in 30 s")), 30_000);
    child.once("message", (m) => {
      clearTimeout(timer);
      resolve((m as { port: number }).port);
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`plain server exited (${code})`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

function serve(config: Config): void {
  const offsets = new Map<string, number>();
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://localhost");
      if (req.method === "POST" && url.pathname === "/upload") {
        const id = crypto.randomUUID();
        fs.writeFileSync(path.join(config.uploadDir, id), "");
        offsets.set(id, 0);
        req.resume();
        res.writeHead(201, { Location: `/upload/${id}`, "Tus-Resumable": "1.0.0" }).end();
        return;
      }
      const upload = /^\/upload\/([0-9a-f-]{36})$/.exec(url.pathname);
      if (req.method === "PATCH" && upload) {
        const id = upload[1];
        const offset = Number(req.headers["upload-offset"]);
        if (offsets.get(id) !== offset) {
          req.resume();
          res.writeHead(409).end();
          return;
        }
        let received = 0;
        req.on("data", (chunk: Buffer) => (received += chunk.length));
        await pipeline(req, fs.createWriteStream(path.join(config.uploadDir, id), { flags: "r+", start: offset }));
        offsets.set(id, offset + received);
        res.writeHead(204, { "Upload-Offset": String(offset + received), "Tus-Resumable": "1.0.0" }).end();
        return;
      }
      if ((req.method === "GET" || req.method === "HEAD") && url.pathname === "/media" && config.mediaFile) {
        serveFile(req, res, config.mediaFile, config.mediaType ?? "application/octet-stream", config.mediaEtag);
        return;
      }
      req.resume();
      res.writeHead(404).end();
    } catch (error) {
      console.error(error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }
  });
  server.keepAliveTimeout = 65_000;
  server.listen(0, "127.0.0.1", () => {
    const { port } = server.address() as { port: number };
    process.send?.({ port });
  });
  process.on("SIGTERM", () => server.close(() => process.exit(0)));
  process.on("disconnect", () => process.exit(0));
}

/** The same answers as lib/http/serve-media.ts, from fs.createReadStream({ start, end }). */
function serveFile(req: http.IncomingMessage, res: http.ServerResponse, file: string, contentType: string, etag?: string): void {
  const size = fs.statSync(file).size;
  const headers: Record<string, string> = {
    "Accept-Ranges": "bytes",
    "Content-Type": contentType,
    "Cache-Control": "private, max-age=300",
    "X-Content-Type-Options": "nosniff",
    "Content-Disposition": "inline",
  };
  if (etag) headers.ETag = `"${etag}"`;
  const range = parseRange(req.headers.range, size);
  if (range.kind === "unsatisfiable") {
    res.writeHead(416, { ...headers, "Content-Range": `bytes */${size}` }).end();
    return;
  }
  if (req.method === "HEAD") {
    res.writeHead(200, { ...headers, "Content-Length": String(size) }).end();
    return;
  }
  const [status, start, end] = range.kind === "full" ? [200, 0, size - 1] : [206, range.start, range.end];
  if (status === 206) headers["Content-Range"] = `bytes ${start}-${end}/${size}`;
  res.writeHead(status, { ...headers, "Content-Length": String(end - start + 1) });
  pipeline(fs.createReadStream(file, { start, end }), res).catch(() => res.destroy());
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url) && process.send) {
  serve(JSON.parse(process.argv[2]) as Config);
}
