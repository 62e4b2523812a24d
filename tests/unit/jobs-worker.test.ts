import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { removeOrphanedWorkFiles, workPrefix } from "@/lib/jobs/temp-files";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "layar-temp-test-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The id of a process that has ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(child.stdout);
}

function folder(name: string): string {
  fs.mkdirSync(path.join(dir, name, "inner"), { recursive: true });
  fs.writeFileSync(path.join(dir, name, "inner", "judge.mp4"), "bytes");
  return name;
}

describe("temporary files of killed checks", () => {
  it("names a check's folders after the process that makes them", () => {
    expect(path.basename(workPrefix("check"))).toBe(`layar-check-${process.pid}-`);
    expect(path.basename(workPrefix("s3"))).toBe(`layar-s3-${process.pid}-`);
  });

  it("removes the folders of processes that are gone, and keeps those of live ones and everything else", async () => {
    const dead = deadPid();
    const killed = [folder(`layar-check-${dead}-a1b2c3`), folder(`layar-s3-${dead}-x`), folder(`layar-ut-${dead}-y`)];
    const own = folder(`layar-check-${process.pid}-mine`);
    const parent = folder(`layar-check-${process.ppid}-live`);
    const others = [folder(`layar-file-${dead}-z`), folder("layar-check-old"), folder("something-else")];
    expect((await removeOrphanedWorkFiles({ dir })).sort()).toEqual([...killed].sort());
    const left = fs.readdirSync(dir).sort();
    expect(left).toEqual([own, parent, ...others].sort());
    // At start nothing of this process runs yet: its own id counts as gone (a restarted container reuses ids).
    expect(await removeOrphanedWorkFiles({ dir, includeOwn: true })).toEqual([own]);
  });
});

describe("JOB_WORKERS", () => {
  it("refuses 0 with the embedded database, which no other process can check for the app", async () => {
    const { env, resetEnvForTests } = await import("@/lib/env");
    const before = { ...process.env };
    try {
      process.env.JOB_WORKERS = "0";
      delete process.env.DATABASE_URL;
      resetEnvForTests();
      expect(() => env()).toThrow(/JOB_WORKERS: 0 hanya bisa bersama DATABASE_URL/);
      process.env.DATABASE_URL = "postgres://layar@db.internal/layar";
      resetEnvForTests();
      expect(env().JOB_WORKERS).toBe(0);
    } finally {
      process.env = before;
      resetEnvForTests();
    }
  });
});
