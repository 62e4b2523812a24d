// Temporary directories of a benchmark run, removed when done and also when the run
// ends early (an exception, or Ctrl+C: bench/lib/server.ts exits on SIGINT/SIGTERM).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const live = new Set<string>();

process.on("exit", () => {
  for (const dir of live) fs.rmSync(dir, { recursive: true, force: true });
});

export function makeTempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  live.add(dir);
  return dir;
}

export function removeTempDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  live.delete(dir);
}
