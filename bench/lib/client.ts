// The HTTP clients the benchmarks drive both servers with: one code path for the
// app and for the baseline, so any difference is the server's.
import http from "node:http";

export type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** One request on a keep-alive agent; the reply body is read fully (and kept only if small). */
export function request(agent: http.Agent, url: string, method: string, headers: Record<string, string>, body?: Buffer): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: body ? { ...headers, "Content-Length": String(body.length) } : headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      res.on("data", (c: Buffer) => {
        if (kept < 64 * 1024) chunks.push(c);
        kept += c.length;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

export type TusUploadOptions = {
  /** e.g. http://127.0.0.1:3000/api/upload */
  createUrl: string;
  cookie?: string;
  metadata: Record<string, string>;
  size: number;
  chunkBytes: number;
  /** The bytes from `offset`, `length` long; may return a view of a reused buffer. */
  read: (offset: number, length: number) => Buffer;
};

export type TusUploadResult = { ms: number; uploadUrl: string; id: string; patches: number };

/**
 * What tus-js-client in the browser does for a fresh file: one creation POST, then
 * sequential PATCHes of `chunkBytes`, each waiting for the previous 204.
 * Timed from the POST to the last PATCH's answer.
 */
export async function tusUpload(options: TusUploadOptions): Promise<TusUploadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const base: Record<string, string> = { "Tus-Resumable": "1.0.0", ...(options.cookie ? { Cookie: options.cookie } : {}) };
  const metadata = Object.entries(options.metadata)
    .map(([k, v]) => `${k} ${Buffer.from(v).toString("base64")}`)
    .join(",");
  try {
    const start = performance.now();
    const created = await request(agent, options.createUrl, "POST", { ...base, "Upload-Length": String(options.size), "Upload-Metadata": metadata, "Content-Length": "0" });
    if (created.status !== 201 || !created.headers.location) throw new Error(`tus creation answered ${created.status}: ${created.body.slice(0, 300)}`);
    const uploadUrl = new URL(created.headers.location, options.createUrl).toString();
    let offset = 0;
    let patches = 0;
    while (offset < options.size) {
      const length = Math.min(options.chunkBytes, options.size - offset);
      const reply = await request(
        agent,
        uploadUrl,
        "PATCH",
        { ...base, "Content-Type": "application/offset+octet-stream", "Upload-Offset": String(offset) },
        options.read(offset, length),
      );
      patches++;
      if (reply.status !== 204) throw new Error(`PATCH at ${offset} answered ${reply.status}: ${reply.body.slice(0, 300)}`);
      const next = Number(reply.headers["upload-offset"]);
      if (next !== offset + length) throw new Error(`PATCH at ${offset} moved the offset to ${next}, expected ${offset + length}`);
      offset = next;
    }
    const ms = performance.now() - start;
    return { ms, uploadUrl, id: new URL(uploadUrl).pathname.split("/").pop()!, patches };
  } finally {
    agent.destroy();
  }
}

export type LoadOptions = {
  url: string;
  headers?: Record<string, string>;
  concurrency: number;
  durationMs: number;
  maxRequests: number;
  /** The Range header of the i-th request. */
  range: (i: number) => string;
};

export type LoadResult = {
  requests: number;
  bytes: number;
  ms: number;
  errors: number;
  firstError?: string;
  p50Ms: number;
  p99Ms: number;
  /** Replies without a Content-Length (sent chunked); their length is checked against Content-Range. */
  withoutLength: number;
};

/**
 * A bounded closed-loop load: `concurrency` workers on keep-alive connections send
 * ranged GETs until the time or the request budget runs out. Every reply must be a
 * 206 whose body is as long as its Content-Range says (and its Content-Length, if any).
 */
export async function rangeLoad(options: LoadOptions): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const latencies: number[] = [];
  let issued = 0;
  let bytes = 0;
  let errors = 0;
  let withoutLength = 0;
  let firstError: string | undefined;
  const start = performance.now();
  const deadline = start + options.durationMs;

  const one = (i: number) =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      const req = http.request(options.url, { headers: { ...options.headers, Range: options.range(i) }, agent }, (res) => {
        let got = 0;
        res.on("data", (c: Buffer) => (got += c.length));
        res.on("end", () => {
          const range = /^bytes (\d+)-(\d+)\/\d+$/.exec(res.headers["content-range"] ?? "");
          const expected = range ? Number(range[2]) - Number(range[1]) + 1 : NaN;
          const length = res.headers["content-length"];
          if (length === undefined) withoutLength++;
          if (res.statusCode !== 206 || got !== expected || (length !== undefined && Number(length) !== got)) {
            errors++;
            firstError ??= `status ${res.statusCode}, ${got} bytes for Content-Range ${res.headers["content-range"]}, Content-Length ${length}`;
          } else {
            bytes += got;
            latencies.push(performance.now() - t0);
          }
          resolve();
        });
        res.on("error", (e) => {
          errors++;
          firstError ??= String(e);
          resolve();
        });
      });
      req.on("error", (e) => {
        errors++;
        firstError ??= String(e);
        resolve();
      });
      req.end();
    });

  const worker = async () => {
    while (performance.now() < deadline && issued < options.maxRequests) await one(issued++);
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const ms = performance.now() - start;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] : NaN);
  return { requests: latencies.length, bytes, ms, errors, firstError, p50Ms: pct(0.5), p99Ms: pct(0.99), withoutLength };
}
