// Public pages under load: home, the published demo edition's winners page, a film, the
// archive, a KIM profile and a region page, each against a STATIC FILE of the same size
// served by the same server: the build's css or js file under /_next/static/ whose size is
// closest to the bytes the page puts on the wire, asked for without compression so it is sent
// as is (measured right before the page). Also that static file as a browser asks for it
// (Next gzips it on every request), and /api/health as a second line. For each: the server
// process's CPU per request (utime+stime from /proc/<pid>/stat around a fixed number of
// requests, divided by them), requests per second and p99 at 10 connections (autocannon
// on loopback, which shares the machine's cores with the server: CPU per request is the
// steadier figure), and bytes per request on the wire. Page requests say
// `Accept-Encoding: br, gzip` as a browser does. Target (issue 13): a cached page at most
// 2x the static file's CPU.
//   BENCH_PUBLIC_SECONDS=10 npm run bench -- --only public     longer runs (default 5 s each)
import path from "node:path";
import autocannon from "autocannon";
import type { App } from "./lib/server";
import type { Row } from "./lib/report";
import { closestBySize, findPublicPages, getEncoded, kb, staticFiles } from "./lib/pages";
import { processCpuSeconds } from "./lib/proc";

const root = path.resolve(import.meta.dirname, "..");
const browserEncoding = "br, gzip";

type Result = { rps: number; p99: number; errors: number; non2xx: number; requests: number; cpuMsPerRequest: number; wireBytesPerRequest: number };

const connections = 10;

function cannon(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => autocannon(options, (error, r) => (error ? reject(error) : resolve(r))));
}

/**
 * A 1-second probe (also the warm-up), then a fixed number of requests worth about
 * `seconds` at the probed rate: every request counted has completed, so the CPU read
 * from /proc before and after covers exactly those requests (a timed run would end with
 * requests in flight whose CPU is counted but not their replies).
 */
async function load(app: App, url: string, seconds: number, acceptEncoding = browserEncoding): Promise<Result> {
  const headers = acceptEncoding ? { "accept-encoding": acceptEncoding } : undefined;
  const probe = await cannon({ url, connections, duration: 1, headers });
  const amount = Math.max(100, Math.round(probe.requests.average * seconds));
  const cpuBefore = processCpuSeconds(app.serverPid);
  const result = await cannon({ url, connections, amount, headers });
  const cpu = processCpuSeconds(app.serverPid) - cpuBefore;
  const requests = result.requests.total;
  return {
    rps: requests / result.duration,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
    requests,
    cpuMsPerRequest: requests ? (cpu * 1000) / requests : NaN,
    wireBytesPerRequest: requests ? result.throughput.total / requests : NaN,
  };
}

const fmt = (r: Result) => `${r.cpuMsPerRequest.toFixed(3)} ms CPU/req, ${r.rps.toFixed(0)} req/s, p99 ${r.p99} ms`;

/** The first of the candidates the server answers 200 to, with what it sends for `acceptEncoding`. */
async function servedStatic(app: App, candidates: { urlPath: string; bytes: number }[], acceptEncoding: string) {
  for (const f of candidates.slice(0, 5)) {
    const got = await getEncoded(app.baseUrl + f.urlPath, acceptEncoding);
    if (got.status === 200) return { ...f, encoding: got.encoding, wire: got.wireBytes };
  }
  return undefined;
}

export async function runPublicBench({ app, seconds = Number(process.env.BENCH_PUBLIC_SECONDS ?? 5) }: { app: App; seconds?: number }): Promise<Row[]> {
  const pages = await findPublicPages(app.baseUrl);
  const files = staticFiles(root);
  if (files.length === 0) throw new Error(`no build output in ${path.join(root, ".next/static")}`);
  const rows: Row[] = [];
  const statics: Result[] = [];
  const pageCpu: { label: string; ms: number }[] = [];
  const wireSize = (f: { encoding: string; wireBytes: number }) => (f.encoding === "identity" ? "not compressed" : `${kb(f.wireBytes)} (${f.encoding})`);
  for (const page of pages) {
    const url = app.baseUrl + page.path;
    // The first request of a route renders and caches it; then the sizes as sent.
    const identity = await getEncoded(url, "");
    if (identity.status !== 200) throw new Error(`${page.path} answered ${identity.status}`);
    const gzip = await getEncoded(url, "gzip");
    const br = await getEncoded(url, "br");
    const served = await getEncoded(url, browserEncoding);
    // The baseline: the build's static file whose size is closest to the bytes this page puts
    // on the wire, asked for without compression, so the server sends the same number of bytes
    // straight from a file (Next would otherwise gzip a static file anew on every request).
    const baseline = await servedStatic(app, closestBySize(files, served.wireBytes), "");
    if (!baseline) throw new Error(`the server serves none of the static files closest in size to ${page.path}`);
    const staticResult = await load(app, app.baseUrl + baseline.urlPath, seconds, "");
    const result = await load(app, url, seconds);
    statics.push(staticResult);
    pageCpu.push({ label: page.label, ms: result.cpuMsPerRequest });
    const ratio = result.cpuMsPerRequest / staticResult.cpuMsPerRequest;
    const clean = result.errors === 0 && result.non2xx === 0 && staticResult.errors === 0 && staticResult.non2xx === 0;
    rows.push({
      name: `public ${page.label} ${page.path.length > 28 ? page.path.slice(0, 26) + "…" : page.path}`,
      figure: fmt(result),
      baseline: `${staticResult.cpuMsPerRequest.toFixed(3)} ms static`,
      ratio,
      target: "CPU <= 2x static file",
      pass: clean && ratio <= 2,
      details: [
        `${page.label} ${page.path}: ${fmt(result)}, ${kb(result.wireBytesPerRequest)} per request on the wire (${served.encoding} for "${browserEncoding}"), ${result.requests} requests, ${result.errors} errors, ${result.non2xx} non-2xx; ` +
          `HTML ${kb(identity.body.length)}, asked for gzip: ${wireSize(gzip)}, asked for br: ${wireSize(br)}; ` +
          `baseline static ${baseline.urlPath} (${kb(baseline.bytes)} sent as is, ${kb(staticResult.wireBytesPerRequest)} per request on the wire): ${fmt(staticResult)}; CPU ratio ${ratio.toFixed(2)}, req/s ratio ${(result.rps / staticResult.rps).toFixed(2)}`,
      ],
    });
  }
  const staticCpu = statics.map((s) => s.cpuMsPerRequest).sort((a, b) => a - b)[Math.floor(statics.length / 2)];

  // What Next does with a static file a browser asks for: gzip on every request (the file
  // closest in size to the winners page's HTML), against the same static files sent as is.
  const winners = pages.find((p) => p.key === "winners")!;
  const winnersHtml = (await getEncoded(app.baseUrl + winners.path, "")).body.length;
  const compressed = await servedStatic(app, closestBySize(files, winnersHtml), browserEncoding);
  if (compressed) {
    const r = await load(app, app.baseUrl + compressed.urlPath, seconds);
    rows.push({
      name: `public static file asked for ${browserEncoding}`,
      figure: fmt(r),
      baseline: `${staticCpu.toFixed(3)} ms static`,
      ratio: r.cpuMsPerRequest / staticCpu,
      target: "report",
      pass: r.errors === 0 && r.non2xx === 0,
      details: [
        `${compressed.urlPath} (${kb(compressed.bytes)}, the winners HTML's size) asked for "${browserEncoding}": sent ${compressed.encoding} ${kb(r.wireBytesPerRequest)}: ${fmt(r)}; baseline: the median of the static files sent as is above`,
      ],
    });
  }

  // The second line: /api/health (the old baseline: a route handler through Next, not a static file).
  const healthResult = await load(app, `${app.baseUrl}/api/health`, seconds);
  rows.push({
    name: "public /api/health (second line)",
    figure: fmt(healthResult),
    baseline: `${staticCpu.toFixed(3)} ms static`,
    ratio: healthResult.cpuMsPerRequest / staticCpu,
    target: "report (vs median static)",
    pass: healthResult.errors === 0 && healthResult.non2xx === 0,
    details: [
      `/api/health: ${fmt(healthResult)}, ${healthResult.requests} requests; pages per /api/health CPU: ${pageCpu.map((p) => `${p.label} ${(p.ms / healthResult.cpuMsPerRequest).toFixed(2)}`).join(", ")}`,
      `CPU: the serving process's (pid ${app.serverPid}) utime+stime from /proc/<pid>/stat around a fixed number of requests (about ${seconds} s at ${connections} connections, after a 1 s warm-up) / those requests; ` +
        `the load generator shares the machine's cores, so req/s is lower than the server alone could do`,
    ],
  });
  return rows;
}
