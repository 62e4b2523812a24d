// National scale (issue 17): the same requests at demo size and at national size
// (bench/lib/scale-data.ts: ~80,000 KIMs, ~2,000 published editions, ~45,000 films, 3,000
// judges, a provincial edition of 4,000 films in judging), on PGlite and on a PostgreSQL
// server, each against the production server. For each request: median latency and req/s
// (autocannon, BENCH_SCALE_CONNECTIONS connections for BENCH_SCALE_SECONDS seconds after a
// one-second warm-up) and the bytes of one answer; then national ÷ demo, and the server's peak
// resident memory over the whole run of each size. Targets: public requests at national size
// under 100 ms median on PostgreSQL (200 ms on PGlite), organiser pages of the 4,000-film
// edition under 1 s and 1 MB, server RSS under 600 MB.
//   npm run bench -- --only scale            both databases (PostgreSQL when one answers at
//                                             BENCH_DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres)
import autocannon from "autocannon";
import { Client } from "pg";
import crypto from "node:crypto";
import { loadNationalData, type ScaleFacts } from "./lib/scale-data";
import { PeakRss } from "./lib/proc";
import { MB, type Row } from "./lib/report";
import { signIn, startApp, type App } from "./lib/server";

const seconds = Number(process.env.BENCH_SCALE_SECONDS) || 3;
const connections = Number(process.env.BENCH_SCALE_CONNECTIONS) || 4;

type Probe = { name: string; path: string; organiser?: boolean };
type Measure = { medianMs: number; rps: number; bytes: number; status: number; errors: number };
type Size = { facts?: ScaleFacts; results: Map<string, Measure>; peakRss: number; loadSeconds?: number };

function cannon(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => autocannon(options, (error, r) => (error ? reject(error) : resolve(r))));
}

/** What each size is asked: the same names, the paths found in that size's data. */
function probes(kimSlug: string, judgingSlug: string): Probe[] {
  return [
    { name: "home /", path: "/" },
    { name: "archive JSON ?q=sawah", path: "/api/v1/arsip?q=sawah" },
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

async function measure(app: App, probe: Probe, cookie: string): Promise<Measure> {
  const url = `${app.baseUrl}${probe.path}`;
  const headers: Record<string, string> = { "accept-encoding": "identity", ...(probe.organiser ? { cookie } : {}) };
  const first = await fetch(url, { headers, redirect: "manual" });
  const bytes = (await first.arrayBuffer()).byteLength;
  await cannon({ url, connections, duration: 1, headers });
  const result = await cannon({ url, connections, duration: seconds, headers });
  // A request that outlived autocannon's 10 s timeout is an error, not a fast answer.
  return { medianMs: result.latency.p50, rps: result.requests.average, bytes, status: first.status, errors: result.errors + result.timeouts + result.non2xx + (result.requests.total === 0 ? 1 : 0) };
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
      log(`[scale] ${kind} ${national ? "national" : "demo"} ${probe.name}: ${m.medianMs} ms median, ${m.rps.toFixed(1)} req/s, ${(m.bytes / 1000).toFixed(0)} KB, status ${m.status}${m.errors ? `, ${m.errors} errors` : ""}`);
    }
    const reading = peak.stop();
    return { facts, results, peakRss: reading.peakBytes, loadSeconds: facts?.seconds };
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
        details: [`${kind} ${name}: national ${n.medianMs} ms median, ${n.rps.toFixed(1)} req/s, ${n.bytes} bytes (status ${n.status}); demo ${d.medianMs} ms, ${d.rps.toFixed(1)} req/s, ${d.bytes} bytes; bytes ×${(n.bytes / Math.max(d.bytes, 1)).toFixed(1)}`],
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
