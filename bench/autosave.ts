// Autosave under load: 200 judges, each signed in over HTTP with an assignment of their
// own in an edition being judged, save their score sheet's draft at the same moment, for
// several rounds, through the real server (server.mjs) and the request the score sheet
// sends. Once on the embedded database (PGlite, the default), once on the PostgreSQL server
// on 127.0.0.1:5432 (a fresh database, dropped afterwards), in the same run: the figure is
// the embedded p99 (target < 1 s), the baseline the PostgreSQL p99.
// Afterwards every sheet must hold its judge's last values: nothing lost, and no older save
// stored over a newer one.
// Run alone: npx tsx bench/autosave.ts   (BENCH_AUTOSAVE_JUDGES=200 BENCH_AUTOSAVE_ROUNDS=5,
// BENCH_AUTOSAVE_PG=postgres://postgres@127.0.0.1:5432, BENCH_AUTOSAVE_VIA=route|action)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { eq, inArray } from "drizzle-orm";
import { Client } from "pg";
import { openDatabase, type Db } from "@/lib/db/client";
import { judgeAssignments, regions, scoreSheets, scores } from "@/lib/db/schema";
import { ensureRound } from "@/lib/judging/rounds";
import { demoPassword } from "@/lib/seed/seed-demo";
import { createEdition, createFilm, createKim, createRubric, createUser } from "@/lib/seed/factories";
import { processCpuSeconds } from "./lib/proc";
import type { Row } from "./lib/report";
import { signIn, startApp, type App } from "./lib/server";

const root = path.resolve(import.meta.dirname, "..");
const TARGET_MS = 1000;

type Judge = { email: string; assignmentId: string; cookie: string };
type Criterion = { id: string };
type Setup = { judges: Omit<Judge, "cookie">[]; criteria: Criterion[] };
type Via = "route" | "action";
export type AutosaveRun = { backend: string; via: Via; latencies: number[]; p50: number; p99: number; max: number; failed: number; lost: number; saves: number; cpuMsPerSave: number; details: string };

export type AutosaveOptions = { judges?: number; rounds?: number; pgUrl?: string; log?: (line: string) => void };

/** An edition in judging with the sample rubric and `count` judges, each assigned one film. */
async function prepare(db: Db, count: number): Promise<Setup> {
  const [village] = await db.select({ code: regions.code }).from(regions).where(eq(regions.level, "desa")).limit(1);
  if (!village) throw new Error("no villages: the region import did not run");
  const district = village.code.split(".").slice(0, 3).join(".");
  const kim = await createKim(db, { name: "KIM Uji Beban", districtCode: district, villageCode: village.code });
  const edition = await createEdition(db, { title: "Lomba Uji Beban Autosave", regionCode: village.code.slice(0, 2), status: "penjurian", judgingClosesAt: new Date(Date.now() + 7 * 86_400_000) });
  const criteria = await createRubric(db, edition.id);
  const round = await ensureRound(db, edition.id, "penilaian");
  const judges: Setup["judges"] = [];
  for (let i = 0; i < count; i++) {
    const film = await createFilm(db, { editionId: edition.id, kimId: kim.id, code: `BEBAN-${String(i + 1).padStart(3, "0")}`, title: `Film Uji ${i + 1}`, status: "diunggah" });
    const judge = await createUser(db, { email: `juri.beban.${i + 1}@layar.test`, role: "judge", regionCode: district.slice(0, 5), password: demoPassword });
    const [assignment] = await db.insert(judgeAssignments).values({ roundId: round.id, filmId: film.id, judgeId: judge.id }).returning();
    judges.push({ email: judge.email, assignmentId: assignment.id });
  }
  return { judges, criteria: criteria.map((c) => ({ id: c.id })) };
}

/** What judge `j` types in round `r`: every criterion scored (50..100) and commented. */
function valuesFor(criteria: Criterion[], j: number, r: number) {
  return Object.fromEntries(criteria.map((c, i) => [c.id, { score: 50 + ((j + r + i) % 51), comment: `Putaran ${r}, juri ${j}, kriteria ${i + 1}: gambar cukup stabil.` }]));
}

/** The id of the score sheet's draft action in this build (the score sheet before it had its own route). */
function draftActionId(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, ".next/server/server-reference-manifest.json"), "utf8")) as { node: Record<string, { exportedName?: string; workers: Record<string, unknown> }> };
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (entry.exportedName === "saveDraftAction") return id;
  }
  // Older manifests name no export: the client chunk that creates the reference does.
  const dir = path.join(root, ".next/static/chunks");
  const files = fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".js"));
  for (const file of files) {
    const m = /"([0-9a-f]{40,})"[^"]{0,200}"saveDraftAction"/.exec(fs.readFileSync(path.join(dir, file), "utf8"));
    if (m) return m[1];
  }
  throw new Error("saveDraftAction not found in the build's server reference manifest");
}

type Save = (judge: Judge, values: ReturnType<typeof valuesFor>, seq: number) => Promise<void>;

/** The score sheet's own route, as components/judging/use-autosave.ts sends it. */
function routeSaver(app: App): Save {
  return async (judge, values, seq) => {
    const response = await fetch(`${app.baseUrl}/api/juri/lembar/${judge.assignmentId}`, {
      method: "PUT",
      headers: { "Content-Type": "application/json", Cookie: judge.cookie, Origin: app.baseUrl },
      body: JSON.stringify({ values, writer: `beban-${judge.assignmentId.slice(0, 8)}`, seq }),
    });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${text.slice(0, 200)}`);
  };
}

/** The server action as the browser calls it: a POST to the page with the action's id; the reply is React's flight text. */
function actionSaver(app: App): Save {
  const actionId = draftActionId();
  return async (judge, values) => {
    const response = await fetch(`${app.baseUrl}/juri/nilai/${judge.assignmentId}`, {
      method: "POST",
      headers: { "Next-Action": actionId, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component", Cookie: judge.cookie, Origin: app.baseUrl },
      body: JSON.stringify([judge.assignmentId, values]),
    });
    const text = await response.text();
    if (response.status !== 200 || !text.includes('"ok":true')) throw new Error(`HTTP ${response.status}: ${text.slice(0, 200)}`);
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
}

async function pool<T>(items: T[], width: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) {
      const i = next++;
      await work(items[i], i);
    }
  }));
}

/** Every sheet holds its judge's last round: compares the stored scores and comments with what was sent last. */
async function countLost(db: Db, setup: Setup, rounds: number): Promise<number> {
  const ids = setup.judges.map((j) => j.assignmentId);
  const rows = await db
    .select({ assignmentId: scoreSheets.assignmentId, criterionId: scores.criterionId, score: scores.score, comment: scores.comment })
    .from(scoreSheets)
    .innerJoin(scores, eq(scores.sheetId, scoreSheets.id))
    .where(inArray(scoreSheets.assignmentId, ids));
  const stored = new Map(rows.map((r) => [`${r.assignmentId}/${r.criterionId}`, r]));
  let lost = 0;
  setup.judges.forEach((judge, j) => {
    const last = valuesFor(setup.criteria, j, rounds - 1);
    const same = Object.entries(last).every(([criterionId, v]) => {
      const row = stored.get(`${judge.assignmentId}/${criterionId}`);
      return row && Number(row.score) === v.score && row.comment === v.comment;
    });
    if (!same) lost++;
  });
  return lost;
}

async function runOne(backend: "PGlite" | "PostgreSQL", options: Required<Pick<AutosaveOptions, "judges" | "rounds" | "log">> & { databaseUrl?: string }): Promise<AutosaveRun> {
  const { judges: count, rounds, log } = options;
  let setup: Setup | undefined;
  const app = await startApp(log, {
    databaseUrl: options.databaseUrl,
    seed: false,
    prepare: async (db) => {
      setup = await prepare(db, count);
    },
  });
  let lost = -1;
  try {
    if (!setup) throw new Error("no set-up");
    const started = Date.now();
    const judges: Judge[] = [];
    await pool(setup.judges, 4, async (j) => {
      judges.push({ ...j, cookie: await signIn(app.baseUrl, j.email) });
    });
    judges.sort((a, b) => setup!.judges.findIndex((j) => j.email === a.email) - setup!.judges.findIndex((j) => j.email === b.email));
    log(`[bench] ${count} judges signed in on ${backend} (${((Date.now() - started) / 1000).toFixed(1)} s)`);

    // The score sheet's own route when this build has it, else the server action it used before.
    let via: Via = (process.env.BENCH_AUTOSAVE_VIA as Via | undefined) ?? "route";
    if (!process.env.BENCH_AUTOSAVE_VIA) {
      const probe = await fetch(`${app.baseUrl}/api/juri/lembar/${judges[0].assignmentId}`, {
        method: "PUT",
        headers: { "Content-Type": "application/json", Cookie: judges[0].cookie, Origin: app.baseUrl },
        body: JSON.stringify({ values: {}, writer: "probe", seq: 0 }),
      });
      await probe.text();
      if (probe.status !== 200) via = "action";
    }
    const save = via === "route" ? routeSaver(app) : actionSaver(app);

    // Warm-up: each route compiled, each judge's first save (the sheet row created), a few at a time.
    await pool(judges, 8, (judge, j) => save(judge, valuesFor(setup!.criteria, j, rounds), 1));

    const latencies: number[] = [];
    // The app process's CPU per save: unlike the latencies, it hardly depends on what else the machine runs.
    const cpuBefore = processCpuSeconds(app.serverPid);
    const loadBefore = os.loadavg()[0];
    let failed = 0;
    const errors = new Map<string, number>();
    for (let r = 0; r < rounds; r++) {
      await Promise.all(
        judges.map(async (judge, j) => {
          const t = performance.now();
          try {
            await save(judge, valuesFor(setup!.criteria, j, r), r + 2);
          } catch (error) {
            failed++;
            const key = error instanceof Error ? error.message.slice(0, 80) : String(error);
            errors.set(key, (errors.get(key) ?? 0) + 1);
          } finally {
            latencies.push(performance.now() - t);
          }
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
    }

    const cpuMsPerSave = ((processCpuSeconds(app.serverPid) - cpuBefore) * 1000) / latencies.length;
    const check = async (db: Db) => {
      lost = await countLost(db, setup!, rounds);
    };
    if (options.databaseUrl) {
      const handle = openDatabase(options.databaseUrl, app.dataDir);
      try {
        await check(handle.db);
      } finally {
        await handle.close();
      }
      await app.stop();
    } else {
      await app.stop(async (dataDir) => {
        const handle = openDatabase(undefined, dataDir);
        try {
          await check(handle.db);
        } finally {
          await handle.close();
        }
      });
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    const run = { backend, via, latencies, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1], failed, lost, saves: latencies.length, cpuMsPerSave };
    const errorText = errors.size ? `; errors: ${[...errors].map(([k, n]) => `${n}x ${k}`).join(" | ")}` : "";
    return {
      ...run,
      details: `${backend} via ${via === "route" ? "PUT /api/juri/lembar/{id}" : "the server action saveDraftAction"}: ${count} judges x ${rounds} rounds = ${run.saves} saves, p50 ${run.p50.toFixed(0)} ms, p99 ${run.p99.toFixed(0)} ms, max ${run.max.toFixed(0)} ms, app process CPU ${cpuMsPerSave.toFixed(1)} ms per save${options.databaseUrl ? " (the database's own CPU not included)" : ""}, ${failed} failed, ${lost} sheets without their last values; machine load (1 min) ${loadBefore.toFixed(1)} before, ${os.loadavg()[0].toFixed(1)} after${errorText}`,
    };
  } catch (error) {
    await app.stop();
    throw error;
  }
}

/** A fresh database on the PostgreSQL server, dropped when `use` is done. */
async function withFreshDatabase<T>(serverUrl: string, run: (url: string) => Promise<T>): Promise<T> {
  const name = `layar_bench_autosave_${process.pid}_${Date.now()}`;
  const admin = new Client({ connectionString: `${serverUrl.replace(/\/+$/, "")}/postgres` });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
    try {
      return await run(`${serverUrl.replace(/\/+$/, "")}/${name}`);
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
    }
  } finally {
    await admin.end();
  }
}

export async function runAutosaveBench(options: AutosaveOptions = {}): Promise<Row[]> {
  const judges = options.judges ?? Number(process.env.BENCH_AUTOSAVE_JUDGES ?? 200);
  const rounds = options.rounds ?? Number(process.env.BENCH_AUTOSAVE_ROUNDS ?? 5);
  const pgUrl = options.pgUrl ?? process.env.BENCH_AUTOSAVE_PG ?? "postgres://postgres@127.0.0.1:5432";
  const log = options.log ?? console.log;
  const embedded = await runOne("PGlite", { judges, rounds, log });
  log(`[bench] ${embedded.details}`);
  const server = await withFreshDatabase(pgUrl, (databaseUrl) => runOne("PostgreSQL", { judges, rounds, log, databaseUrl }));
  log(`[bench] ${server.details}`);
  const ok = (r: AutosaveRun) => r.failed === 0 && r.lost === 0;
  return [
    {
      name: `autosave ${judges} judges at once, embedded (PGlite)`,
      figure: `p99 ${embedded.p99.toFixed(0)} ms, max ${embedded.max.toFixed(0)} ms`,
      baseline: `p99 ${server.p99.toFixed(0)} ms (PostgreSQL)`,
      ratio: embedded.p99 / server.p99,
      target: `p99 < ${TARGET_MS} ms, none lost`,
      pass: embedded.p99 < TARGET_MS && ok(embedded),
      details: [embedded.details],
    },
    {
      name: `autosave ${judges} judges at once, PostgreSQL`,
      figure: `p99 ${server.p99.toFixed(0)} ms, max ${server.max.toFixed(0)} ms`,
      baseline: "-",
      ratio: null,
      target: "report, none lost",
      pass: ok(server),
      details: [server.details],
    },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const rows = await runAutosaveBench();
  for (const row of rows) console.log(`${row.name}: ${row.figure} (baseline ${row.baseline}${row.ratio === null ? "" : `, ratio ${row.ratio.toFixed(2)}`}) ${row.pass ? "PASS" : "MISSED"}`);
}
