// `npm test`: every suite, then one line "N passed, N failed" summed over them.
//  1. unit + integration on PGlite in memory
//  2. integration again on the PostgreSQL server, when TEST_DATABASE_URL is set
//  3. end-to-end in Debian Chromium against the real production server (server.mjs)
//  4. when LAYAR_SECOND_NODE names another Node.js binary (CI sets the machine's own when it
//     runs everything else on Node 24; docs/decisions/0038-node-versions.md): unit and
//     integration again on that Node, against the PostgreSQL server when there is one.
// One after another. With LAYAR_TEST_LANES=2 (CI) the browser suite runs as two processes side
// by side (below), their output kept in files and printed as each ends (docs/decisions/0038).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildIfNeeded } from "./lib/build";

type Totals = { passed: number; failed: number; skipped: number };
type Suite = { name: string; args: string[]; env: NodeJS.ProcessEnv; node?: string };
const totals: Totals = { passed: 0, failed: 0, skipped: 0 };
const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), "layar-reports-"));
const vitest = path.resolve("node_modules/vitest/vitest.mjs");
const extra = process.argv.slice(2);
const timings: string[] = [];
const lanes = process.env.LAYAR_TEST_LANES === "2";

async function run({ name, args, env, node = process.execPath }: Suite, logFile?: string): Promise<void> {
  const report = path.join(reportDir, `${name.replace(/[^\w]+/g, "-")}.json`);
  const version = node === process.execPath ? process.version : spawnSync(node, ["--version"], { encoding: "utf8" }).stdout.trim();
  const title = `${name} on Node.js ${version}`;
  console.log(`\n=== ${title}${logFile ? " (started beside the others; its output follows when it ends)" : ""} ===`);
  const started = Date.now();
  const log = logFile ? fs.openSync(logFile, "w") : undefined;
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(node, [vitest, "run", ...args, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...extra], {
      stdio: log === undefined ? "inherit" : ["ignore", log, log],
      // The tests' own child processes (tsx scripts, the CLI) find the same Node first on PATH.
      env: { NO_COLOR: "1", ...env, PATH: `${path.dirname(node)}${path.delimiter}${env.PATH ?? ""}` },
    });
    child.on("exit", (status) => resolve(status));
    child.on("error", () => resolve(null));
  });
  if (log !== undefined && logFile) {
    fs.closeSync(log);
    console.log(`\n=== ${title}: output ===`);
    process.stdout.write(fs.readFileSync(logFile));
  }
  timings.push(`${title}: ${Math.round((Date.now() - started) / 1000)} s`);
  if (!fs.existsSync(report)) {
    console.error(`${name}: vitest ended (code ${code}) without a report; counted as one failure.`);
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
const nodeSuites: Suite[] = [{ name: "unit+integration (PGlite)", args: [], env: withoutServer }];
if (TEST_DATABASE_URL) nodeSuites.push({ name: "integration (PostgreSQL server)", args: ["tests/integration"], env: { ...process.env } });

const second = process.env.LAYAR_SECOND_NODE;
if (second && !fs.existsSync(second)) {
  console.error(`\nLAYAR_SECOND_NODE=${second}: no such file; the second line cannot run.`);
  totals.failed += 1;
} else if (second) {
  const env = { ...(TEST_DATABASE_URL ? process.env : withoutServer) };
  delete env.LAYAR_SECOND_NODE;
  nodeSuites.push({ name: `unit+integration, second line (${TEST_DATABASE_URL ? "PostgreSQL server" : "PGlite"})`, args: [], env, node: second });
}

let browserSuite: Suite | undefined;
const chrome = process.env.CHROME_PATH ?? "/usr/bin/chromium";
if (fs.existsSync(chrome)) {
  // The deployment-recipe test (tests/e2e/deploy-stack.test.ts) gets the server as its own variable:
  // the other browser tests keep the embedded database.
  browserSuite = { name: "end-to-end (Chromium)", args: ["--config", "vitest.e2e.config.ts"], env: { ...withoutServer, CHROME_PATH: chrome, ...(TEST_DATABASE_URL ? { DEPLOY_DATABASE_URL: TEST_DATABASE_URL } : {}) } };
} else if (process.env.CI === "true") {
  console.error(`\nNo Chromium at ${chrome}: the browser suite cannot run under CI. Install it with: apt-get install -y chromium`);
  totals.failed += 1;
} else {
  console.warn(`\n!!! Browser suite SKIPPED: no Chromium at ${chrome}.\n!!! Install it with: sudo apt-get install -y chromium (or set CHROME_PATH).\n`);
}

const started = Date.now();
// LAYAR_TEST_WORKERS=N (CI: 2): the unit and integration suites take N files at a time; much of
// their time is spent waiting on a database or a child process.
const workers = process.env.LAYAR_TEST_WORKERS;
if (workers) for (const suite of nodeSuites) suite.args.push(`--maxWorkers=${workers}`);
for (const suite of nodeSuites) await run(suite);
if (lanes && browserSuite) {
  // Two browser processes side by side, each with its own server and demo database: the files
  // that keep their own pace (organiser-console waits out a real entry deadline;
  // slow-line-playback encodes a film and plays it over a throttled line; deploy-stack runs
  // nginx, two servers and a worker over PostgreSQL) beside the rest, so that the two take about as long.
  // One build first, so the two set-ups never build at once.
  buildIfNeeded();
  const ownPace = ["tests/e2e/organiser-console.test.ts", "tests/e2e/slow-line-playback.test.ts", "tests/e2e/deploy-stack.test.ts"];
  await Promise.all([
    run({ ...browserSuite, args: [...browserSuite.args, ...ownPace.flatMap((f) => ["--exclude", `**/${path.basename(f)}`])] }, path.join(reportDir, "end-to-end.log")),
    run({ ...browserSuite, name: "end-to-end, own pace (Chromium)", args: [...browserSuite.args, ...ownPace] }, path.join(reportDir, "end-to-end-own-pace.log")),
  ]);
} else if (browserSuite) {
  await run(browserSuite);
}

fs.rmSync(reportDir, { recursive: true, force: true });
console.log(`\n${timings.join("\n")}\nall suites: ${Math.round((Date.now() - started) / 1000)} s${lanes ? " (the browser suite as two processes side by side)" : ""}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}`);
process.exit(totals.failed > 0 ? 1 : 0);
