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
 * - `--max-old-space-size=512`: it stopped resident memory rising ~10 MB per GiB uploaded
 *   through Next's route handler, but with it V8 answers the chunks' external memory with
 *   full collections (the same 11-14 s per GiB). The direct route promotes little, and
 *   memory stays flat without it.
 */
export const serverNodeFlags = ["--max-semi-space-size=8"];

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
