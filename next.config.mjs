import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/**
 * Plain JavaScript, not next.config.ts: on Node 20 a TypeScript config makes every
 * server start load the SWC compiler (about 27 MB of memory) just to read this file.
 * @type {import("next").NextConfig}
 */
const config = {
  // Native and WASM packages stay outside the server bundle.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "pg", "nodemailer", "sharp", "@ffprobe-installer/ffprobe", "@ffmpeg-installer/ffmpeg", "@tus/server", "@tus/file-store", "@tus/s3-store"],
  poweredByHeader: false,
  // The build checks the app only; tests, scripts and benchmarks are checked by `npm run typecheck`.
  typescript: { tsconfigPath: "tsconfig.build.json" },
  // forbidden() answers 403 from pages that refuse a role (app/[locale]/forbidden.tsx).
  experimental: {
    authInterrupts: true,
    // Static public pages (docs/decisions/0007) are cached in memory only: a restart or a reset
    // database never serves a copy rendered from older data, and two servers never share one.
    isrFlushToDisk: false,
    // Posters (10 MB) and subtitles come through server actions; videos never do (tus).
    serverActions: { bodySizeLimit: "12mb" },
  },
};

export default withNextIntl(config);
