import { describe, expect, it } from "vitest";
import { rankFilms, type RankInput, type RankResult } from "@/lib/results/rank";

// Per-category placement counts, ties described as data, what became of each decision, and
// labels instead of ids in the messages. The ranking itself is tests/unit/rank.test.ts's.

const single = [{ id: "nilai", weight: 1, min: 0, max: 100 }];
const sheet = (judgeId: string, filmId: string, nilai: number) => ({ judgeId, filmId, scores: { nilai } });
const summary = (result: RankResult) => result.films.map((f) => `${f.filmId}:${f.flagged ? "!" : f.rank}${f.tied ? "=" : ""}${f.placement ? ` ${f.placement}` : ""}`);

/** Films F1..Fn, one sheet each with the given totals. */
function byTotals(totals: number[], extra: Partial<RankInput> = {}): RankResult {
  const ids = totals.map((_, i) => `F${i + 1}`);
  return rankFilms({ criteria: single, films: ids.map((id) => ({ id })), sheets: totals.map((t, i) => sheet("J1", ids[i], t)), method: "mean", ...extra });
}

describe("placements per category", () => {
  // Fiksi: 90, 80, 70, 60. Dokumenter: 95, 85, 85.
  const input: RankInput = {
    criteria: single,
    films: [
      { id: "X1", category: "fiksi" }, { id: "X2", category: "fiksi" }, { id: "X3", category: "fiksi" }, { id: "X4", category: "fiksi" },
      { id: "D1", category: "dok" }, { id: "D2", category: "dok" }, { id: "D3", category: "dok" },
    ],
    sheets: [sheet("J1", "X1", 90), sheet("J1", "X2", 80), sheet("J1", "X3", 70), sheet("J1", "X4", 60), sheet("J1", "D1", 95), sheet("J1", "D2", 85), sheet("J1", "D3", 85)],
    method: "mean",
    placements: { juara: 2, harapan: 1 },
  };

  it("gives a category its own counts and the others the edition's", () => {
    const result = rankFilms({ ...input, placementsByCategory: { fiksi: { juara: 1, harapan: 2 } } });
    expect(summary(result)).toEqual([
      "D1:1 Juara I", "D2:2=", "D3:2=",
      "X1:1 Juara I", "X2:2 Juara Harapan I", "X3:3 Juara Harapan II", "X4:4",
    ]);
  });

  it("takes the edition's count for a null one", () => {
    const result = rankFilms({ ...input, placementsByCategory: { fiksi: { juara: 3, harapan: null } } });
    expect(summary(result).slice(3)).toEqual(["X1:1 Juara I", "X2:2 Juara II", "X3:3 Juara III", "X4:4 Juara Harapan I"]);
  });

  it("measures the blocking zone per category: a tie for second blocks only where second is placed", () => {
    const narrow = rankFilms({ ...input, placementsByCategory: { dok: { juara: 1, harapan: 0 } } });
    expect(narrow.publishable).toBe(true);
    expect(narrow.ties).toEqual([{ category: "dok", position: 2, filmIds: ["D2", "D3"], score: 85, tieBreak: [], blocking: false, conflict: false }]);
    const wide = rankFilms({ ...input, placementsByCategory: { dok: { juara: 2, harapan: 0 } } });
    expect(wide.publishable).toBe(false);
    expect(wide.ties[0].blocking).toBe(true);
  });

  it("gives nothing in a category with 0 and 0, whatever the edition's counts", () => {
    const result = rankFilms({ ...input, placementsByCategory: { dok: { juara: 0, harapan: 0 } } });
    expect(result.films.filter((f) => f.category === "dok").map((f) => f.placement ?? "-")).toEqual(["-", "-", "-"]);
    expect(result.publishable).toBe(true);
  });

  it("refuses a category count outside 0-3 and uses the edition's", () => {
    const result = rankFilms({ ...input, placementsByCategory: { fiksi: { juara: 5, harapan: 1 } } });
    expect(result.problems).toContain("Jumlah juara harus bilangan bulat 0–3 (tercatat 5); dipakai 2.");
    expect(result.publishable).toBe(false);
    expect(summary(result).slice(3)).toEqual(["X1:1 Juara I", "X2:2 Juara II", "X3:3 Juara Harapan I", "X4:4"]);
  });

  it("ignores counts for a category no film is in", () => {
    expect(summary(rankFilms({ ...input, placementsByCategory: { animasi: { juara: 0, harapan: 0 } } }))).toEqual(summary(rankFilms(input)));
  });
});

describe("ties as data", () => {
  it("describes a tie still open: where, who, the score and the tie-break values as compared", () => {
    // Two criteria, total = (a + b) / 2: F2 (80, 90) and F3 (80, 90) tie at 85, also on a.
    const result = rankFilms({
      criteria: [{ id: "a", weight: 1, min: 0, max: 100 }, { id: "b", weight: 1, min: 0, max: 100 }],
      films: [{ id: "F1" }, { id: "F3" }, { id: "F2" }],
      sheets: [
        { judgeId: "J1", filmId: "F1", scores: { a: 95, b: 95 } },
        { judgeId: "J1", filmId: "F2", scores: { a: 80, b: 90 } },
        { judgeId: "J1", filmId: "F3", scores: { a: 80, b: 90 } },
      ],
      method: "mean",
      tieBreak: ["a"],
    });
    expect(result.ties).toEqual([{ position: 2, filmIds: ["F2", "F3"], score: 85, tieBreak: [80], blocking: true, conflict: false }]);
    expect(result.brokenTies).toEqual([]);
    expect(result.tieBreak).toEqual(["a"]);
  });

  it("lists a tie below the placements too, as not blocking", () => {
    const result = byTotals([90, 80, 80], { placements: { juara: 1, harapan: 0 } });
    expect(result.ties).toEqual([{ position: 2, filmIds: ["F2", "F3"], score: 80, tieBreak: [], blocking: false, conflict: false }]);
    expect(result.issues).toEqual([]);
  });

  it("says how many tie-break criteria it took to separate films equal on the score", () => {
    // total = (a + b + c) / 3 = 80 for F1, F2 and F3; a separates F1 (90) from F2 and F3 (75), b separates those.
    const result = rankFilms({
      criteria: ["a", "b", "c"].map((id) => ({ id, weight: 1, min: 0, max: 100 })),
      films: [{ id: "F1" }, { id: "F2" }, { id: "F3" }],
      sheets: [
        { judgeId: "J1", filmId: "F1", scores: { a: 90, b: 75, c: 75 } },
        { judgeId: "J1", filmId: "F2", scores: { a: 75, b: 70, c: 95 } },
        { judgeId: "J1", filmId: "F3", scores: { a: 75, b: 90, c: 75 } },
      ],
      method: "mean",
      tieBreak: ["a", "b", "c"],
    });
    expect(summary(result)).toEqual(["F1:1 Juara I", "F3:2 Juara II", "F2:3 Juara III"]);
    expect(result.brokenTies).toEqual([{ position: 1, filmIds: ["F1", "F3", "F2"], score: 80, criteriaUsed: 2, decided: false, inZone: true }]);
    expect(result.ties).toEqual([]);
  });

  it("marks a group put in order by a decision, and a group only partly separated as both", () => {
    // F2, F3, F4 tie at 85 on the score; no tie-break; a decision orders F3 before F2 but leaves F4 out.
    const decided = byTotals([90, 85, 85], { decisions: [{ filmIds: ["F2", "F3"], order: ["F3", "F2"], reason: "Rapat juri." }] });
    expect(decided.brokenTies).toEqual([{ position: 2, filmIds: ["F3", "F2"], score: 85, criteriaUsed: 0, decided: true, inZone: true }]);
    expect(decided.decisions).toEqual([{ filmIds: ["F2", "F3"], order: ["F3", "F2"], outcome: "used" }]);

    const partly = rankFilms({
      criteria: [{ id: "a", weight: 1, min: 0, max: 100 }, { id: "b", weight: 1, min: 0, max: 100 }],
      films: [{ id: "F1" }, { id: "F2" }, { id: "F3" }],
      sheets: [
        { judgeId: "J1", filmId: "F1", scores: { a: 90, b: 80 } },
        { judgeId: "J1", filmId: "F2", scores: { a: 80, b: 90 } },
        { judgeId: "J1", filmId: "F3", scores: { a: 80, b: 90 } },
      ],
      method: "mean",
      tieBreak: ["a"],
    });
    expect(partly.brokenTies).toEqual([{ position: 1, filmIds: ["F1", "F2", "F3"], score: 85, criteriaUsed: 1, decided: false, inZone: true }]);
    expect(partly.ties).toEqual([{ position: 2, filmIds: ["F2", "F3"], score: 85, tieBreak: [80], blocking: true, conflict: false }]);
  });

  it("marks a tie left open by decisions that disagree", () => {
    const result = byTotals([90, 85, 85], {
      decisions: [
        { filmIds: ["F3", "F2"], order: ["F3", "F2"], reason: "Rapat pertama." },
        { filmIds: ["F2", "F3"], order: ["F2", "F3"], reason: "Rapat kedua." },
      ],
    });
    expect(result.ties).toEqual([{ position: 2, filmIds: ["F2", "F3"], score: 85, tieBreak: [], blocking: true, conflict: true }]);
    expect(result.decisions.map((d) => d.outcome)).toEqual(["conflict", "conflict"]);
    expect(result.issues.map((i) => i.kind)).toEqual(["conflict", "tie"]);
  });

  it("says which decisions were used, unused or invalid, sorted by their films", () => {
    const result = byTotals([90, 85, 85, 70], {
      decisions: [
        { filmIds: ["F4", "F1"], order: ["F1", "F4"], reason: "Tidak seri." },
        { filmIds: ["F3", "F2"], order: ["F2", "F3"], reason: "Rapat juri." },
        { filmIds: ["F2", "F3"], order: ["F3"], reason: "Urutan kurang." },
      ],
    });
    expect(result.decisions).toEqual([
      { filmIds: ["F1", "F4"], order: ["F1", "F4"], outcome: "unused" },
      { filmIds: ["F2", "F3"], order: ["F2", "F3"], outcome: "used" },
      { filmIds: ["F2", "F3"], order: ["F3"], outcome: "invalid" },
    ]);
  });
});

describe("issues carry their kind", () => {
  it("separates flagged films, z-score notes, decisions, ties and input problems", () => {
    const result = rankFilms({
      criteria: single,
      films: [{ id: "F1" }, { id: "F2" }, { id: "F3" }, { id: "F4" }],
      sheets: [sheet("J1", "F1", 80), sheet("J1", "F2", 80), sheet("J2", "F3", 70), sheet("J3", "F9", 70)],
      method: "zscore",
      decisions: [{ filmIds: ["F1", "F3"], order: ["F3", "F1"], reason: "Rapat." }],
    });
    expect(result.issues.map((i) => [i.kind, i.blocking])).toEqual([
      ["input", true], // the sheet for F9
      ["flagged", false], // F4 has no sheet
      ["zscore", false], // J1 gave both films the same total
      ["zscore", false], // J2 has one sheet
      ["tie", true],
      ["decision", false], // F1 and F3 are not tied
    ]);
    expect(result.problems).toEqual(result.issues.map((i) => i.text));
  });
});

describe("names instead of ids in the messages", () => {
  const names = {
    films: { F1: "KRA-101 · Kabar dari Sawah", F2: "KRA-102 · Layar (Tancap) Terakhir", F3: "KRA-103 · Suara" },
    judges: { J1: "Dr. Sri Wahyuni", J2: "Bambang" },
    criteria: { nilai: "Kesesuaian tema" },
    categories: { c1: "Fiksi" },
  };

  it("names the films of a tie, their category and a film without sheets", () => {
    const result = rankFilms({
      criteria: single,
      films: [{ id: "F1", category: "c1" }, { id: "F2", category: "c1" }, { id: "F3", category: "c1" }],
      sheets: [sheet("J1", "F1", 80), sheet("J1", "F2", 80)],
      method: "mean",
      names,
    });
    expect(result.problems).toEqual([
      "Film KRA-103 · Suara tidak diperingkat: baru 0 dari minimal 1 lembar nilai.",
      "Film KRA-101 · Kabar dari Sawah dan KRA-102 · Layar (Tancap) Terakhir (kategori Fiksi) masih seri di peringkat 1 (nilai 80,00): tambahkan kriteria penentu atau catat keputusan juri.",
    ]);
    expect(result.ties[0]).toMatchObject({ category: "c1", filmIds: ["F1", "F2"] });
  });

  it("names judges and criteria in sheet problems, and keeps an id it has no name for", () => {
    const result = rankFilms({
      criteria: single,
      films: [{ id: "F1" }, { id: "F2" }],
      sheets: [sheet("J1", "F1", 120), sheet("J2", "F2", 70), sheet("J9", "F2", 75)],
      method: "zscore",
      tieBreak: ["teknik"],
      names,
    });
    expect(result.problems).toEqual([
      "Kriteria penentu teknik tidak ada dalam daftar kriteria; diabaikan.",
      "Lembar nilai juri Dr. Sri Wahyuni untuk film KRA-101 · Kabar dari Sawah diabaikan: nilai kriteria Kesesuaian tema (120) di luar rentang 0–100.",
      "Film KRA-101 · Kabar dari Sawah tidak diperingkat: baru 0 dari minimal 1 lembar nilai.",
      "Juri Bambang hanya mengisi satu lembar nilai: z-skornya dihitung 0.",
      "Juri J9 hanya mengisi satu lembar nilai: z-skornya dihitung 0.",
    ]);
  });

  it("does not take a name from Object's prototype", () => {
    const result = rankFilms({ criteria: single, films: [{ id: "constructor" }], sheets: [], method: "mean", names: { films: {} } });
    expect(result.problems).toEqual(["Film constructor tidak diperingkat: baru 0 dari minimal 1 lembar nilai."]);
  });
});

describe("named messages in English", () => {
  it("translate with any name: a judge called 'Dr. …, M.Sn.', a title with brackets or a full stop", async () => {
    const { translateMessage } = await import("@/lib/i18n/translate-message");
    const result = rankFilms({
      criteria: single,
      films: [{ id: "F1" }, { id: "F2" }, { id: "F3" }],
      sheets: [sheet("J1", "F1", 80), sheet("J1", "F2", 70), sheet("J2", "F2", 75)],
      method: "zscore",
      names: { films: { F3: "KRA-103 · Pak Dr. Warsito (contoh)" }, judges: { J2: "Dr. Sri Wahyuni, M.Sn." } },
    });
    expect(result.problems.map((p) => translateMessage(p, "en"))).toEqual([
      "Film KRA-103 · Pak Dr. Warsito (contoh) is not ranked: only 0 of at least 1 score sheets.",
      "Judge Dr. Sri Wahyuni, M.Sn. filled in only one score sheet: their z-score counts as 0.",
    ]);
  });
});
