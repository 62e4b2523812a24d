import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;
const testFiles = ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"];

// Files that replace a module (vi.mock, vi.doMock) need a module graph of their own; every
// other file shares its worker's modules with the files before it, which saves most of the
// suite's time (importing Next, React and the app once per worker instead of once per file).
// Found by reading the files, so a new test that mocks lands among them by itself.
const mocking = /\bvi\.(do)?[mM]ock\(/;
const isolated = ["tests/unit", "tests/integration"]
  .flatMap((dir) => fs.readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" }).map((file) => `${dir}/${file}`))
  .filter((file) => file.endsWith(".test.ts") && mocking.test(fs.readFileSync(path.join(root, file), "utf8")))
  .sort();

export default defineConfig({
  resolve: { alias: { "@": path.resolve(root) } },
  test: {
    globalSetup: ["tests/setup/database-template.ts"],
    setupFiles: ["tests/setup/test-env.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: "shared", include: testFiles, exclude: isolated, isolate: false } },
      { extends: true, test: { name: "isolated", include: isolated.length ? isolated : ["nothing-mocks"], isolate: true } },
    ],
  },
});
