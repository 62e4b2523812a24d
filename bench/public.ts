// Public pages under load: the published demo festival's winners page and the archive,
// 50 concurrent connections with autocannon on loopback, each as a ratio of requests
// per second to /api/health measured in the same run (the cheapest route of the same
// server), with the p99 latency. Target from the issue: report both.
import autocannon from "autocannon";
import type { App } from "./lib/server";
import type { Row } from "./lib/report";

type Result = { rps: number; p99: number; errors: number; non2xx: number };

function load(url: string, seconds: number): Promise<Result> {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: 50, duration: seconds, pipelining: 1 }, (error, result) => {
      if (error) return reject(error);
      resolve({ rps: result.requests.average, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx });
    });
  });
}

export async function runPublicBench({ app, seconds = 10 }: { app: App; seconds?: number }): Promise<Row[]> {
  const editions = (await (await fetch(`${app.baseUrl}/api/v1/editions`)).json()) as { editions: { slug: string; status: string; isSample: boolean; isHistorical: boolean }[] };
  const published = editions.editions.find((e) => e.status === "diumumkan" && e.isSample && !e.isHistorical);
  if (!published) throw new Error("the demo data has no published sample edition");
  const pages = [
    { name: `winners page /festival/${published.slug}`, url: `${app.baseUrl}/festival/${published.slug}` },
    { name: "archive page /arsip", url: `${app.baseUrl}/arsip` },
  ];
  // Warm up: the first request of each route compiles and caches in the server.
  for (const p of [...pages, { url: `${app.baseUrl}/api/health` }]) await fetch(p.url);
  const rows: Row[] = [];
  for (const page of pages) {
    const health = await load(`${app.baseUrl}/api/health`, seconds);
    const result = await load(page.url, seconds);
    const ratio = result.rps / health.rps;
    rows.push({
      name: `${page.name} at 50 connections`,
      figure: `${result.rps.toFixed(0)} req/s, p99 ${result.p99} ms`,
      baseline: `${health.rps.toFixed(0)} req/s`,
      ratio,
      target: "report (ratio to /api/health, p99)",
      pass: result.errors === 0 && result.non2xx === 0,
      details: [`${page.name}: ${result.rps.toFixed(1)} req/s, p99 ${result.p99} ms, ${result.errors} errors, ${result.non2xx} non-2xx; /api/health ${health.rps.toFixed(1)} req/s p99 ${health.p99} ms; ratio ${ratio.toFixed(2)}`],
    });
  }
  return rows;
}
