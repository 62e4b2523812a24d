import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeEach, vi } from "vitest";
import { resetEnvForTests } from "@/lib/env";

// Each test file gets its own data directory (outbox, secrets, media) and no SMTP
// unless a test sets one.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "layar-test-"));
process.env.LAYAR_DATA_DIR = dataDir;
process.env.PUBLIC_URL = "http://layar.test";
delete process.env.SMTP_URL;
delete process.env.DATABASE_URL;
resetEnvForTests();
// Most files share their worker with the files before them (vitest.config.ts): what the app
// keeps per process on globalThis (storage driver, upload endpoint, page cache, database...)
// starts empty, as in a new process, so nothing points at an earlier file's data directory.
// A job worker or pg-boss an earlier file left running is stopped first: its timers would
// otherwise go on polling that file's closed database.
type Leftovers = { __layarJobWorkers?: { stop(timeoutMs?: number): Promise<void> }; __layarBoss?: { boss: Promise<{ stop(options: object): Promise<void> }> } };
const leftovers = globalThis as Leftovers;
await leftovers.__layarJobWorkers?.stop(0).catch(() => undefined);
await leftovers.__layarBoss?.boss.then((boss) => boss.stop({ graceful: false, close: false, wait: false })).catch(() => undefined);
for (const key of Object.keys(globalThis)) if (key.startsWith("__layar")) delete (globalThis as Record<string, unknown>)[key];

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

// A console.error during a test fails it, so a swallowed server error cannot hide.
let errors: unknown[][] = [];
beforeEach(() => {
  errors = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    errors.push(args);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  if (errors.length) throw new Error(`console.error was called:\n${errors.map((e) => e.map(String).join(" ")).join("\n")}`);
});
