// How the production server is started, in one place: `npm start` (package.json writes
// the same flags out, as npm scripts cannot import this), `npm run demo` and the
// benchmarks all run `next start` like this, so the memory they report is the product's.

/**
 * V8's young generation at most 2 MB per semi-space instead of 16 MB: the server's
 * short-lived garbage (request and stream objects, upload chunks in flight) is
 * collected sooner instead of growing the young generation to its maximum.
 */
export const serverNodeFlags = ["--max-semi-space-size=2"];

/**
 * At most two glibc malloc arenas: without it each thread that allocates (libuv's file
 * system pool writing uploads, V8's helper threads) keeps its own arena, whose freed
 * memory stays resident.
 */
export const serverEnv = { MALLOC_ARENA_MAX: "2" };
