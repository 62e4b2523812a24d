import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

// Every page request /x is served by app/[locale]/x, the locale from the NEXT_LOCALE cookie
// (docs/decisions/0004, 0007): URLs stay unprefixed and each language is its own cache entry.
// A direct /id/... or /en/... becomes /{locale}/id/..., which only the catch-all matches: 404.
// The filter names of the archive (lib/public/archive-query.ts): /arsip with one of them is
// rendered per request (arsip/saring); plain /arsip is static.
const archiveFilters = ["q", "tahun", "tingkat", "kabupaten", "kim", "juara", "tema", "halaman"];
const pages = "/:path((?!api/|_next/|rss\\.xml$|sitemap\\.xml$|sitemap/|robots\\.txt$|icon\\.svg$|favicon\\.ico$).+)";
const english = { type: "cookie", key: "NEXT_LOCALE", value: "en" };
// Next applies every matching beforeFiles rule in turn (a rewritten path is matched again by the
// rules after it), so the order matters: the locale prefix first, the archive split after it
// on the prefixed path, and no rule that would match an already prefixed path again.
function localeRewrites() {
  const rules = [];
  for (const [locale, when] of [["en", { has: [english] }], ["id", { missing: [english] }]]) {
    rules.push({ source: pages, ...when, destination: `/${locale}/:path` });
    rules.push({ source: "/", ...when, destination: `/${locale}` });
  }
  for (const key of archiveFilters) {
    rules.push({ source: "/:locale(en|id)/arsip", has: [{ type: "query", key }], destination: "/:locale/arsip/saring" });
  }
  return rules;
}

// In CI (.ci/run sets LAYAR_CI_BUILD=1) the build has just been type-checked by `npm run
// typecheck` (every file, the app's included) and runs in a fresh clone that never reuses
// Turbopack's build cache: the build's own TypeScript pass (about 35 s) and writing that cache
// (about 45 s) are skipped there only (docs/decisions/0038). Everywhere else, as before.
const ci = process.env.LAYAR_CI_BUILD === "1";

/**
 * Plain JavaScript, not next.config.ts: on Node 20 a TypeScript config makes every
 * server start load the SWC compiler (about 27 MB of memory) just to read this file.
 * @type {import("next").NextConfig}
 */
const config = {
  // Native and WASM packages stay outside the server bundle.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "pg", "nodemailer", "sharp", "@ffprobe-installer/ffprobe", "@ffmpeg-installer/ffmpeg", "@tus/server", "@tus/file-store", "@tus/s3-store", "pg-boss"],
  poweredByHeader: false,
  async rewrites() {
    return { beforeFiles: localeRewrites(), afterFiles: [], fallback: [] };
  },
  // The build checks the app only; tests, scripts and benchmarks are checked by `npm run typecheck`.
  typescript: { tsconfigPath: "tsconfig.build.json", ignoreBuildErrors: ci },
  // forbidden() answers 403 from pages that refuse a role (app/[locale]/forbidden.tsx).
  experimental: {
    authInterrupts: true,
    // Static public pages (docs/decisions/0007) are cached in memory only: a restart or a reset
    // database never serves a copy rendered from older data, and two servers never share one.
    isrFlushToDisk: false,
    // Posters (10 MB) and subtitles come through server actions; videos never do (tus).
    serverActions: { bodySizeLimit: "12mb" },
    turbopackFileSystemCacheForBuild: !ci,
  },
};

export default withNextIntl(config);
