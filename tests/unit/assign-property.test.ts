import { describe, expect, it } from "vitest";
import { assignJudges, type AssignInput, type AssignResult } from "@/lib/judging/assign";

// Property test: 300 small random rounds from a seeded generator, each checked against every rule
// and against a slow but obviously correct min-cost max-flow (Bellman-Ford, one path at a time).

const INSTANCES = 300;
const regencies = ["33.01", "33.02", "33.13", "33.72"];
const categories = ["Fiksi", "Dokumenter", "Animasi"];

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

function generate(index: number): AssignInput {
  const random = mulberry32(1000 + index);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T,>(items: T[]) => items[int(items.length)];
  const places = regencies.slice(0, 1 + int(regencies.length));
  const films = Array.from({ length: int(13) }, (_, i) => ({
    id: `F${String(i).padStart(2, "0")}`,
    regency: pick(places),
    category: random() < 0.2 ? undefined : pick(categories),
  }));
  const judges = Array.from({ length: int(11) }, (_, i) => {
    const r = random();
    return {
      id: `J${i}`,
      regency: pick(places),
      categories: r < 0.7 ? undefined : r < 0.8 ? [] : categories.filter(() => random() < 0.6),
      cap: random() < 0.5 ? undefined : int(7),
    };
  });
  // Pairs may repeat and may name a film or judge that is not in the round.
  const pair = () => ({
    judgeId: judges.length && random() < 0.95 ? pick(judges).id : "J-gone",
    filmId: films.length && random() < 0.95 ? pick(films).id : "F-gone",
  });
  const conflicts = Array.from({ length: int(Math.ceil(films.length * judges.length * 0.15) + 1) }, pair);
  const existing = random() < 0.5 ? [] : Array.from({ length: int(films.length * 2 + 1) }, pair);
  return { films, judges, conflicts, existing, perFilm: int(5), mode: random() < 0.2 ? "all" : "k", seed: int(1000) };
}

const instances = Array.from({ length: INSTANCES }, (_, index) => {
  const input = generate(index);
  return { index, input, result: assignJudges(input), facts: facts(input) };
});
const kMode = instances.filter(({ input }) => input.mode !== "all");
const allMode = instances.filter(({ input }) => input.mode === "all");

describe(`${INSTANCES} random rounds`, () => {
  it("cover both modes, with and without existing pairs, and short films", () => {
    expect(kMode.length).toBeGreaterThan(150);
    expect(allMode.length).toBeGreaterThan(30);
    expect(instances.filter(({ input }) => input.existing.length > 0).length).toBeGreaterThan(100);
    expect(instances.filter(({ result }) => result.unfilled.length > 0).length).toBeGreaterThan(50);
    expect(instances.filter(({ result }) => result.unfilled.length === 0 && result.assignments.length > 5).length).toBeGreaterThan(50);
  });

  it("never assign an ineligible pair, a pair twice, or a judge over their cap", () => {
    for (const { index, input, result, facts } of instances) {
      const seen = new Set<string>();
      for (const { judgeId, filmId } of result.assignments) {
        expect(facts.eligible(judgeId, filmId), `#${index} ${judgeId} on ${filmId}`).toBe(true);
        expect(seen.has(`${judgeId}|${filmId}`), `#${index} duplicate ${judgeId} on ${filmId}`).toBe(false);
        seen.add(`${judgeId}|${filmId}`);
      }
      const load = loads(result);
      for (const judge of input.judges) expect(load.get(judge.id) ?? 0, `#${index} ${judge.id}`).toBeLessThanOrEqual(judge.cap ?? Infinity);
    }
  });

  it("keep every existing pair that is still eligible, up to the judge's cap in film id order", () => {
    for (const { index, result, facts } of instances) {
      const made = new Set(result.assignments.map((a) => `${a.judgeId}|${a.filmId}`));
      for (const key of facts.kept) expect(made.has(key), `#${index} kept ${key}`).toBe(true);
    }
  });

  it("are deterministic and do not depend on the order of the lists", () => {
    for (const { index, input, result } of instances) {
      expect(assignJudges(structuredClone(input)), `#${index}`).toEqual(result);
      const reordered = {
        ...input,
        films: [...input.films].reverse(),
        judges: [...input.judges].reverse(),
        conflicts: [...input.conflicts].reverse(),
        existing: [...input.existing].reverse(),
      };
      expect(assignJudges(reordered), `#${index} reordered`).toEqual(result);
      const order = result.assignments.map((a) => [a.filmId, a.judgeId].join(" "));
      expect(order, `#${index} sorted`).toEqual([...order].sort());
    }
  });

  it('(mode "k") make as many pairs as a reference max-flow, at its minimum load cost', () => {
    for (const { index, input, result, facts } of kMode) {
      const demand = input.films.map((f) => Math.max(0, input.perFilm - facts.keptPerFilm.get(f.id)!));
      const reference = referenceFlow(input, facts, demand);
      expect(result.assignments.length - facts.kept.size, `#${index} pairs`).toBe(reference.flow);
      expect(loadCost(input, facts, result), `#${index} cost`).toBe(reference.cost);
    }
  });

  it('(mode "k", no existing pairs) leave no film that could move to a judge with two fewer films', () => {
    for (const { index, input, result, facts } of kMode) {
      if (input.existing.length > 0) continue;
      const load = loads(result);
      const on = new Set(result.assignments.map((a) => `${a.judgeId}|${a.filmId}`));
      for (const { judgeId, filmId } of result.assignments) {
        for (const other of input.judges) {
          const movable =
            (load.get(other.id) ?? 0) <= load.get(judgeId)! - 2 &&
            (load.get(other.id) ?? 0) < (other.cap ?? Infinity) &&
            !on.has(`${other.id}|${filmId}`) &&
            facts.eligible(other.id, filmId);
          expect(movable, `#${index} ${filmId} from ${judgeId} to ${other.id}`).toBe(false);
        }
      }
    }
  });

  it('(mode "k") list exactly the short films, with the right missing count and cause', () => {
    for (const { index, input, result, facts } of kMode) {
      const count = perFilm(result);
      const expected = input.films
        .filter((f) => (count.get(f.id) ?? 0) < input.perFilm)
        .map((f) => ({ filmId: f.id, missing: input.perFilm - (count.get(f.id) ?? 0) }))
        .sort((a, b) => (a.filmId < b.filmId ? -1 : 1));
      expect(result.unfilled.map(({ filmId, missing }) => ({ filmId, missing })), `#${index}`).toEqual(expected);
      for (const { filmId, reason } of result.unfilled) {
        const eligibleJudges = input.judges.filter((j) => facts.eligible(j.id, filmId)).length;
        // At a maximum flow every qualifying judge not on a short film must be at their cap.
        const full = eligibleJudges - (count.get(filmId) ?? 0);
        if (input.judges.length === 0) expect(reason).toBe("belum ada juri yang terdaftar");
        else if (eligibleJudges < input.perFilm) {
          expect(reason, `#${index} ${filmId}`).toMatch(eligibleJudges === 0 ? /^tidak ada juri yang memenuhi syarat/ : new RegExp(`^hanya ${eligibleJudges} juri`));
          if (full > 0) expect(reason, `#${index} ${filmId}`).toMatch(new RegExp(`; ${full} juri yang memenuhi syarat sudah mencapai batas beban penilaian$`));
          else expect(reason, `#${index} ${filmId}`).not.toContain("batas beban");
        } else {
          expect(reason, `#${index} ${filmId}`).toBe(`${eligibleJudges} juri memenuhi syarat, tetapi ${full} di antaranya sudah mencapai batas beban penilaian`);
        }
      }
    }
  });

  it('(mode "all") give every judge every eligible film their cap allows, and the most films at least one judge', () => {
    for (const { index, input, result, facts } of allMode) {
      const load = loads(result);
      for (const judge of input.judges) {
        const eligibleFilms = input.films.filter((f) => facts.eligible(judge.id, f.id)).length;
        expect(load.get(judge.id) ?? 0, `#${index} ${judge.id}`).toBe(Math.min(judge.cap ?? Infinity, eligibleFilms));
      }
      const count = perFilm(result);
      const alreadyCovered = input.films.filter((f) => facts.keptPerFilm.get(f.id)! > 0).length;
      const reference = referenceFlow(input, facts, input.films.map((f) => (facts.keptPerFilm.get(f.id)! > 0 ? 0 : 1)));
      expect(input.films.filter((f) => (count.get(f.id) ?? 0) > 0).length, `#${index} covered`).toBe(alreadyCovered + reference.flow);
      const expected = input.films.filter((f) => !count.get(f.id)).map((f) => ({ filmId: f.id, missing: 1 }));
      expect(result.unfilled.map(({ filmId, missing }) => ({ filmId, missing })), `#${index}`).toEqual(expected);
    }
  });
});

type Facts = ReturnType<typeof facts>;

/** Eligibility and the existing pairs that must survive, computed straight from the rules. */
function facts(input: AssignInput) {
  const film = new Map(input.films.map((f) => [f.id, f]));
  const judge = new Map(input.judges.map((j) => [j.id, j]));
  const conflicts = new Set(input.conflicts.map((c) => `${c.judgeId}|${c.filmId}`));
  const eligible = (judgeId: string, filmId: string) => {
    const f = film.get(filmId);
    const j = judge.get(judgeId);
    if (!f || !j || f.regency === j.regency || conflicts.has(`${judgeId}|${filmId}`)) return false;
    return !j.categories?.length || (f.category !== undefined && j.categories.includes(f.category));
  };
  const kept = new Set<string>();
  for (const j of input.judges) {
    const films = [...new Set(input.existing.filter((e) => e.judgeId === j.id && eligible(j.id, e.filmId)).map((e) => e.filmId))].sort();
    for (const filmId of films.slice(0, j.cap ?? Infinity)) kept.add(`${j.id}|${filmId}`);
  }
  const keptPerFilm = new Map(input.films.map((f) => [f.id, input.judges.filter((j) => kept.has(`${j.id}|${f.id}`)).length]));
  const keptPerJudge = new Map(input.judges.map((j) => [j.id, input.films.filter((f) => kept.has(`${j.id}|${f.id}`)).length]));
  return { eligible, kept, keptPerFilm, keptPerJudge };
}

function loads(result: AssignResult): Map<string, number> {
  const load = new Map<string, number>();
  for (const { judgeId } of result.assignments) load.set(judgeId, (load.get(judgeId) ?? 0) + 1);
  return load;
}

function perFilm(result: AssignResult): Map<string, number> {
  const count = new Map<string, number>();
  for (const { filmId } of result.assignments) count.set(filmId, (count.get(filmId) ?? 0) + 1);
  return count;
}

/** A judge's next film costs their current load: sum over judges of kept..final-1. */
function loadCost(input: AssignInput, facts: Facts, result: AssignResult): number {
  const load = loads(result);
  let cost = 0;
  for (const j of input.judges) for (let l = facts.keptPerJudge.get(j.id)!; l < (load.get(j.id) ?? 0); l++) cost += l;
  return cost;
}

/**
 * Slow reference: source -> film (its demand) -> judge (1, if eligible and not kept) -> sink,
 * where the judge's l-th extra film is its own unit edge costing kept + l. Successive shortest
 * paths with Bellman-Ford give the maximum flow at minimum cost.
 */
function referenceFlow(input: AssignInput, facts: Facts, demand: number[]): { flow: number; cost: number } {
  const F = input.films.length;
  const sink = F + input.judges.length + 1;
  const edges: { from: number; to: number; cap: number; cost: number }[] = [];
  const add = (from: number, to: number, cap: number, cost: number) => {
    edges.push({ from, to, cap, cost }, { from: to, to: from, cap: 0, cost: -cost });
  };
  input.films.forEach((f, i) => add(0, 1 + i, demand[i], 0));
  input.judges.forEach((j, k) => {
    input.films.forEach((f, i) => {
      if (facts.eligible(j.id, f.id) && !facts.kept.has(`${j.id}|${f.id}`)) add(1 + i, 1 + F + k, 1, 0);
    });
    const start = facts.keptPerJudge.get(j.id)!;
    for (let l = start; l < Math.min(j.cap ?? Infinity, start + F); l++) add(1 + F + k, sink, 1, l);
  });
  let flow = 0;
  let cost = 0;
  for (;;) {
    const dist = new Array<number>(sink + 1).fill(Infinity);
    const via = new Array<number>(sink + 1).fill(-1);
    dist[0] = 0;
    for (let round = 0; round <= sink; round++) {
      edges.forEach((e, i) => {
        if (e.cap > 0 && dist[e.from] + e.cost < dist[e.to]) {
          dist[e.to] = dist[e.from] + e.cost;
          via[e.to] = i;
        }
      });
    }
    if (dist[sink] === Infinity) return { flow, cost };
    for (let v = sink; v !== 0; v = edges[via[v]].from) {
      edges[via[v]].cap -= 1;
      edges[via[v] ^ 1].cap += 1;
    }
    flow += 1;
    cost += dist[sink];
  }
}
