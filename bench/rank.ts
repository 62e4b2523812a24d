/**
 * Ranking benchmark: 10,000 films x 5 judges x 8 criteria (50,000 sheets), both methods.
 * Run with `npx tsx bench/rank.ts`; bench/run.ts can import runRankBench().
 *
 * The baseline, timed in the same process, is the least any ranking must do: every
 * weighted total in a tight loop, then a sort of the 10,000 film means. The ratio says how
 * much the rest (validation, normalisation, tie-breaks, placements, output) costs on top,
 * and stays comparable across machines where the absolute figure does not.
 */
import os from "node:os";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { rankFilms, type RankInput } from "@/lib/results/rank";

const FILMS = 10_000;
const JUDGES = 5;
const CRITERIA = 8;
const RUNS = 9;
const TARGET_MS = 1000;

export type BenchResult = { name: string; ms: number; baselineMs: number; ok: boolean; details: string };

// mulberry32: the same edition on every run and every machine.
function seeded(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function benchEdition(method: RankInput["method"]): RankInput {
  const random = seeded(20_260_512);
  const criteria = Array.from({ length: CRITERIA }, (_, i) => ({ id: `kriteria-${i + 1}`, weight: 5 + ((i * 7) % 30), min: 50, max: 100 }));
  const categories = ["Fiksi", "Dokumenter", "Animasi", "Pelajar"];
  const films = Array.from({ length: FILMS }, (_, i) => ({ id: `film-${String(i).padStart(5, "0")}`, category: categories[i % categories.length] }));
  const sheets = films.flatMap((film) =>
    Array.from({ length: JUDGES }, (_, j) => ({
      judgeId: `juri-${j + 1}`,
      filmId: film.id,
      scores: Object.fromEntries(criteria.map((c) => [c.id, 50 + Math.floor(random() * 51)])),
    })),
  );
  return { criteria, films, sheets, method, tieBreak: [criteria[0].id, criteria[1].id] };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

function baseline(input: RankInput): void {
  const weightSum = input.criteria.reduce((sum, c) => sum + c.weight, 0);
  const sums = new Map<string, number>();
  for (const sheet of input.sheets) {
    let weighted = 0;
    for (const c of input.criteria) weighted += (c.weight * sheet.scores[c.id]) / c.max;
    sums.set(sheet.filmId, (sums.get(sheet.filmId) ?? 0) + (100 * weighted) / weightSum);
  }
  [...sums.values()].sort((a, b) => b - a);
}

export async function runRankBench(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const method of ["mean", "zscore"] as const) {
    const input = benchEdition(method);
    // One untimed pass each, so the timings are of optimised code rather than the JIT warming up.
    baseline(input);
    const outcome = rankFilms(input);
    // Interleaved, so a busy machine slows both sides alike and the ratio stays meaningful.
    const runs: number[] = [];
    const baselineRuns: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      baselineRuns.push(time(() => baseline(input)));
      runs.push(time(() => rankFilms(input)));
    }
    const [ms, baselineMs] = [median(runs), median(baselineRuns)];
    const ranked = outcome.films.filter((f) => f.rank !== null).length;
    results.push({
      name: `rankFilms ${method}: ${FILMS.toLocaleString("en")} films x ${JUDGES} judges x ${CRITERIA} criteria`,
      ms,
      baselineMs,
      ok: ms < TARGET_MS && ranked === FILMS,
      details: `median of ${RUNS} runs (min ${Math.min(...runs).toFixed(1)} ms, max ${Math.max(...runs).toFixed(1)} ms); `
        + `baseline (weighted totals + sort of means) ${baselineMs.toFixed(1)} ms; ratio ${(ms / baselineMs).toFixed(1)}x; `
        + `target < ${TARGET_MS} ms; ${ranked} films ranked, ${outcome.problems.length} problems; `
        + `load average ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} CPUs`,
    });
  }
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await runRankBench();
  for (const r of results) console.log(`${r.ok ? "ok  " : "SLOW"} ${r.name}: ${r.ms.toFixed(1)} ms\n     ${r.details}`);
  if (results.some((r) => !r.ok)) process.exitCode = 1;
}
