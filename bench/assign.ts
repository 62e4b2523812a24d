// Benchmark of assignJudges on a province-sized round: 5,000 films, 300 judges, 3 judges per
// film, 35 Jawa Tengah regencies, a few dozen declared conflicts. Target: under 2,000 ms.
// Run: npx tsx bench/assign.ts
import { pathToFileURL } from "node:url";
import { assignJudges, type AssignInput, type AssignResult } from "@/lib/judging/assign";

const regencies = [
  ...Array.from({ length: 29 }, (_, i) => `33.${String(i + 1).padStart(2, "0")}`),
  ...Array.from({ length: 6 }, (_, i) => `33.${71 + i}`),
];

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function buildInstance(seed = 2024): AssignInput {
  const random = mulberry32(seed);
  const pick = () => regencies[Math.floor(random() * regencies.length)];
  const films = Array.from({ length: 5000 }, (_, i) => ({ id: `F${String(i).padStart(5, "0")}`, regency: pick() }));
  // Every tenth judge has asked for a lighter load.
  const judges = Array.from({ length: 300 }, (_, i) => ({ id: `J${String(i).padStart(3, "0")}`, regency: pick(), cap: i % 10 === 0 ? 30 : undefined }));
  const conflicts = Array.from({ length: 40 }, () => ({
    judgeId: judges[Math.floor(random() * judges.length)].id,
    filmId: films[Math.floor(random() * films.length)].id,
  }));
  return { films, judges, conflicts, existing: [], perFilm: 3, seed };
}

/** The obvious baseline: each film in turn takes the k least-loaded eligible judges. */
function greedy(input: AssignInput): number {
  const load = new Map(input.judges.map((j) => [j.id, 0]));
  const conflicts = new Set(input.conflicts.map((c) => `${c.judgeId}|${c.filmId}`));
  let made = 0;
  for (const film of input.films) {
    const chosen = input.judges
      .filter((j) => j.regency !== film.regency && !conflicts.has(`${j.id}|${film.id}`) && load.get(j.id)! < (j.cap ?? Infinity))
      .sort((a, b) => load.get(a.id)! - load.get(b.id)!)
      .slice(0, input.perFilm);
    for (const j of chosen) load.set(j.id, load.get(j.id)! + 1);
    made += chosen.length;
  }
  return made;
}

/** Every rule the organiser relies on, checked on the big result; returns the problems found. */
function check(input: AssignInput, result: AssignResult): string[] {
  const problems: string[] = [];
  const film = new Map(input.films.map((f) => [f.id, f]));
  const judge = new Map(input.judges.map((j) => [j.id, j]));
  const conflicts = new Set(input.conflicts.map((c) => `${c.judgeId}|${c.filmId}`));
  const eligible = (j: string, f: string) => judge.get(j)!.regency !== film.get(f)!.regency && !conflicts.has(`${j}|${f}`);
  const load = new Map(input.judges.map((j) => [j.id, 0]));
  const onFilm = new Map(input.films.map((f) => [f.id, new Set<string>()]));
  for (const { judgeId, filmId } of result.assignments) {
    if (!eligible(judgeId, filmId)) problems.push(`ineligible ${judgeId} on ${filmId}`);
    if (onFilm.get(filmId)!.has(judgeId)) problems.push(`duplicate ${judgeId} on ${filmId}`);
    onFilm.get(filmId)!.add(judgeId);
    load.set(judgeId, load.get(judgeId)! + 1);
  }
  for (const j of input.judges) if (load.get(j.id)! > (j.cap ?? Infinity)) problems.push(`${j.id} over cap`);
  for (const [id, judges] of onFilm) if (judges.size !== input.perFilm) problems.push(`${id} has ${judges.size} judges`);
  if (result.unfilled.length) problems.push(`${result.unfilled.length} films reported unfilled`);
  // Balance: no film can move from a judge with load L to an eligible one with load <= L-2.
  for (const { judgeId, filmId } of result.assignments) {
    const from = load.get(judgeId)!;
    for (const other of input.judges) {
      const to = load.get(other.id)!;
      if (to <= from - 2 && to < (other.cap ?? Infinity) && !onFilm.get(filmId)!.has(other.id) && eligible(other.id, filmId)) {
        problems.push(`${filmId} could move from ${judgeId} (${from}) to ${other.id} (${to})`);
        break;
      }
    }
    if (problems.length > 20) break;
  }
  return problems;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time<T>(run: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = run();
  return { ms: performance.now() - start, value };
}

export async function runAssignBench(): Promise<{ name: string; ms: number; baselineMs: number; ok: boolean; details: string }> {
  const input = buildInstance();
  const runs = Array.from({ length: 5 }, () => time(() => assignJudges(input)));
  const ms = median(runs.map((r) => r.ms));
  const result = runs[0].value;
  const problems = check(input, result);
  const same = runs.every((r) => JSON.stringify(r.value) === JSON.stringify(result));
  const baselines = Array.from({ length: 3 }, () => time(() => greedy(input)));
  const baselineMs = median(baselines.map((r) => r.ms));

  // A re-run after late conflict declarations keeps the earlier pairs that are still allowed.
  const random = mulberry32(7);
  const late = result.assignments.filter(() => random() < 0.002);
  const rerun = time(() => assignJudges({ ...input, existing: result.assignments, conflicts: [...input.conflicts, ...late] }));
  const rerunProblems = check({ ...input, conflicts: [...input.conflicts, ...late] }, rerun.value);

  const loads = new Map<string, number>();
  for (const { judgeId } of result.assignments) loads.set(judgeId, (loads.get(judgeId) ?? 0) + 1);
  const uncapped = input.judges.filter((j) => j.cap === undefined).map((j) => loads.get(j.id) ?? 0);
  const ok = ms < 2000 && problems.length === 0 && rerunProblems.length === 0 && same;
  const details = [
    `${input.films.length} films x ${input.perFilm} judges from ${input.judges.length} judges, ${regencies.length} regencies, ${input.conflicts.length} conflicts`,
    `assignJudges median ${ms.toFixed(1)} ms over ${runs.length} runs (${runs.map((r) => r.ms.toFixed(0)).join(", ")}), ${result.assignments.length} pairs, deterministic: ${same}`,
    `uncapped judge loads ${Math.min(...uncapped)}..${Math.max(...uncapped)}, capped judges at 30`,
    `baseline greedy (least-loaded eligible judges per film) median ${baselineMs.toFixed(1)} ms, ${baselines[0].value} pairs; ratio assignJudges / greedy ${(ms / baselineMs).toFixed(2)}`,
    `re-run with ${late.length} late conflicts and 15,000 existing pairs: ${rerun.ms.toFixed(1)} ms, problems: ${rerunProblems.length}`,
    problems.length ? `problems: ${problems.slice(0, 5).join("; ")}` : "all checks passed",
  ].join("\n");
  return { name: "assignJudges 5000x300x3", ms, baselineMs, ok, details };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await runAssignBench();
  console.log(`${result.name}: ${result.ms.toFixed(1)} ms (baseline ${result.baselineMs.toFixed(1)} ms) ${result.ok ? "OK" : "FAILED"}`);
  console.log(result.details);
  if (!result.ok) process.exitCode = 1;
}
