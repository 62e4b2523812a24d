import { describe, expect, it } from "vitest";
import { groupSheets, weightedTotal } from "@/lib/judging/other-judges";
import { selectShortlist } from "@/lib/judging/shortlist";
import { rankFilms, type RankedFilm } from "@/lib/results/rank";

const ranked = (filmId: string, rank: number | null, score: number, category?: string): RankedFilm => ({
  filmId,
  category,
  judgeTotals: {},
  rawMean: score,
  score,
  rank,
  tied: false,
});

describe("selectShortlist", () => {
  it("takes the films ranked within the size", () => {
    const films = [ranked("a", 1, 90), ranked("b", 2, 80), ranked("c", 3, 70), ranked("d", 4, 60)];
    expect(selectShortlist(films, 2).map((n) => n.filmId)).toEqual(["a", "b"]);
    expect(selectShortlist(films, 10).map((n) => n.filmId)).toEqual(["a", "b", "c", "d"]);
  });

  it("lets every film tied at the boundary through", () => {
    const films = [ranked("a", 1, 90), ranked("b", 2, 85), ranked("c", 2, 85), ranked("d", 4, 60)];
    expect(selectShortlist(films, 2).map((n) => n.filmId)).toEqual(["a", "b", "c"]);
    expect(selectShortlist(films, 3).map((n) => n.filmId)).toEqual(["a", "b", "c"]);
  });

  it("never nominates a flagged film (no rank)", () => {
    const films = [ranked("a", 1, 90), ranked("x", null, 99), ranked("b", 2, 80)];
    expect(selectShortlist(films, 5).map((n) => n.filmId)).toEqual(["a", "b"]);
  });

  it("works per category: ranks are within a category", () => {
    const films = [ranked("a", 1, 90, "dok"), ranked("b", 2, 80, "dok"), ranked("c", 1, 70, "fiksi"), ranked("d", 2, 65, "fiksi")];
    expect(selectShortlist(films, 1).map((n) => [n.filmId, n.category])).toEqual([["a", "dok"], ["c", "fiksi"]]);
  });

  it("follows rankFilms' shared ranks end to end", () => {
    const criteria = [{ id: "k", weight: 1, min: 0, max: 100 }];
    const sheets = [90, 85, 85, 70].map((v, i) => ({ judgeId: "j", filmId: `f${i}`, scores: { k: v } }));
    const { films } = rankFilms({ criteria, films: sheets.map((s) => ({ id: s.filmId })), sheets, method: "mean" });
    expect(selectShortlist(films, 2).map((n) => n.filmId)).toEqual(["f0", "f1", "f2"]);
  });

  it("refuses a size below one", () => {
    expect(() => selectShortlist([], 0)).toThrow(RangeError);
    expect(() => selectShortlist([], 1.5)).toThrow(RangeError);
  });
});

describe("other judges' sheets", () => {
  it("numbers sheets in order and never carries a judge id", () => {
    const rows = [
      { sheetId: "s1", criterionId: "a", score: 80, comment: "baik" },
      { sheetId: "s1", criterionId: "b", score: 70, comment: null },
      { sheetId: "s2", criterionId: "a", score: 60, comment: "cukup" },
    ];
    expect(groupSheets(rows)).toEqual([
      { judge: 1, values: { a: { score: 80, comment: "baik" }, b: { score: 70, comment: "" } } },
      { judge: 2, values: { a: { score: 60, comment: "cukup" } } },
    ]);
  });

  it("totals a sheet the way the ranking does", () => {
    const criteria = [
      { id: "a", weight: 30, maxScore: 100 },
      { id: "b", weight: 70, maxScore: 50 },
    ];
    expect(weightedTotal(criteria, { a: { score: 100, comment: "" }, b: { score: 25, comment: "" } })).toBeCloseTo(65, 10);
    expect(weightedTotal(criteria, { a: { score: 100, comment: "" } })).toBeNull();
    const sheet = { judgeId: "j", filmId: "f", scores: { a: 100, b: 25 } };
    const { films } = rankFilms({ criteria: criteria.map((c) => ({ id: c.id, weight: c.weight, min: 0, max: c.maxScore })), films: [{ id: "f" }], sheets: [sheet], method: "mean" });
    expect(films[0].judgeTotals.j).toBeCloseTo(65, 10);
  });
});
