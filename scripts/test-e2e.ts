// `npm run test:e2e`: the browser suite (vitest + playwright-core on Debian
// Chromium against server.mjs). Extra arguments go to vitest, e.g.
// `npm run test:e2e -- tests/e2e/api.test.ts`.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const chromePath = process.env.CHROME_PATH ?? "/usr/bin/chromium";

if (!fs.existsSync(chromePath)) {
  const message = [
    "",
    "!!! Chromium tidak ditemukan di " + chromePath + ".",
    "!!! Pasang dengan `apt-get install -y chromium`, atau arahkan CHROME_PATH ke Chromium/Chrome.",
    "!!! (Jangan memakai pengunduh browser bawaan Playwright: ia mengunduh dari luar registry npm.)",
    "",
  ].join("\n");
  if (process.env.CI === "true") {
    console.error(message + "!!! CI=true: browser wajib ada, uji gagal.\n");
    process.exit(1);
  }
  console.warn(message + "!!! Uji yang butuh browser DILEWATI; uji HTTP tetap berjalan.\n");
}

const result = spawnSync(
  process.execPath,
  [path.join(root, "node_modules/vitest/vitest.mjs"), "run", "--config", "vitest.e2e.config.ts", ...process.argv.slice(2)],
  { cwd: root, stdio: "inherit", env: process.env },
);
process.exit(result.status ?? 1);
