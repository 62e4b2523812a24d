import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { serverEnv, serverNodeFlags } from "@/scripts/lib/server-flags";

// npm scripts cannot import scripts/lib/server-flags.ts, so `npm start` and `npm run demo`
// write its flags out; they must stay the flags the benchmarks and the browser tests use.
const scripts = JSON.parse(fs.readFileSync("package.json", "utf8")).scripts as Record<string, string>;

describe("npm start and npm run demo start server.mjs as scripts/lib/server-flags.ts says", () => {
  it.each(["start", "demo"])("%s", (name) => {
    const command = scripts[name].split("&&").at(-1)!;
    expect(command).toMatch(/\bnode ([^&]*)server\.mjs/);
    for (const flag of serverNodeFlags) expect(command).toContain(flag);
    for (const [key, value] of Object.entries(serverEnv)) expect(command).toContain(`${key}=${value}`);
  });

  it("the demo's set-up ends before the server starts, which replaces the shell (exec), so only npm and the server stay", () => {
    expect(scripts.demo).toMatch(/^tsx scripts\/demo\.ts && exec /);
  });
});
