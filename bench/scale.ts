// National scale (issue 17): the same requests at demo size and at national size
// (bench/lib/scale-data.ts: ~80,000 KIMs, ~2,000 published editions, ~45,000 films, 3,000
// judges, a provincial edition of 4,000 films in judging), on PGlite and on a PostgreSQL
// server, each against the production server. For each request: the median latency of one
// request at a time, and req/s (with the median under that load in the details) with
// BENCH_SCALE_CONNECTIONS connections at once (autocannon, BENCH_SCALE_SECONDS seconds each after a
// one-second warm-up), and the bytes of one answer; then national ÷ demo, and the server's peak
// resident memory over the whole run of each size. The organiser's exports of the 4,000-film
// edition (PostgreSQL only), timed to their last byte. Targets: public requests at national size
// under 100 ms median on PostgreSQL (200 ms on PGlite), organiser pages of the 4,000-film
// edition under 1 s and 1 MB, server RSS under 600 MB.
//   npm run bench -- --only scale            both databases (PostgreSQL when one answers at
//                                             BENCH_DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres)
import autocannon from "autocannon";
import { Client } from "pg";
import crypto from "node:crypto";
import { loadNationalData, type ScaleFacts } from "./lib/scale-data";
import { PeakRss, rssBytes } from "./lib/proc";
import { MB, type Row } from "./lib/report";
import { signIn, startApp, type App } from "./lib/server";

const seconds = Number(process.env.BENCH_SCALE_SECONDS) || 3;
const connections = Number(process.env.BENCH_SCALE_CONNECTIONS) || 4;

/** `vary`: each request asks another path (an answer no cache holds yet), e.g. another page of a search. */
type Probe = { name: string; path: string; organiser?: boolean; vary?: () => string };
type Measure = { medianMs: number; busyMedianMs?: number; rps: number; bytes: number; status: number; errors: number };
type Size = { facts?: ScaleFacts; results: Map<string, Measure>; exports: Map<string, Measure>; peakRss: number; loadSeconds?: number };

/** The organiser's exports of the edition in judging, once sealed (issue 17: under 10 s each, streamed). */
const exportDocs = ["rekap.xlsx", "rekap.csv", "berita-acara.pdf"];

/**
 * One download, timed to its last byte and counted as it arrives (the body is never held here).
 * The edition is sealed by a direct update first: the bench's big edition still has drafts, so the
 * seal checklist would refuse, and the exports read the same rows either way.
 */
async function measureExports(app: App, databaseUrl: string, slug: string, cookie: string): Promise<Map<string, Measure>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query("update editions set status = 'disegel', sealed_at = now() where slug = $1", [slug]);
  await client.end();
  const out = new Map<string, Measure>();
  for (const doc of exportDocs) {
    const started = performance.now();
    const response = await fetch(`${app.baseUrl}/api/festival/${slug}/dokumen/${doc}`, { headers: { cookie } });
    let bytes = 0;
    const reader = response.body?.getReader();
    for (let part = await reader?.read(); part && !part.done; part = await reader!.read()) bytes += part.value.byteLength;
    const ms = Math.round(performance.now() - started);
    out.set(`export ${doc}`, { medianMs: ms, rps: 1000 / Math.max(ms, 1), bytes, status: response.status, errors: response.ok ? 0 : 1 });
  }
  return out;
}

function cannon(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => autocannon(options, (error, r) => (error ? reject(error) : resolve(r))));
}

/** What each size is asked: the same names, the paths found in that size's data. */
function probes(kimSlug: string, judgingSlug: string): Probe[] {
  return [
    { name: "home /", path: "/" },
    { name: "archive JSON ?q=sawah", path: "/api/v1/arsip?q=sawah" },
    // The same search a page further each time: past what the shared read keeps, the query itself.
    { name: "archive JSON ?q=sawah, a new page each time", path: "/api/v1/arsip?q=sawah&halaman=2", vary: nextArchivePage() },
    { name: "archive page ?q=sawah", path: "/arsip?q=sawah" },
    { name: "archive page, no filter", path: "/arsip" },
    { name: "KIM directory JSON, province 33", path: "/api/v1/kim?regency=33" },
    { name: "region page /wilayah/33", path: "/wilayah/33" },
    { name: "editions JSON", path: "/api/v1/editions" },
    { name: "RSS /rss.xml", path: "/rss.xml" },
    { name: "sitemap index", path: "/sitemap.xml" },
    { name: "sitemap file kim-1", path: "/sitemap/kim-1.xml" },
    { name: "KIM profile", path: `/kim/${kimSlug}` },
    { name: "organiser results (edition in judging)", path: `/admin/festival/${judgingSlug}/hasil`, organiser: true },
    { name: "organiser judging (edition in judging)", path: `/admin/festival/${judgingSlug}/penjurian`, organiser: true },
    { name: "organiser entries (edition in judging)", path: `/admin/festival/${judgingSlug}/film`, organiser: true },
  ];
}

/** 840 different pages of the same search (pages 1-40 of 10 to 30 rows): none asked twice in a run. */
function nextArchivePage(): () => string {
  let i = 0;
  return () => {
    i += 1;
    return `/api/v1/arsip?q=sawah&halaman=${1 + (i % 40)}&limit=${10 + (Math.floor(i / 40) % 21)}`;
  };
}

async function measure(app: App, probe: Probe, cookie: string): Promise<Measure> {
  const url = `${app.baseUrl}${probe.path}`;
  const headers: Record<string, string> = { "accept-encoding": "identity", ...(probe.organiser ? { cookie } : {}) };
  const first = await fetch(url, { headers, redirect: "manual" });
  const bytes = (await first.arrayBuffer()).byteLength;
  const requests = probe.vary ? [{ setupRequest: (request: autocannon.Request) => ({ ...request, path: probe.vary!() }) }] : undefined;
  await cannon({ url, connections: 1, duration: 1, headers, requests });
  // The latency one reader waits: one request at a time (several at once on a 2-core machine
  // measure the queue in front of the request too); then how many the server answers with
  // `connections` at once.
  const alone = await cannon({ url, connections: 1, duration: seconds, headers, requests });
  const busy = await cannon({ url, connections, duration: seconds, headers, requests });
  // A request that outlived autocannon's 10 s timeout is an error, not a fast answer.
  const errors = (r: autocannon.Result) => r.errors + r.timeouts + r.non2xx + (r.requests.total === 0 ? 1 : 0);
  return { medianMs: alone.latency.p50, busyMedianMs: busy.latency.p50, rps: busy.requests.average, bytes, status: first.status, errors: errors(alone) + errors(busy) };
}

/** The demo's edition in judging, and a KIM with awards, at demo size. */
async function demoTargets(app: App): Promise<{ kimSlug: string; judgingSlug: string }> {
  const editions = (await (await fetch(`${app.baseUrl}/api/v1/editions?limit=200`)).json()) as { editions: { slug: string; status: string }[] };
  const judging = editions.editions.find((e) => e.status === "penjurian");
  if (!judging) throw new Error("the demo has no edition in judging");
  return { kimSlug: "kim-manteb-karangpandan", judgingSlug: judging.slug };
}

async function runSize(kind: "PGlite" | "PostgreSQL", national: boolean, databaseUrl: string | undefined, log: (line: string) => void): Promise<Size> {
  let facts: ScaleFacts | undefined;
  const app = await startApp(log, {
    databaseUrl,
    prepare: national
      ? async (_db, handle) => {
          log(`[scale] loading national data into ${kind}…`);
          facts = await loadNationalData(handle, { log });
        }
      : undefined,
  });
  try {
    const cookie = await signIn(app.baseUrl, "admin.jateng@layar.test");
    const targets = facts ? { kimSlug: facts.sampleKimSlug, judgingSlug: facts.bigEdition.slug } : await demoTargets(app);
    const peak = new PeakRss(app.serverPid).start();
    const results = new Map<string, Measure>();
    for (const probe of probes(targets.kimSlug, targets.judgingSlug)) {
      const m = await measure(app, probe, cookie);
      results.set(probe.name, m);
      log(`[scale] ${kind} ${national ? "national" : "demo"} ${probe.name}: ${m.medianMs} ms median alone, ${m.busyMedianMs} ms with ${connections} at once, ${m.rps.toFixed(1)} req/s, ${(m.bytes / 1000).toFixed(0)} KB, status ${m.status}${m.errors ? `, ${m.errors} errors` : ""}; server RSS after it ${((rssBytes(app.serverPid) ?? 0) / MB).toFixed(0)} MB`);
    }
    // On PostgreSQL only: the bench writes beside the running server (PGlite is one process's).
    const exports = databaseUrl ? await measureExports(app, databaseUrl, targets.judgingSlug, cookie) : new Map<string, Measure>();
    for (const [name, m] of exports) log(`[scale] ${kind} ${national ? "national" : "demo"} ${name}: ${m.medianMs} ms, ${(m.bytes / 1000).toFixed(0)} KB, status ${m.status}`);
    log(`[scale] ${kind} ${national ? "national" : "demo"} server RSS after the exports ${((rssBytes(app.serverPid) ?? 0) / MB).toFixed(0)} MB`);
    const reading = peak.stop();
    return { facts, results, exports, peakRss: reading.peakBytes, loadSeconds: facts?.seconds };
  } finally {
    await app.stop();
  }
}

async function freshServerDatabase(): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const serverUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const admin = new Client({ connectionString: serverUrl, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
  } catch {
    return null;
  }
  const name = `layar_bench_scale_${crypto.randomBytes(4).toString("hex")}`;
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export async function runScaleBench(log: (line: string) => void = console.log): Promise<Row[]> {
  const rows: Row[] = [];
  for (const kind of ["PostgreSQL", "PGlite"] as const) {
    const sizes: Size[] = [];
    for (const national of [false, true]) {
      const server = kind === "PostgreSQL" ? await freshServerDatabase() : undefined;
      if (kind === "PostgreSQL" && !server) {
        log("[scale] no PostgreSQL server answers: PostgreSQL rows skipped");
        break;
      }
      try {
        sizes.push(await runSize(kind, national, server?.url, log));
      } finally {
        await server?.drop();
      }
    }
    if (sizes.length < 2) continue;
    const [demo, big] = sizes;
    const limit = kind === "PostgreSQL" ? 100 : 200;
    for (const [name, n] of big.results) {
      const d = demo.results.get(name)!;
      const organiser = name.startsWith("organiser");
      const pass = n.status === 200 && n.errors === 0 && (organiser ? n.medianMs < 1000 && n.bytes < MB : n.medianMs < limit);
      rows.push({
        name: `${kind} ${name}`,
        figure: `${n.medianMs} ms, ${n.rps.toFixed(0)}/s, ${(n.bytes / 1000).toFixed(0)} KB`,
        baseline: `${d.medianMs} ms, ${(d.bytes / 1000).toFixed(0)} KB`,
        ratio: Math.max(n.medianMs, 1) / Math.max(d.medianMs, 1),
        target: organiser ? "< 1 s, < 1 MB" : `< ${limit} ms`,
        pass,
        details: [`${kind} ${name}: national ${n.medianMs} ms median alone (${n.busyMedianMs} ms with ${connections} at once), ${n.rps.toFixed(1)} req/s, ${n.bytes} bytes (status ${n.status}); demo ${d.medianMs} ms (${d.busyMedianMs} ms), ${d.rps.toFixed(1)} req/s, ${d.bytes} bytes; bytes ×${(n.bytes / Math.max(d.bytes, 1)).toFixed(1)}`],
      });
    }
    for (const [name, n] of big.exports) {
      const d = demo.exports.get(name)!;
      rows.push({
        name: `${kind} ${name} (edition of ${big.facts?.bigEdition.films ?? "?"} films)`,
        figure: `${(n.medianMs / 1000).toFixed(1)} s, ${(n.bytes / MB).toFixed(1)} MB`,
        baseline: `${(d.medianMs / 1000).toFixed(1)} s, ${(d.bytes / 1000).toFixed(0)} KB`,
        ratio: Math.max(n.medianMs, 1) / Math.max(d.medianMs, 1),
        target: "< 10 s",
        pass: n.status === 200 && n.medianMs < 10_000,
        details: [`${kind} ${name}: national ${n.medianMs} ms, ${n.bytes} bytes (status ${n.status}); demo ${d.medianMs} ms, ${d.bytes} bytes`],
      });
    }
    const peak = Math.max(demo.peakRss, big.peakRss);
    rows.push({
      name: `${kind} server peak RSS, national run`,
      figure: `${(big.peakRss / MB).toFixed(0)} MB`,
      baseline: `${(demo.peakRss / MB).toFixed(0)} MB`,
      ratio: big.peakRss / demo.peakRss,
      target: "< 600 MB",
      pass: peak < 600 * MB,
      details: [`${kind}: national data loaded in ${big.loadSeconds?.toFixed(1)} s (${JSON.stringify({ kims: big.facts?.kims, editions: big.facts?.editionsPublished, films: big.facts?.films, sheets: big.facts?.sheets })})`],
    });
  }
  return rows;
}
