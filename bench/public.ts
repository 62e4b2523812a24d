// Public pages under load: home, the published demo edition's winners page, a film, the
// archive, a KIM profile and a region page, each against a STATIC FILE of about the same
// size served by the same server (a css or js file of the build under /_next/static/,
// the closest in size to the page's HTML, measured right before the page), and
// /api/health as a second line. For each: the server process's CPU per request
// (utime+stime from /proc/<pid>/stat before and after the run, divided by the requests
// answered), requests per second and p99 at 50 connections (autocannon on loopback, which
// shares the machine's cores with the server: CPU per request is the steadier figure),
// and bytes per request on the wire. Every request says `Accept-Encoding: br, gzip` as a
// browser does. Target (issue 13): a cached page at most 2x the static file's CPU.
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

async function load(app: App, url: string, seconds: number): Promise<Result> {
  const cpuBefore = processCpuSeconds(app.serverPid);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    autocannon({ url, connections: 50, duration: seconds, pipelining: 1, headers: { "accept-encoding": browserEncoding } }, (error, r) => (error ? reject(error) : resolve(r)));
  });
  const cpu = processCpuSeconds(app.serverPid) - cpuBefore;
  const requests = result.requests.total;
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
    requests,
    cpuMsPerRequest: requests ? (cpu * 1000) / requests : NaN,
    wireBytesPerRequest: requests ? result.throughput.total / requests : NaN,
  };
}

const fmt = (r: Result) => `${r.cpuMsPerRequest.toFixed(3)} ms CPU/req, ${r.rps.toFixed(0)} req/s, p99 ${r.p99} ms`;

export async function runPublicBench({ app, seconds = Number(process.env.BENCH_PUBLIC_SECONDS ?? 5) }: { app: App; seconds?: number }): Promise<Row[]> {
  const pages = await findPublicPages(app.baseUrl);
  const files = staticFiles(root);
  if (files.length === 0) throw new Error(`no build output in ${path.join(root, ".next/static")}`);
  const rows: Row[] = [];
  const statics: { file: string; result: Result }[] = [];
  const pageCpu: { label: string; ms: number }[] = [];
  const health = `${app.baseUrl}/api/health`;
  for (const page of pages) {
    const url = app.baseUrl + page.path;
    // Warm up (the first request of a route renders and caches it), and the sizes as sent.
    const identity = await getEncoded(url, "");
    if (identity.status !== 200) throw new Error(`${page.path} answered ${identity.status}`);
    const gzip = await getEncoded(url, "gzip");
    const br = await getEncoded(url, "br");
    const served = await getEncoded(url, browserEncoding);
    const htmlBytes = identity.body.length;
    // The static file closest in size to the page's HTML that the server does serve.
    let baseline: { urlPath: string; bytes: number; encoding: string; wire: number } | undefined;
    for (const f of closestBySize(files, htmlBytes).slice(0, 5)) {
      const got = await getEncoded(app.baseUrl + f.urlPath, browserEncoding);
      if (got.status === 200) {
        baseline = { ...f, encoding: got.encoding, wire: got.wireBytes };
        break;
      }
    }
    if (!baseline) throw new Error(`the server serves none of the static files closest in size to ${page.path}`);
    const staticResult = await load(app, app.baseUrl + baseline.urlPath, seconds);
    const result = await load(app, url, seconds);
    statics.push({ file: baseline.urlPath, result: staticResult });
    pageCpu.push({ label: page.label, ms: result.cpuMsPerRequest });
    const ratio = result.cpuMsPerRequest / staticResult.cpuMsPerRequest;
    const clean = result.errors === 0 && result.non2xx === 0 && staticResult.errors === 0 && staticResult.non2xx === 0;
    const wireSize = (f: { encoding: string; wireBytes: number }) => (f.encoding === "identity" ? "not compressed" : `${kb(f.wireBytes)} (${f.encoding})`);
    rows.push({
      name: `public ${page.label} ${page.path.length > 28 ? page.path.slice(0, 26) + "…" : page.path}`,
      figure: fmt(result),
      baseline: `${staticResult.cpuMsPerRequest.toFixed(3)} ms static`,
      ratio,
      target: "CPU <= 2x static file",
      pass: clean && ratio <= 2,
      details: [
        `${page.label} ${page.path}: ${fmt(result)}, ${kb(result.wireBytesPerRequest)} per request on the wire (${served.encoding} for "${browserEncoding}"), ${result.requests} requests, ${result.errors} errors, ${result.non2xx} non-2xx; ` +
          `HTML ${kb(htmlBytes)}, asked for gzip: ${wireSize(gzip)}, asked for br: ${wireSize(br)}; ` +
          `baseline static ${baseline.urlPath} (${kb(baseline.bytes)}, sent ${baseline.encoding === "identity" ? "uncompressed" : baseline.encoding} ${kb(staticResult.wireBytesPerRequest)}): ${fmt(staticResult)}; CPU ratio ${ratio.toFixed(2)}, req/s ratio ${(result.rps / staticResult.rps).toFixed(2)}`,
      ],
    });
  }
  // The second line: /api/health (the old baseline: a route handler through Next, not a static file).
  const healthResult = await load(app, health, seconds);
  const staticCpu = statics.map((s) => s.result.cpuMsPerRequest).sort((a, b) => a - b)[Math.floor(statics.length / 2)];
  rows.push({
    name: "public /api/health (second line)",
    figure: fmt(healthResult),
    baseline: `${staticCpu.toFixed(3)} ms static`,
    ratio: healthResult.cpuMsPerRequest / staticCpu,
    target: "report (vs median static)",
    pass: healthResult.errors === 0 && healthResult.non2xx === 0,
    details: [
      `/api/health: ${fmt(healthResult)}, ${healthResult.requests} requests; pages per /api/health CPU: ${pageCpu.map((p) => `${p.label} ${(p.ms / healthResult.cpuMsPerRequest).toFixed(2)}`).join(", ")}`,
      `CPU is the serving process's (pid ${app.serverPid}) utime+stime from /proc over each ${seconds} s run / requests answered; the load generator runs on the same cores, so req/s is lower than the server alone could do`,
    ],
  });
  return rows;
}
