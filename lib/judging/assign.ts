/**
 * Which judge scores which film: a pure function of plain data (no database, no clock, no
 * unseeded randomness), so the same input always gives the same output.
 *
 * Method: min-cost max-flow, as HotCRP's autoassigner does, on a compressed graph.
 *   source -> film class (capacity: the class's remaining demand)
 *          -> judge      (capacity: films in the class, so no film gets a judge twice)
 *          -> sink       (capacity: judge's cap; the next film costs the judge's current load)
 * A film class is the films with the same remaining demand and the same set of judges who may
 * still be added (same regency, category, conflicts and judges already on them), so 5,000 films
 * from 35 regencies make a few dozen classes instead of 1.5 million film-judge edges.
 *
 * Guarantees (see tests/unit/assign-property.test.ts, which checks them against slow reference
 * solvers):
 * - Maximum: the flow stops only when no augmenting path is left, so as many pairs as the whole
 *   instance allows are made (greedy can strand a film; augmenting paths re-route instead).
 * - Balanced: the only costs are the convex load costs on judge->sink, so a path's cost is the
 *   load of the judge it ends at, and each phase augments a maximum flow into the least-loaded
 *   reachable judges (successive shortest paths, many paths per phase). The final flow is of
 *   minimum cost among maximum flows. If a film could move from judge A (load L) to an eligible
 *   judge B not on it, under cap, with load <= L-2, the residual cycle A->class->B would have cost
 *   load(B) - (L-1) < 0, impossible at minimum cost.
 * - Class flows become concrete pairs by a staircase fill: judge j's f_j <= n films in a class of
 *   n go to consecutive films modulo n, so they are distinct and each film gets at most its demand.
 */

export type AssignInput = {
  films: { id: string; regency: string; category?: string }[];
  judges: { id: string; regency: string; categories?: string[]; cap?: number }[];
  conflicts: { judgeId: string; filmId: string }[]; // declared conflicts
  existing: { judgeId: string; filmId: string }[]; // kept unless now forbidden
  perFilm: number; // k judges per film (mode "k")
  mode?: "k" | "all"; // "all": every eligible judge scores every film
  seed?: number;
};
export type AssignResult = {
  assignments: { judgeId: string; filmId: string }[]; // the full set, kept ones included
  unfilled: { filmId: string; missing: number; reason: string }[];
};

type Film = AssignInput["films"][number];
type Judge = AssignInput["judges"][number];
type Verdict = "eligible" | "region" | "category" | "conflict";

/** Working state; films and judges are referred to by index in the seeded order. */
type State = {
  films: Film[];
  judges: Judge[];
  panels: (Set<string> | null)[]; // a judge's categories; null = every category
  conflicts: Set<number>[]; // per film, judges who declared a conflict
  onFilm: Set<number>[]; // per film, judges assigned so far
  load: number[];
  cap: number[]; // Infinity when the judge has no cap
};

export function assignJudges(input: AssignInput): AssignResult {
  validate(input);
  const random = mulberry32(input.seed ?? 0);
  const state = prepare(input, random);
  keepExisting(state, input.existing);
  const F = state.films.length;
  if (input.mode === "all") {
    // First give as many films as possible one judge (a flow), then every judge takes every
    // eligible film their cap allows, films with the fewest judges first.
    fillByFlow(state, state.onFilm.map((judges) => (judges.size === 0 ? 1 : 0)));
    fillEveryone(state);
  } else {
    fillByFlow(state, Array.from({ length: F }, (_, f) => Math.max(0, input.perFilm - state.onFilm[f].size)));
  }
  return { assignments: collect(state), unfilled: shortfall(state, input) };
}

function validate(input: AssignInput): void {
  if (!Number.isInteger(input.perFilm) || input.perFilm < 0) throw new RangeError(`assignJudges: perFilm must be a whole number >= 0, got ${input.perFilm}`);
  for (const judge of input.judges) {
    if (judge.cap !== undefined && (!Number.isInteger(judge.cap) || judge.cap < 0)) {
      throw new RangeError(`assignJudges: cap of judge ${judge.id} must be a whole number >= 0, got ${judge.cap}`);
    }
  }
  for (const [what, list] of [["film", input.films], ["judge", input.judges]] as const) {
    const ids = new Set<string>();
    for (const { id } of list) {
      if (ids.has(id)) throw new Error(`assignJudges: duplicate ${what} id ${id}`);
      ids.add(id);
    }
  }
}

/** Sorting by id first makes the result independent of the order the caller listed things in. */
function prepare(input: AssignInput, random: () => number): State {
  const films = shuffle([...input.films].sort(byId), random);
  const judges = shuffle([...input.judges].sort(byId), random);
  const filmIndex = new Map(films.map((film, f) => [film.id, f]));
  const judgeIndex = new Map(judges.map((judge, j) => [judge.id, j]));
  const conflicts = films.map(() => new Set<number>());
  for (const { judgeId, filmId } of input.conflicts) {
    const f = filmIndex.get(filmId);
    const j = judgeIndex.get(judgeId);
    if (f !== undefined && j !== undefined) conflicts[f].add(j);
  }
  return {
    films,
    judges,
    // An empty category list is read like no list: the judge scores every category.
    panels: judges.map((judge) => (judge.categories?.length ? new Set(judge.categories) : null)),
    conflicts,
    onFilm: films.map(() => new Set<number>()),
    load: judges.map(() => 0),
    cap: judges.map((judge) => judge.cap ?? Infinity),
  };
}

function verdict(s: State, f: number, j: number): Verdict {
  const film = s.films[f];
  if (s.judges[j].regency === film.regency) return "region";
  const panel = s.panels[j];
  if (panel && (film.category === undefined || !panel.has(film.category))) return "category";
  return s.conflicts[f].has(j) ? "conflict" : "eligible";
}

function assign(s: State, f: number, j: number): void {
  s.onFilm[f].add(j);
  s.load[j] += 1;
}

/**
 * Existing pairs are kept when still eligible; duplicates count once and pairs naming an unknown
 * film or judge are dropped. Choice: when a judge's kept pairs exceed their (lowered) cap, the
 * judge keeps the first `cap` films by film id and the rest are released, because the cap is a
 * promise to the judge and film id order is stable and easy to explain. A film keeps every
 * existing judge even beyond perFilm, since scoring may already have started.
 */
function keepExisting(s: State, existing: AssignInput["existing"]): void {
  const filmIndex = new Map(s.films.map((film, f) => [film.id, f]));
  const judgeIndex = new Map(s.judges.map((judge, j) => [judge.id, j]));
  const perJudge = s.judges.map(() => new Set<number>());
  for (const { judgeId, filmId } of existing) {
    const f = filmIndex.get(filmId);
    const j = judgeIndex.get(judgeId);
    if (f !== undefined && j !== undefined && verdict(s, f, j) === "eligible") perJudge[j].add(f);
  }
  perJudge.forEach((films, j) => {
    const kept = [...films].sort((a, b) => byId(s.films[a], s.films[b])).slice(0, Math.min(films.size, s.cap[j]));
    for (const f of kept) assign(s, f, j);
  });
}

/** Adds up to demand[f] new judges to each film: maximum in total, loads as even as possible. */
function fillByFlow(s: State, demand: number[]): void {
  const classes = new Map<string, { films: number[]; demand: number }>();
  demand.forEach((need, f) => {
    if (need <= 0) return;
    const film = s.films[f];
    const excluded = [...s.onFilm[f]];
    for (const j of s.conflicts[f]) if (!s.onFilm[f].has(j) && verdict(s, f, j) === "conflict") excluded.push(j);
    const key = [film.regency, film.category ?? "\u0001", need, excluded.sort((a, b) => a - b).join(",")].join("\u0000");
    const found = classes.get(key);
    if (found) found.films.push(f);
    else classes.set(key, { films: [f], demand: need });
  });
  const list = [...classes.values()];

  // Nodes: source 0, classes 1..C, judges C+1..C+J, sink C+J+1.
  const J = s.judges.length;
  const source = 0;
  const judgeBase = list.length + 1;
  const sink = judgeBase + J;
  const graph = new FlowGraph(sink + 1);
  const demandEdges = list.map((group, c) => {
    const edge = graph.add(source, c + 1, group.demand * group.films.length);
    const f = group.films[0];
    for (let j = 0; j < J; j++) if (verdict(s, f, j) === "eligible" && !s.onFilm[f].has(j)) graph.add(c + 1, judgeBase + j, group.films.length);
    return edge;
  });
  const sinkEdges = s.judges.map((_, j) => graph.add(judgeBase + j, sink, 0));
  const classEdgesEnd = sinkEdges.length ? sinkEdges[0] : graph.edgeCount;
  graph.seal();

  // Phase `level` sends a maximum flow into the judges whose load is `level` (one film each):
  // every path costs `level`, and no judge with a lower load is reachable any more, so these are
  // shortest paths. A judge left unreached stays unreachable for good (augmenting inside the
  // reachable part never opens an edge out of it), so it is retired. Most films are placed by
  // the direct path source -> class -> judge; only when that fails does Dinic re-route others.
  const retired = s.judges.map(() => false);
  const next = s.judges.map((_, j) => graph.firstEdge(judgeBase + j)); // first offer that may have room
  const hasRoom = (e: number) => (e & 1) === 1 && graph.cap[demandEdges[graph.to[e] - 1]] > 0 && graph.cap[e ^ 1] > 0;
  let remaining = list.reduce((sum, group) => sum + group.demand * group.films.length, 0);
  for (let level = 0; remaining > 0; level++) {
    const open = s.judges.map((_, j) => j).filter((j) => !retired[j] && s.load[j] < s.cap[j]);
    if (open.length === 0) break;
    level = Math.max(level, Math.min(...open.map((j) => s.load[j])));
    const waiting: number[] = [];
    for (const j of open) {
      if (s.load[j] !== level) continue;
      const end = graph.endEdge(judgeBase + j);
      while (next[j] < end && !hasRoom(graph.edgeAt(next[j]))) next[j] += 1;
      if (next[j] < end) {
        const back = graph.edgeAt(next[j]); // judge -> class, the reverse of class -> judge
        graph.push(demandEdges[graph.to[back] - 1], 1);
        graph.push(back ^ 1, 1);
        remaining -= 1;
        s.load[j] += 1;
      } else {
        waiting.push(j);
      }
    }
    if (waiting.length === 0 || remaining === 0) continue;
    for (const e of sinkEdges) graph.cap[e] = graph.cap[e ^ 1] = 0;
    for (const j of waiting) graph.cap[sinkEdges[j]] = 1;
    remaining -= graph.maxFlow(source, sink);
    for (const j of waiting) {
      if (graph.cap[sinkEdges[j]] === 0) s.load[j] += 1;
      else retired[j] = true;
    }
  }

  // Staircase: loads were counted by the flow, so only the film-judge pairs are added here.
  list.forEach((group, c) => {
    const end = c + 1 < list.length ? demandEdges[c + 1] : classEdgesEnd;
    let slot = 0;
    for (let e = demandEdges[c] + 2; e < end; e += 2) {
      for (let r = 0; r < graph.cap[e ^ 1]; r++, slot++) s.onFilm[group.films[slot % group.films.length]].add(graph.to[e] - judgeBase);
    }
  });
}

/** Mode "all": each judge takes every eligible film their cap allows, emptiest films first. */
function fillEveryone(s: State): void {
  s.judges.forEach((_, j) => {
    const room = s.cap[j] - s.load[j];
    if (room <= 0) return;
    let candidates = s.films.map((_, f) => f).filter((f) => !s.onFilm[f].has(j) && verdict(s, f, j) === "eligible");
    if (candidates.length > room) candidates = candidates.sort((a, b) => s.onFilm[a].size - s.onFilm[b].size).slice(0, room);
    for (const f of candidates) assign(s, f, j);
  });
}

/** Pairs sorted by film id, then judge id (sorting ids once, not every pair). */
function collect(s: State): AssignResult["assignments"] {
  const filmOrder = s.films.map((_, f) => f).sort((a, b) => byId(s.films[a], s.films[b]));
  const rank = new Int32Array(s.judges.length);
  s.judges.map((_, j) => j).sort((a, b) => byId(s.judges[a], s.judges[b])).forEach((j, r) => (rank[j] = r));
  return filmOrder.flatMap((f) => [...s.onFilm[f]].sort((a, b) => rank[a] - rank[b]).map((j) => ({ judgeId: s.judges[j].id, filmId: s.films[f].id })));
}

/**
 * Films short of judges, with the reason in words an organiser can act on. Choice: in mode "all"
 * a film is short only when it got no judge at all (missing: 1), since "every eligible judge" has
 * no fixed target to fall short of.
 */
function shortfall(s: State, input: AssignInput): AssignResult["unfilled"] {
  const all = input.mode === "all";
  const target = all ? 1 : input.perFilm;
  const out: AssignResult["unfilled"] = [];
  s.films.forEach((film, f) => {
    const missing = target - s.onFilm[f].size;
    if (missing > 0) out.push({ filmId: film.id, missing, reason: explain(s, f, all ? null : input.perFilm) });
  });
  return out.sort((a, b) => compare(a.filmId, b.filmId));
}

function explain(s: State, f: number, needed: number | null): string {
  if (s.judges.length === 0) return "belum ada juri yang terdaftar";
  const count: Record<Verdict, number> = { eligible: 0, region: 0, category: 0, conflict: 0 };
  let full = 0;
  s.judges.forEach((_, j) => {
    const v = verdict(s, f, j);
    count[v] += 1;
    if (v === "eligible" && !s.onFilm[f].has(j) && s.load[j] >= s.cap[j]) full += 1;
  });
  const limit = "sudah mencapai batas beban penilaian";
  if (count.eligible >= (needed ?? 1)) return `${count.eligible} juri memenuhi syarat, tetapi ${full} di antaranya ${limit}`;

  const film = s.films[f];
  const causes: [number, string][] = [
    [count.region, `${count.region} juri berasal dari wilayah yang sama dengan film (${film.regency})`],
    [count.conflict, `${count.conflict} juri menyatakan konflik kepentingan`],
    [count.category, film.category === undefined ? `${count.category} juri hanya menilai kategori tertentu, sedangkan film ini belum berkategori` : `${count.category} juri tidak menilai kategori ${film.category}`],
  ];
  const because = causes.filter(([n]) => n > 0).sort((a, b) => b[0] - a[0]).map(([, text]) => text);
  if (because.length === 0) because.push(`hanya ${s.judges.length} juri yang terdaftar`);
  const head = count.eligible === 0 ? "tidak ada juri yang memenuhi syarat" : `hanya ${count.eligible} juri yang memenuhi syarat`;
  return `${head}${needed === null ? "" : `, padahal dibutuhkan ${needed}`}: ${because.join("; ")}${full > 0 ? `; ${full} juri yang memenuhi syarat ${limit}` : ""}`;
}

/** Residual graph in typed arrays: edge e and its reverse e^1; Dinic's maximum flow. */
class FlowGraph {
  to = new Int32Array(256);
  cap = new Int32Array(256);
  edgeCount = 0;
  private from = new Int32Array(256);
  private start = new Int32Array(0); // adjacency in compressed rows, built by seal()
  private order = new Int32Array(0);

  constructor(private readonly nodes: number) {}

  add(from: number, to: number, capacity: number): number {
    if (this.edgeCount + 2 > this.to.length) {
      for (const name of ["to", "cap", "from"] as const) {
        const bigger = new Int32Array(this[name].length * 2);
        bigger.set(this[name]);
        this[name] = bigger;
      }
    }
    const e = this.edgeCount;
    this.from[e] = from;
    this.to[e] = to;
    this.cap[e] = capacity;
    this.from[e + 1] = to;
    this.to[e + 1] = from;
    this.cap[e + 1] = 0;
    this.edgeCount += 2;
    return e;
  }

  /** Builds each node's edge list, in the order edges were added. Call after the last add. */
  seal(): void {
    this.start = new Int32Array(this.nodes + 1);
    for (let e = 0; e < this.edgeCount; e++) this.start[this.from[e] + 1] += 1;
    for (let u = 0; u < this.nodes; u++) this.start[u + 1] += this.start[u];
    const fill = this.start.slice(0, this.nodes);
    this.order = new Int32Array(this.edgeCount);
    for (let e = 0; e < this.edgeCount; e++) this.order[fill[this.from[e]]++] = e;
  }

  firstEdge(u: number): number {
    return this.start[u];
  }

  endEdge(u: number): number {
    return this.start[u + 1];
  }

  edgeAt(position: number): number {
    return this.order[position];
  }

  push(edge: number, amount: number): void {
    this.cap[edge] -= amount;
    this.cap[edge ^ 1] += amount;
  }

  /** Breadth-first distance from the source over edges with room left; -1 when unreachable. */
  private levels(source: number, sink: number): Int32Array {
    const level = new Int32Array(this.nodes).fill(-1);
    const queue = new Int32Array(this.nodes);
    let tail = 0;
    queue[tail++] = source;
    level[source] = 0;
    for (let head = 0; head < tail; head++) {
      const u = queue[head];
      if (u === sink) continue;
      for (let i = this.start[u]; i < this.start[u + 1]; i++) {
        const e = this.order[i];
        const v = this.to[e];
        if (this.cap[e] > 0 && level[v] < 0) {
          level[v] = level[u] + 1;
          queue[tail++] = v;
        }
      }
    }
    return level;
  }

  maxFlow(source: number, sink: number): number {
    let total = 0;
    for (let level = this.levels(source, sink); level[sink] >= 0; level = this.levels(source, sink)) {
      const next = this.start.slice(0, this.nodes); // Dinic's current-edge pointers
      const path: number[] = [];
      let u = source;
      for (;;) {
        if (u === sink) {
          let push = Infinity;
          for (const e of path) push = Math.min(push, this.cap[e]);
          for (const e of path) this.push(e, push);
          total += push;
          path.length = 0;
          u = source;
          continue;
        }
        const end = this.start[u + 1];
        while (next[u] < end && !(this.cap[this.order[next[u]]] > 0 && level[this.to[this.order[next[u]]]] === level[u] + 1)) next[u] += 1;
        if (next[u] < end) {
          path.push(this.order[next[u]]);
          u = this.to[this.order[next[u]]];
        } else if (u === source) {
          break;
        } else {
          level[u] = -1; // dead end for this round
          u = this.from[path.pop()!];
          next[u] += 1;
        }
      }
    }
    return total;
  }
}

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

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const k = Math.floor(random() * (i + 1));
    [items[i], items[k]] = [items[k], items[i]];
  }
  return items;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byId(a: { id: string }, b: { id: string }): number {
  return compare(a.id, b.id);
}
