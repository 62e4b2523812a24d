/**
 * Ranks films from submitted score sheets: weighted totals, "mean" or "zscore"
 * scores, the tie-break cascade, recorded jury decisions, then Juara I-III and
 * Juara Harapan I-III per category. Pure: plain data in, plain data out.
 *
 * Choices the issue left open (tests/unit/rank.test.ts works each one through):
 * - Scores are compared as integers round(score * 10^precision), half away from zero, on
 *   the decimal value as written: 84.995 at precision 2 counts as 85,00 (its binary
 *   approximation 84.99499... is not held against it). precision is a whole number 0-6.
 * - A tie-break criterion's value is 100 * mean over the film's sheets of s/max: the same
 *   0-100 scale as totals, so "compared at the same precision" means the same thing for
 *   both. Tie-breaks use raw scores under both methods.
 * - "zscore" uses each judge's population standard deviation over all their valid sheets
 *   (flagged films included), and rescales across all ranked films of every category: one
 *   scale for the edition, with each category ranked within itself. If the ranked films
 *   all have the same raw mean, that one value is the whole range and they all tie.
 *   Flagged films keep their raw mean as score: they are not ranked, so not rescaled.
 * - A decision applies to a tied group when every film of the group is in its filmIds;
 *   its order, restricted to the group, orders them. Decisions that match the same group
 *   but disagree leave it tied and block publication.
 * - Films still tied share a rank and get no placement; if the tie starts inside the
 *   placement zone (so it lies inside it or straddles its last boundary) publication is
 *   blocked. Films after the tie still get the placement of their position.
 * - A film with no sheets has rawMean 0 and is flagged (minSheets is at least 1).
 * - problems holds blocking messages (bad input, ties in the zone, conflicting
 *   decisions) and notes that do not block (judges with z = 0, flagged films, unused
 *   decisions). publishable is false exactly when there is a blocking message. Unusable
 *   criteria or an unknown method rank nothing; other bad options fall back to defaults.
 * - Sheets that are invalid, for an unknown film, or sent twice by one judge for one film
 *   (every copy) are left out. Inputs are sorted first, so row order never matters.
 * - Output: by category (none first), then rank, then film id; flagged films last in
 *   their category.
 * - A category may have its own placement counts (placementsByCategory, keyed by the
 *   category as given on the films); a category without one, or with null counts, takes
 *   `placements`. Its placement zone is its own juara + harapan.
 * - Besides the text problems, the result describes ties as data for a screen to lay out:
 *   `ties` are the groups still tied after the cascade and the decisions (blocking when they
 *   start inside their category's zone), `brokenTies` the groups equal on the score that the
 *   tie-break criteria or a decision put in order (with how many criteria it took), and
 *   `decisions` what became of each decision. `issues` are the problems with their kind, so a
 *   screen that shows ties, flagged films and decisions itself can show only the rest.
 * - `names` (film, judge, criterion and category labels) replace ids in the text problems;
 *   without them the ids are written.
 */
import { groupBy } from "@/lib/group-by";

export type Placement = "Juara I" | "Juara II" | "Juara III"
  | "Juara Harapan I" | "Juara Harapan II" | "Juara Harapan III";
export type RankInput = {
  criteria: { id: string; weight: number; min: number; max: number }[];
  films: { id: string; category?: string }[];
  sheets: { judgeId: string; filmId: string; scores: Record<string, number> }[]; // submitted sheets only
  method: "mean" | "zscore";
  minSheets?: number;                      // default 1
  tieBreak?: string[];                     // criterion ids, in order
  precision?: number;                      // decimals compared, default 2
  placements?: { juara: number; harapan: number }; // default 3 and 3 (each 0-3), per category
  placementsByCategory?: Record<string, { juara?: number | null; harapan?: number | null }>; // a category's own counts
  decisions?: { filmIds: string[]; order: string[]; reason: string }[]; // recorded jury decisions
  names?: Names;                           // labels for ids in the text problems
};
export type Names = { films?: Record<string, string>; judges?: Record<string, string>; criteria?: Record<string, string>; categories?: Record<string, string> };
export type RankedFilm = {
  filmId: string;
  category?: string;
  judgeTotals: Record<string, number>;     // judgeId -> weighted total, 0-100
  rawMean: number;
  score: number;                           // rawMean, or the normalised mean under "zscore"
  rank: number | null;                     // 1-based within its category; equal ranks shared ("1224"); null when flagged
  tied: boolean;                           // still tied with another film after cascade and decisions
  placement?: Placement;
  flagged?: string;                        // e.g. fewer sheets than minSheets
};
/** Films still tied after the cascade and the decisions. */
export type RankTie = {
  category?: string;
  position: number;                        // the rank they share, 1-based within the category
  filmIds: string[];                       // in id order
  score: number;                           // their score as compared (rounded to the precision)
  tieBreak: number[];                      // their shared value of each applied tie-break criterion, as compared
  blocking: boolean;                       // starts inside the category's placement zone
  conflict: boolean;                       // decisions covering it disagree
};
/** Films equal on the score that the tie-break criteria and/or a decision put in order. */
export type BrokenTie = {
  category?: string;
  position: number;                        // the first position of the group
  filmIds: string[];                       // in their final order
  score: number;
  criteriaUsed: number;                    // how many tie-break criteria it took (0: none separated any of them)
  decided: boolean;                        // a jury decision ordered (some of) them
  inZone: boolean;                         // starts inside the category's placement zone
};
export type IssueKind = "input" | "flagged" | "zscore" | "decision" | "conflict" | "tie";
export type RankIssue = { kind: IssueKind; text: string; blocking: boolean };
export type DecisionOutcome = { filmIds: string[]; order: string[]; outcome: "used" | "unused" | "conflict" | "invalid" };
export type RankResult = {
  films: RankedFilm[];
  publishable: boolean;
  problems: string[];                      // every issue's text, in order
  issues: RankIssue[];
  ties: RankTie[];
  brokenTies: BrokenTie[];
  decisions: DecisionOutcome[];            // sorted by film ids, then order
  tieBreak: string[];                      // the tie-break criteria applied, in order
};

type Criterion = RankInput["criteria"][number];
type Counts = { juara: number; harapan: number };
type Options = { method: RankInput["method"]; minSheets: number; precision: number; juara: number; harapan: number; byCategory: Map<string, Counts>; tieBreak: Criterion[] };
type Label = (id: string) => string;
type Report = { issues: RankIssue[]; blocked: boolean; ties: RankTie[]; brokenTies: BrokenTie[]; film: Label; judge: Label; criterion: Label; category: Label };
type ScoredSheet = { judgeId: string; total: number; scores: Record<string, number>; z: number };
type FilmWork = { filmId: string; category?: string; sheets: ScoredSheet[]; rawMean: number; score: number; zMean: number; tieValues: number[]; flagged?: string };
type JuryDecision = { ids: string[]; filmIds: Set<string>; order: string[]; used: boolean; conflict: boolean };

const JUARA: Placement[] = ["Juara I", "Juara II", "Juara III"];
const HARAPAN: Placement[] = ["Juara Harapan I", "Juara Harapan II", "Juara Harapan III"];
// Differences below this are floating-point noise on a 0-100 scale, not a real spread.
const NOISE = 1e-9;

export function rankFilms(input: RankInput): RankResult {
  const report = newReport(input.names);
  const films = readFilms(input.films, report);
  const criteria = readCriteria(input.criteria, report);
  const options = readOptions(input, criteria, report);
  if (!criteria || !options) {
    const flagged = "Nilai tidak dapat dihitung: pengaturan kriteria atau metode tidak valid.";
    const work = [...films.values()].map((f): FilmWork => ({ ...f, sheets: [], rawMean: 0, score: 0, zMean: 0, tieValues: [], flagged }));
    const none: Options = { method: "mean", minSheets: 1, precision: 2, juara: 0, harapan: 0, byCategory: new Map(), tieBreak: [] };
    return result(rankCategories(work, none, [], report), report, [], []);
  }
  const sheets = scoreSheets(input.sheets ?? [], criteria, films, report);
  const work = summariseFilms(films, sheets, options, report);
  if (options.method === "zscore") normalise(work, report);
  const { valid, outcomes } = readDecisions(input.decisions ?? [], films, report);
  const ranked = rankCategories(work, options, valid, report);
  for (const d of valid) if (!d.used) note(report, `Keputusan juri untuk film ${listIds(d.ids.map(report.film))} tidak dipakai: film-film itu tidak sedang seri.`, "decision");
  for (const d of valid) outcomes.push({ filmIds: d.ids, order: d.order, outcome: d.conflict ? "conflict" : d.used ? "used" : "unused" });
  outcomes.sort((a, b) => compareLists(a.filmIds, b.filmIds) || compareLists(a.order, b.order));
  return result(ranked, report, outcomes, options.tieBreak.map((c) => c.id));
}

function newReport(names: Names | undefined): Report {
  const label = (map: Record<string, string> | undefined): Label => (id) => (map && Object.hasOwn(map, id) ? map[id] : id);
  return { issues: [], blocked: false, ties: [], brokenTies: [], film: label(names?.films), judge: label(names?.judges), criterion: label(names?.criteria), category: label(names?.categories) };
}

function result(films: RankedFilm[], report: Report, decisions: DecisionOutcome[], tieBreak: string[]): RankResult {
  return { films, publishable: !report.blocked, problems: report.issues.map((i) => i.text), issues: report.issues, ties: report.ties, brokenTies: report.brokenTies, decisions, tieBreak };
}

/**
 * round(value * 10^precision), half away from zero. The nudge of one part in 10^12 lifts a
 * value stored just under a half (84.995 is 84.99499999999999744...) to the half it means;
 * arithmetic noise on these scores is thousands of times smaller than the nudge.
 */
export function roundedKey(value: number, precision: number): number {
  const key = Math.round(Math.abs(value) * 10 ** precision * (1 + 1e-12));
  return value < 0 && key !== 0 ? -key : key;
}

/** A score as it was compared, Indonesian style: formatScore(84.995, 2) is "85,00" where toFixed gives "84.99". */
export function formatScore(score: number, precision = 2): string {
  return (roundedKey(score, precision) / 10 ** precision).toFixed(precision).replace(".", ",");
}

function block(report: Report, message: string, kind: IssueKind = "input") {
  report.issues.push({ kind, text: message, blocking: true });
  report.blocked = true;
}

function note(report: Report, message: string, kind: IssueKind) {
  report.issues.push({ kind, text: message, blocking: false });
}

// Code-unit order, not localeCompare: the same on every server whatever its ICU data.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareLists(a: string[], b: string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return compareText(a[i], b[i]);
  return a.length - b.length;
}

function compareCategory(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  return compareText(a, b);
}

// Totals and means (all 0-100) kept to 10 decimals: far beyond any display, and
// 84.99999999999999 reads as 85.
function clean(value: number): number {
  return Math.round(value * 1e10) / 1e10;
}

// Loops without intermediate arrays: 50,000 sheets make the garbage collector the bottleneck otherwise.
function mean<T>(items: T[], value: (item: T) => number): number {
  let sum = 0;
  for (const item of items) sum += value(item);
  return items.length ? sum / items.length : 0;
}

// Loops rather than Math.min(...values): an edition can have more films than a call has arguments.
function lowest(values: number[]): number {
  let low = Infinity;
  for (const v of values) if (v < low) low = v;
  return low;
}

function highest(values: number[]): number {
  let high = -Infinity;
  for (const v of values) if (v > high) high = v;
  return high;
}

function listIds(ids: string[]): string {
  return ids.length <= 2 ? ids.join(" dan ") : `${ids.slice(0, -1).join(", ")}, dan ${ids[ids.length - 1]}`;
}

function readFilms(rows: RankInput["films"], report: Report): Map<string, { filmId: string; category?: string }> {
  const sorted = [...(rows ?? [])].sort((a, b) => compareText(a.id, b.id) || compareCategory(a.category, b.category));
  const films = new Map<string, { filmId: string; category?: string }>();
  for (let i = 0; i < sorted.length; i++) {
    const film = sorted[i];
    if (films.has(film.id)) {
      if (sorted[i - 1].id === film.id && sorted[i - 2]?.id !== film.id) block(report, `Film ${report.film(film.id)} tercantum lebih dari sekali.`);
      continue;
    }
    films.set(film.id, film.category === undefined ? { filmId: film.id } : { filmId: film.id, category: film.category });
  }
  return films;
}

function readCriteria(rows: Criterion[], report: Report): Criterion[] | null {
  if (!rows?.length) {
    block(report, "Belum ada kriteria penilaian: nilai tidak dapat dihitung.");
    return null;
  }
  const sorted = [...rows].sort((a, b) => compareText(a.id, b.id));
  let valid = true;
  for (let i = 0; i < sorted.length; i++) {
    const c = sorted[i];
    const fail = (message: string) => { block(report, message); valid = false; };
    if (sorted[i - 1]?.id === c.id) {
      if (sorted[i - 2]?.id !== c.id) fail(`Kriteria ${report.criterion(c.id)} tercantum lebih dari sekali.`);
      continue;
    }
    if (!(Number.isFinite(c.weight) && c.weight > 0)) fail(`Kriteria ${report.criterion(c.id)}: bobot harus lebih dari 0 (tercatat ${c.weight}).`);
    if (!(Number.isFinite(c.min) && Number.isFinite(c.max) && c.min >= 0 && c.max > c.min)) {
      fail(`Kriteria ${report.criterion(c.id)}: rentang nilai ${c.min}–${c.max} tidak valid (harus 0 ≤ min < maks).`);
    }
  }
  return valid ? sorted : null;
}

function readOptions(input: RankInput, criteria: Criterion[] | null, report: Report): Options | null {
  const whole = (value: number | undefined, fallback: number, low: number, high: number, message: string) => {
    if (value === undefined) return fallback;
    if (Number.isInteger(value) && value >= low && value <= high) return value;
    block(report, `${message} (tercatat ${value}); dipakai ${fallback}.`);
    return fallback;
  };
  const minSheets = whole(input.minSheets, 1, 1, Number.MAX_SAFE_INTEGER, "Jumlah lembar nilai minimal harus bilangan bulat 1 atau lebih");
  const precision = whole(input.precision, 2, 0, 6, "Jumlah desimal yang dibandingkan harus bilangan bulat 0–6");
  const juara = whole(input.placements?.juara, 3, 0, 3, "Jumlah juara harus bilangan bulat 0–3");
  const harapan = whole(input.placements?.harapan, 3, 0, 3, "Jumlah juara harapan harus bilangan bulat 0–3");
  const byCategory = new Map<string, Counts>();
  for (const category of Object.keys(input.placementsByCategory ?? {}).sort(compareText)) {
    const own = input.placementsByCategory![category];
    byCategory.set(category, {
      juara: whole(own?.juara ?? undefined, juara, 0, 3, "Jumlah juara harus bilangan bulat 0–3"),
      harapan: whole(own?.harapan ?? undefined, harapan, 0, 3, "Jumlah juara harapan harus bilangan bulat 0–3"),
    });
  }
  const tieBreak: Criterion[] = [];
  for (const id of input.tieBreak ?? []) {
    const criterion = criteria?.find((c) => c.id === id);
    if (criteria && !criterion) block(report, `Kriteria penentu ${report.criterion(id)} tidak ada dalam daftar kriteria; diabaikan.`);
    if (criterion && !tieBreak.includes(criterion)) tieBreak.push(criterion);
  }
  if (input.method !== "mean" && input.method !== "zscore") {
    block(report, `Metode penilaian "${String(input.method)}" tidak dikenal (pilih mean atau zscore).`);
    return null;
  }
  return { method: input.method, minSheets, precision, juara, harapan, byCategory, tieBreak };
}

/** What is wrong with a sheet's scores, or null when nothing is. */
function sheetFaults(scores: Record<string, number>, criteria: Criterion[], name: Label): string[] | null {
  if (typeof scores !== "object" || scores === null) return ["nilai tidak terbaca"];
  const faults: string[] = [];
  let present = 0;
  for (const c of criteria) {
    // Own properties only: a criterion called "constructor" must not find Object's.
    const own = Object.hasOwn(scores, c.id);
    const value: unknown = own ? scores[c.id] : undefined;
    if (own) present++;
    if (value === undefined) faults.push(`nilai kriteria ${name(c.id)} tidak ada`);
    else if (typeof value !== "number" || Number.isNaN(value)) faults.push(`nilai kriteria ${name(c.id)} bukan angka`);
    else if (value < c.min || value > c.max) faults.push(`nilai kriteria ${name(c.id)} (${value}) di luar rentang ${c.min}–${c.max}`);
  }
  if (Object.keys(scores).length !== present) {
    const unknown = Object.keys(scores).filter((key) => !criteria.some((c) => c.id === key)).sort(compareText);
    for (const key of unknown) faults.push(`ada nilai untuk kriteria tak dikenal ${key}`);
  }
  return faults.length ? faults : null;
}

/** Valid sheets with their weighted totals, by film (in id order) then judge; the rest reported and left out. */
function scoreSheets(rows: RankInput["sheets"], criteria: Criterion[], films: Map<string, unknown>, report: Report): Map<string, ScoredSheet[]> {
  let weightSum = 0;
  for (const c of criteria) weightSum += c.weight;
  const byFilm = groupBy(rows, (s) => s.filmId);
  const scored = new Map<string, ScoredSheet[]>();
  for (const filmId of [...byFilm.keys()].sort(compareText)) {
    const own = byFilm.get(filmId)!.sort((a, b) => compareText(a.judgeId, b.judgeId));
    const valid: ScoredSheet[] = [];
    for (let i = 0; i < own.length; i++) {
      const sheet = own[i];
      // Which of two sheets is the real one cannot be known here, so neither counts.
      const copyBefore = i > 0 && own[i - 1].judgeId === sheet.judgeId;
      if (copyBefore || (i + 1 < own.length && own[i + 1].judgeId === sheet.judgeId)) {
        if (!copyBefore) block(report, `Juri ${report.judge(sheet.judgeId)} mengirim lebih dari satu lembar nilai untuk film ${report.film(filmId)}; semua lembar itu diabaikan.`);
        continue;
      }
      if (!films.has(filmId)) {
        block(report, `Lembar nilai juri ${report.judge(sheet.judgeId)} untuk film ${report.film(filmId)} diabaikan: film tidak dikenal.`);
        continue;
      }
      const faults = sheetFaults(sheet.scores, criteria, report.criterion);
      if (faults) {
        block(report, `Lembar nilai juri ${report.judge(sheet.judgeId)} untuk film ${report.film(filmId)} diabaikan: ${faults.join("; ")}.`);
        continue;
      }
      let weighted = 0;
      for (const c of criteria) weighted += (c.weight * sheet.scores[c.id]) / c.max;
      valid.push({ judgeId: sheet.judgeId, total: clean((100 * weighted) / weightSum), scores: sheet.scores, z: 0 });
    }
    if (valid.length) scored.set(filmId, valid);
  }
  return scored;
}

function summariseFilms(films: Map<string, { filmId: string; category?: string }>, sheets: Map<string, ScoredSheet[]>, options: Options, report: Report): FilmWork[] {
  const work: FilmWork[] = [];
  for (const { filmId, category } of films.values()) {
    const own = sheets.get(filmId) ?? [];
    const rawMean = mean(own, (s) => s.total);
    const tieValues = options.tieBreak.map((c) => 100 * mean(own, (s) => s.scores[c.id] / c.max));
    const film: FilmWork = { filmId, category, sheets: own, rawMean, score: rawMean, zMean: 0, tieValues };
    if (own.length < options.minSheets) {
      film.flagged = `Baru ${own.length} dari minimal ${options.minSheets} lembar nilai.`;
      note(report, `Film ${report.film(filmId)} tidak diperingkat: baru ${own.length} dari minimal ${options.minSheets} lembar nilai.`, "flagged");
    }
    work.push(film);
  }
  return work;
}

/** Standardises each judge's totals, then maps the films' mean z onto the ranked films' raw range. */
function normalise(work: FilmWork[], report: Report) {
  const byJudge = groupBy(work.flatMap((f) => f.sheets), (s) => s.judgeId);
  for (const judgeId of [...byJudge.keys()].sort(compareText)) {
    const own = byJudge.get(judgeId)!;
    if (own.length === 1) {
      note(report, `Juri ${report.judge(judgeId)} hanya mengisi satu lembar nilai: z-skornya dihitung 0.`, "zscore");
      continue;
    }
    const totals = own.map((s) => s.total);
    if (highest(totals) - lowest(totals) <= NOISE) {
      note(report, `Juri ${report.judge(judgeId)} memberi total nilai yang sama untuk semua film yang dinilainya: z-skornya dihitung 0.`, "zscore");
      continue;
    }
    const average = mean(own, (s) => s.total);
    const spread = Math.sqrt(mean(own, (s) => (s.total - average) ** 2));
    for (const s of own) s.z = (s.total - average) / spread;
  }
  const ranked = work.filter((f) => !f.flagged);
  if (!ranked.length) return;
  for (const f of ranked) f.zMean = mean(f.sheets, (s) => s.z);
  const zs = ranked.map((f) => f.zMean);
  const raws = ranked.map((f) => f.rawMean);
  const [zLow, zHigh, rawLow, rawHigh] = [lowest(zs), highest(zs), lowest(raws), highest(raws)];
  const allEqual = zHigh - zLow <= NOISE;
  const middle = mean(ranked, (f) => f.rawMean);
  for (const f of ranked) f.score = allEqual ? middle : rawLow + ((f.zMean - zLow) * (rawHigh - rawLow)) / (zHigh - zLow);
}

function readDecisions(rows: NonNullable<RankInput["decisions"]>, films: Map<string, unknown>, report: Report): { valid: JuryDecision[]; outcomes: DecisionOutcome[] } {
  const valid: JuryDecision[] = [];
  const outcomes: DecisionOutcome[] = [];
  for (const row of rows) {
    const ids = Array.isArray(row.filmIds) ? [...row.filmIds].sort(compareText) : [];
    const set = new Set(ids);
    const order = Array.isArray(row.order) ? row.order : [];
    const unknown = ids.filter((id) => !films.has(id));
    const fault =
      set.size !== ids.length ? "ada film yang tercantum dua kali"
      : set.size < 2 ? "keputusan harus menyangkut minimal dua film"
      : unknown.length ? `film ${listIds(unknown)} tidak dikenal`
      : order.length !== ids.length || !order.every((id) => set.has(id)) || new Set(order).size !== order.length ? "urutan harus memuat setiap film tepat satu kali"
      : typeof row.reason !== "string" || !row.reason.trim() ? "alasan keputusan belum diisi"
      : null;
    if (fault) {
      block(report, `Keputusan juri untuk film ${listIds(ids.map(report.film))} diabaikan: ${fault}.`, "decision");
      outcomes.push({ filmIds: ids, order: [...order], outcome: "invalid" });
    } else valid.push({ ids, filmIds: set, order, used: false, conflict: false });
  }
  return { valid: valid.sort((a, b) => compareLists(a.ids, b.ids)), outcomes };
}

/** The group's order from the decisions covering it; "conflict" when they disagree, null when none does. */
function decide(group: FilmWork[], decisions: JuryDecision[]): FilmWork[] | "conflict" | null {
  const matching = decisions.filter((d) => group.every((f) => d.filmIds.has(f.filmId)));
  if (!matching.length) return null;
  for (const d of matching) d.used = true;
  const orders = matching.map((d) => d.order.filter((id) => group.some((f) => f.filmId === id)));
  if (orders.some((order) => compareLists(order, orders[0]) !== 0)) {
    for (const d of matching) d.conflict = true;
    return "conflict";
  }
  return orders[0].map((id) => group.find((f) => f.filmId === id)!);
}

type Keyed = { film: FilmWork; keys: number[] };
/** A run of films equal on the score: its blocks (one film, or films still tied) and how they came apart. */
type ScoreGroup = { blocks: FilmWork[][]; keys: number[]; criteriaUsed: number; decided: boolean; conflicts: Set<FilmWork[]> };

const compareKeys = (a: number[], b: number[], upTo = a.length) => {
  for (let k = 0; k < upTo; k++) if (a[k] !== b[k]) return b[k] - a[k];
  return 0;
};

/** Films of one category, best first, as runs of films equal on the score. */
function orderCategory(films: FilmWork[], options: Options, decisions: JuryDecision[], report: Report): ScoreGroup[] {
  const keyed: Keyed[] = films.map((film) => ({ film, keys: [film.score, ...film.tieValues].map((v) => roundedKey(v, options.precision)) }));
  keyed.sort((a, b) => compareKeys(a.keys, b.keys) || compareText(a.film.filmId, b.film.filmId));
  const groups: ScoreGroup[] = [];
  for (let i = 0; i < keyed.length; ) {
    let end = i + 1;
    while (end < keyed.length && keyed[end].keys[0] === keyed[i].keys[0]) end++;
    const group: ScoreGroup = { blocks: [], keys: keyed[i].keys, criteriaUsed: 0, decided: false, conflicts: new Set() };
    for (let j = i; j < end; ) {
      let k = j + 1;
      while (k < end && compareKeys(keyed[j].keys, keyed[k].keys) === 0) k++;
      // How far down the cascade these films had to be compared with the one before them.
      if (j > i) group.criteriaUsed = Math.max(group.criteriaUsed, keyed[j].keys.findIndex((key, n) => key !== keyed[j - 1].keys[n]));
      const tied = keyed.slice(j, k).map((x) => x.film);
      const decided = tied.length > 1 ? decide(tied, decisions) : null;
      if (decided === "conflict") {
        block(report, `Keputusan juri untuk film ${listIds(tied.map((f) => report.film(f.filmId)))} saling bertentangan: perbaiki keputusan juri.`, "conflict");
        group.conflicts.add(tied);
      }
      if (Array.isArray(decided)) {
        group.blocks.push(...decided.map((f) => [f]));
        group.decided = true;
      } else group.blocks.push(tied);
      j = k;
    }
    groups.push(group);
    i = end;
  }
  return groups;
}

function countsFor(category: string | undefined, options: Options): Counts {
  return (category !== undefined && options.byCategory.get(category)) || options;
}

/** The placement at a 1-based position under the given counts (for screens that name places). */
export function placementFor(position: number, counts: Counts): Placement | undefined {
  return placementAt(position - 1, counts);
}

function placementAt(position: number, counts: Counts): Placement | undefined {
  if (position < counts.juara) return JUARA[position];
  if (position < counts.juara + counts.harapan) return HARAPAN[position - counts.juara];
  return undefined;
}

function rankCategories(work: FilmWork[], options: Options, decisions: JuryDecision[], report: Report): RankedFilm[] {
  // Array sort moves undefined to the end without asking the comparator, so "no category" is put first by hand.
  const named = [...new Set(work.map((f) => f.category))].filter((c) => c !== undefined).sort(compareText);
  const categories = work.some((f) => f.category === undefined) ? [undefined, ...named] : named;
  const output: RankedFilm[] = [];
  const asCompared = (key: number) => key / 10 ** options.precision;
  for (const category of categories) {
    const films = work.filter((f) => f.category === category);
    const counts = countsFor(category, options);
    const zone = counts.juara + counts.harapan;
    const where = category === undefined ? {} : { category };
    let position = 0;
    for (const group of orderCategory(films.filter((f) => !f.flagged), options, decisions, report)) {
      const size = group.blocks.reduce((n, b) => n + b.length, 0);
      if (size > 1 && group.blocks.length > 1) {
        const filmIds = group.blocks.flat().map((f) => f.filmId);
        report.brokenTies.push({ ...where, position: position + 1, filmIds, score: asCompared(group.keys[0]), criteriaUsed: group.criteriaUsed, decided: group.decided, inZone: position < zone });
      }
      for (const run of group.blocks) {
        const tied = run.length > 1;
        if (tied) {
          const keys = [run[0].score, ...run[0].tieValues].map((v) => roundedKey(v, options.precision));
          const blocking = position < zone;
          report.ties.push({ ...where, position: position + 1, filmIds: run.map((f) => f.filmId), score: asCompared(keys[0]), tieBreak: keys.slice(1).map(asCompared), blocking, conflict: group.conflicts.has(run) });
          if (blocking) {
            const place = category === undefined ? "" : ` (kategori ${report.category(category)})`;
            const value = formatScore(run[0].score, options.precision);
            block(report, `Film ${listIds(run.map((f) => report.film(f.filmId)))}${place} masih seri di peringkat ${position + 1} (nilai ${value}): tambahkan kriteria penentu atau catat keputusan juri.`, "tie");
          }
        }
        for (const film of run) output.push(toRankedFilm(film, position + 1, tied, tied ? undefined : placementAt(position, counts)));
        position += run.length;
      }
    }
    for (const film of films.filter((f) => f.flagged)) output.push(toRankedFilm(film, null, false, undefined));
  }
  return output;
}

function toRankedFilm(film: FilmWork, rank: number | null, tied: boolean, placement: Placement | undefined): RankedFilm {
  const judgeTotals: Record<string, number> = {};
  for (const s of film.sheets) judgeTotals[s.judgeId] = s.total;
  const ranked: RankedFilm = { filmId: film.filmId, ...(film.category !== undefined && { category: film.category }), judgeTotals, rawMean: clean(film.rawMean), score: clean(film.score), rank, tied };
  if (placement) ranked.placement = placement;
  if (film.flagged) ranked.flagged = film.flagged;
  return ranked;
}
