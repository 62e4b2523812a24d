// Shared by `npm run demo` and the browser tests: a production build only when
// a source is newer than the last one, so a second run starts in seconds.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const sources = ["app", "components", "lib", "messages", "proxy.ts", "instrumentation.ts", "next.config.mjs", "package.json"];

/** True when there is no build yet, or a source file changed after it. */
export function needsBuild(root = process.cwd()): boolean {
  const buildId = path.resolve(root, ".next/BUILD_ID");
  if (!fs.existsSync(buildId)) return true;
  const builtAt = fs.statSync(buildId).mtimeMs;
  const newest = (dir: string): number =>
    !fs.existsSync(dir)
      ? 0
      : fs.readdirSync(dir, { withFileTypes: true }).reduce((max, e) => {
          const p = path.join(dir, e.name);
          return Math.max(max, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
        }, 0);
  return sources
    .map((p) => path.resolve(root, p))
    .some((s) => (fs.existsSync(s) && fs.statSync(s).isDirectory() ? newest(s) : fs.existsSync(s) ? fs.statSync(s).mtimeMs : 0) > builtAt);
}

/** Runs `next build` when needsBuild() says so; throws when the build fails. */
export function buildIfNeeded(root = process.cwd()): { built: boolean } {
  if (!needsBuild(root)) return { built: false };
  console.log("Membangun aplikasi (next build)…");
  const nextBin = path.resolve(root, "node_modules/next/dist/bin/next");
  const build = spawnSync(process.execPath, [nextBin, "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (build.status !== 0) throw new Error(`next build gagal (kode keluar ${build.status ?? build.signal})`);
  return { built: true };
}
