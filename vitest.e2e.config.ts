import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.dirname(fileURLToPath(import.meta.url));

// The browser suite: one real `next start` server (tests/e2e/global-setup.ts),
// files run one after another so they never race for it.
export default defineConfig({
  resolve: { alias: { "@": root } },
  test: {
    root,
    include: ["tests/e2e/**/*.test.ts"],
    environment: "node",
    globalSetup: ["tests/e2e/global-setup.ts"],
    setupFiles: ["tests/e2e/server-log.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    // A production build may run before the server starts.
    hookTimeout: 300_000,
    teardownTimeout: 30_000,
  },
});
