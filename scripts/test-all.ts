// `npm test`: every suite, then one line "N passed, N failed" summed over them.
//  1. unit + integration on PGlite in memory
//  2. integration again on the PostgreSQL server, when TEST_DATABASE_URL is set
//  3. end-to-end in Debian Chromium against the real production server (server.mjs)
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

type Totals = { passed: number; failed: number; skipped: number };
const totals: Totals = { passed: 0, failed: 0, skipped: 0 };
const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), "layar-reports-"));
const vitest = path.resolve("node_modules/vitest/vitest.mjs");
const extra = process.argv.slice(2);

function run(name: string, args: string[], env: NodeJS.ProcessEnv): void {
  const report = path.join(reportDir, `${name}.json`);
  console.log(`\n=== ${name} ===`);
  const result = spawnSync(process.execPath, [vitest, "run", ...args, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...extra], {
    stdio: "inherit",
    env: { NO_COLOR: "1", ...env },
  });
  if (!fs.existsSync(report)) {
    console.error(`${name}: vitest ended (code ${result.status}) without a report; counted as one failure.`);
    totals.failed += 1;
    return;
  }
  const json = JSON.parse(fs.readFileSync(report, "utf8")) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number; success: boolean };
  totals.passed += json.numPassedTests;
  totals.failed += json.numFailedTests;
  totals.skipped += json.numPendingTests + json.numTodoTests;
  // A suite that crashed outside a test (a failing hook, a broken import) fails too.
  if (!json.success && json.numFailedTests === 0) totals.failed += 1;
}

const { TEST_DATABASE_URL, ...withoutServer } = process.env;
run("unit+integration (PGlite)", [], withoutServer);
if (TEST_DATABASE_URL) run("integration (PostgreSQL server)", ["tests/integration"], { ...process.env });

const chrome = process.env.CHROME_PATH ?? "/usr/bin/chromium";
if (fs.existsSync(chrome)) {
  // The deployment-recipe test (tests/e2e/deploy-stack.test.ts) gets the server as its own variable:
  // the other browser tests keep the embedded database.
  run("end-to-end (Chromium)", ["--config", "vitest.e2e.config.ts"], { ...withoutServer, CHROME_PATH: chrome, ...(TEST_DATABASE_URL ? { DEPLOY_DATABASE_URL: TEST_DATABASE_URL } : {}) });
} else if (process.env.CI === "true") {
  console.error(`\nNo Chromium at ${chrome}: the browser suite cannot run under CI. Install it with: apt-get install -y chromium`);
  totals.failed += 1;
} else {
  console.warn(`\n!!! Browser suite SKIPPED: no Chromium at ${chrome}.\n!!! Install it with: sudo apt-get install -y chromium (or set CHROME_PATH).\n`);
}

fs.rmSync(reportDir, { recursive: true, force: true });
console.log(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}`);
process.exit(totals.failed > 0 ? 1 : 0);
