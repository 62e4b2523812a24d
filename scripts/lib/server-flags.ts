// How the production server is started, in one place: `npm start` (package.json writes
// the same flags out, as npm scripts cannot import this), `npm run demo` and the
// benchmarks all run server.mjs like this, so the memory they report is the product's.

/**
 * V8's young generation at most 8 MB per semi-space instead of 16 MB: up to ~24 MB less
 * resident memory under load, at no measured cost (`npm run bench`: 1 GiB upload peak
 * 290 MB against 305 MB with 16; throughput ratios within noise). Smaller limits cost more
 * than they saved once the byte routes were direct (docs/decisions/0010):
 * - `--max-semi-space-size=2` (~40 MB less at rest): a 1 GiB upload through the direct PATCH
 *   route cost 11-13 s of server CPU instead of ~3 s, and ranged playback 2-4x the CPU per
 *   MB, as short-lived chunk buffers were collected, and promoted, far more often.
 *
 * An old generation of at most 512 MB: with V8's default (a quarter of the machine's memory)
 * the heap grows lazily under load, and the server peaked at 657 MB resident serving 4
 * connections at once (public pages, then the organiser's pages of a 4,000-film edition);
 * with the limit V8 collects sooner and the same requests peaked at 372 MB, for 5-15% fewer
 * req/s (bench/scale.ts, docs/decisions/0041). Uploads no longer pay for it as they did
 * through Next's route handler (decision 0010: 11-14 s of CPU per GiB): through the direct
 * route, 6.3 s per GiB with the limit and 6.4 s without, peak 373 MB against 392 MB
 * (`npm run bench -- --only upload`, the same day). Live memory stays well under the limit:
 * the exports stream, and the largest page holds one edition's ranking.
 */
export const serverNodeFlags = ["--max-semi-space-size=8", "--max-old-space-size=512"];

/**
 * At most two glibc malloc arenas: without it each thread that allocates (libuv's file
 * system pool writing uploads, V8's helper threads) keeps its own arena, whose freed
 * memory stays resident.
 */
export const serverEnv = { MALLOC_ARENA_MAX: "2" };

/**
 * The command line after `node` that starts the production server (server.mjs: Next
 * behind node:http with the direct byte routes), as `npm start` runs it.
 */
export function serverArgs(root: string, port: number, hostname?: string): string[] {
  return [...serverNodeFlags, `${root.replace(/\/$/, "")}/server.mjs`, "-p", String(port), ...(hostname ? ["-H", hostname] : [])];
}
