import { describe, expect, it } from "vitest";
import { formatScore, rankFilms, roundedKey, type RankInput, type RankResult } from "@/lib/results/rank";

// One criterion weighted 1 out of 100: a sheet's total is simply its score, which keeps
// the hand computations below about ranking rather than arithmetic.
const single = [{ id: "nilai", weight: 1, min: 0, max: 100 }];
const sheet = (judgeId: string, filmId: string, nilai: number) => ({ judgeId, filmId, scores: { nilai } });
const filmsNamed = (...ids: string[]) => ids.map((id) => ({ id }));
const find = (result: RankResult, filmId: string) => result.films.find((f) => f.filmId === filmId)!;

/** "F1:1 Juara I" per film, in output order; "=" marks a tie, "!" a flag. */
function summary(result: RankResult): string[] {
  return result.films.map((f) => `${f.filmId}:${f.flagged ? "!" : f.rank}${f.tied ? "=" : ""}${f.placement ? ` ${f.placement}` : ""}`);
}

/** Films F1..Fn, one sheet each with the given totals. */
function byTotals(totals: number[], extra: Partial<RankInput> = {}): RankResult {
  const ids = totals.map((_, i) => `F${i + 1}`);
  return rankFilms({ criteria: single, films: filmsNamed(...ids), sheets: totals.map((t, i) => sheet("J1", ids[i], t)), method: "mean", ...extra });
}

describe("weighted total: 100 * sum(w * s / max) / sum(w)", () => {
  // The usual rubric: cerita 30, sinematografi 25, pesan 20, editing 15, suara 10, each scored 50-100.
  const rubric = [
    { id: "cerita", weight: 30, min: 50, max: 100 },
    { id: "sinematografi", weight: 25, min: 50, max: 100 },
    { id: "pesan", weight: 20, min: 50, max: 100 },
    { id: "editing", weight: 15, min: 50, max: 100 },
    { id: "suara", weight: 10, min: 50, max: 100 },
  ];
  const scored = (scores: number[]) =>
    rankFilms({
      criteria: rubric,
      films: filmsNamed("F1"),
      sheets: [{ judgeId: "J1", filmId: "F1", scores: Object.fromEntries(rubric.map((c, i) => [c.id, scores[i]])) }],
      method: "mean",
    }).films[0].judgeTotals.J1;

  it("gives 50 when every criterion gets 50: 100 * (30 + 25 + 20 + 15 + 10) * 0.5 / 100", () => {
    expect(scored([50, 50, 50, 50, 50])).toBe(50);
  });
  it("gives 100 when every criterion gets 100", () => {
    expect(scored([100, 100, 100, 100, 100])).toBe(100);
  });
  it("weights a mixed sheet: 30*.80 + 25*.70 + 20*.90 + 15*.60 + 10*1.00 = 24 + 17.5 + 18 + 9 + 10 = 78.5", () => {
    expect(scored([80, 70, 90, 60, 100])).toBe(78.5);
  });
  it("divides each score by its own maximum: (2 * 7/10 + 1 * 4/5) / 3 = 2.2 / 3 -> 73.33...", () => {
    const result = rankFilms({
      criteria: [{ id: "a", weight: 2, min: 0, max: 10 }, { id: "b", weight: 1, min: 0, max: 5 }],
      films: filmsNamed("F1"),
      sheets: [{ judgeId: "J1", filmId: "F1", scores: { a: 7, b: 4 } }],
      method: "mean",
    });
    expect(result.films[0].judgeTotals.J1).toBeCloseTo(220 / 3, 9);
  });
  it("keeps one total per judge", () => {
    const result = rankFilms({ criteria: single, films: filmsNamed("F1"), sheets: [sheet("J2", "F1", 70), sheet("J1", "F1", 80)], method: "mean" });
    expect(result.films[0].judgeTotals).toEqual({ J1: 80, J2: 70 });
  });
});

describe("mean method", () => {
  // J1: F1 80, F2 70; J2: F1 90 (no sheet for F2); J3: F1 60, F2 80.
  // F1 = (80 + 90 + 60) / 3 = 76.67. F2 = (70 + 80) / 2 = 75, not (70 + 0 + 80) / 3 = 50.
  const input: RankInput = {
    criteria: single,
    films: filmsNamed("F1", "F2"),
    sheets: [sheet("J1", "F1", 80), sheet("J1", "F2", 70), sheet("J2", "F1", 90), sheet("J3", "F1", 60), sheet("J3", "F2", 80)],
    method: "mean",
  };

  it("averages the sheets a film has: a missing sheet is not a zero", () => {
    const result = rankFilms(input);
    expect(find(result, "F1").rawMean).toBeCloseTo(230 / 3, 9);
    expect(find(result, "F2").rawMean).toBe(75);
    expect(find(result, "F2").score).toBe(75);
    expect(summary(result)).toEqual(["F1:1 Juara I", "F2:2 Juara II"]);
    expect(result).toMatchObject({ publishable: true, problems: [] });
  });

  it("flags a film with fewer sheets than minSheets, keeps its raw mean and does not rank it", () => {
    const result = rankFilms({ ...input, minSheets: 3 });
    expect(find(result, "F2")).toEqual({ filmId: "F2", judgeTotals: { J1: 70, J3: 80 }, rawMean: 75, score: 75, rank: null, tied: false, flagged: "Baru 2 dari minimal 3 lembar nilai." });
    expect(summary(result)).toEqual(["F1:1 Juara I", "F2:!"]);
    // A flag is a note for the organiser, not a reason to hold the results back.
    expect(result).toMatchObject({ publishable: true, problems: ["Film F2 tidak diperingkat: baru 2 dari minimal 3 lembar nilai."] });
  });

  it("flags a film with no sheets at all, with raw mean 0 rather than NaN", () => {
    const result = rankFilms({ ...input, films: filmsNamed("F1", "F2", "F0") });
    expect(find(result, "F0")).toEqual({ filmId: "F0", judgeTotals: {}, rawMean: 0, score: 0, rank: null, tied: false, flagged: "Baru 0 dari minimal 1 lembar nilai." });
    expect(summary(result)).toEqual(["F1:1 Juara I", "F2:2 Juara II", "F0:!"]);
  });
});

describe("zscore method", () => {
  // Three judges, four films, one criterion (total = score).
  //        F1   F2   F3   F4   mean  sd (population)
  //   A    92   78   86   84    85   sqrt((49+49+1+1)/4)     = 5
  //   B    58   46   74   62    60   sqrt((4+196+196+4)/4)   = 10
  //   C    75   75   65   65    70   sqrt((25+25+25+25)/4)   = 5
  // z-scores:
  //   A   1.4 -1.4  0.2 -0.2
  //   B  -0.2 -1.4  1.4  0.2
  //   C   1.0  1.0 -1.0 -1.0
  // normalised mean: F1 2.2/3 = 0.7333, F2 -1.8/3 = -0.6, F3 0.6/3 = 0.2, F4 -1/3 = -0.3333
  // raw mean:        F1 225/3 = 75,     F2 199/3 = 66.33, F3 225/3 = 75, F4 211/3 = 70.33
  // Rescaled so the lowest (F2, z -0.6) gets the lowest raw mean 199/3 and the highest
  // (F1, z 11/15) the highest raw mean 75: score = 199/3 + (z + 0.6) * (26/3) / (4/3)
  //   F1 = 199/3 + 4/3 * 6.5 = 75
  //   F3 = 199/3 + 0.8 * 6.5 = 1073/15 = 71.5333
  //   F4 = 199/3 + 4/15 * 6.5 = 1021/15 = 68.0667
  //   F2 = 199/3 = 66.3333
  // Under "mean" F1 and F3 tie at 75; the harsh but discriminating judge B no longer
  // outweighs the others, so F1 (liked by A and C) goes ahead of F3.
  const input: RankInput = {
    criteria: single,
    films: filmsNamed("F1", "F2", "F3", "F4"),
    sheets: [
      sheet("A", "F1", 92), sheet("A", "F2", 78), sheet("A", "F3", 86), sheet("A", "F4", 84),
      sheet("B", "F1", 58), sheet("B", "F2", 46), sheet("B", "F3", 74), sheet("B", "F4", 62),
      sheet("C", "F1", 75), sheet("C", "F2", 75), sheet("C", "F3", 65), sheet("C", "F4", 65),
    ],
    method: "zscore",
  };

  it("standardises each judge and rescales to the raw range of the ranked films", () => {
    const result = rankFilms(input);
    expect(find(result, "F1").score).toBeCloseTo(75, 9);
    expect(find(result, "F3").score).toBeCloseTo(1073 / 15, 9);
    expect(find(result, "F4").score).toBeCloseTo(1021 / 15, 9);
    expect(find(result, "F2").score).toBeCloseTo(199 / 3, 9);
    expect(find(result, "F3").rawMean).toBe(75);
    expect(summary(result)).toEqual(["F1:1 Juara I", "F3:2 Juara II", "F4:3 Juara III", "F2:4 Juara Harapan I"]);
    expect(result).toMatchObject({ publishable: true, problems: [] });
  });

  it("gives the same data a tie under the mean method", () => {
    const result = rankFilms({ ...input, method: "mean" });
    expect(summary(result)).toEqual(["F1:1=", "F3:1=", "F4:3 Juara III", "F2:4 Juara Harapan I"]);
  });

  it("uses the population standard deviation, which matters when judges score different numbers of films", () => {
    // A scores four films: 86, 78, 92, 84; mean 85, deviations +1 -7 +7 -1, sd sqrt(100/4) = 5,
    //   z = 0.2, -1.4, 1.4, -0.2.
    // B scores two: F1 70, F2 60; mean 65, sd 5, z = +1, -1.
    // Normalised: F1 (0.2 + 1) / 2 = 0.6, F2 (-1.4 - 1) / 2 = -1.2, F3 1.4, F4 -0.2.
    // Raw: F1 78, F2 69, F3 92, F4 84. Rescaled: 69 + (z + 1.2) * 23 / 2.6
    //   F3 92, F1 69 + 1.8 * 23 / 2.6 = 1104/13 = 84.92, F4 69 + 23 / 2.6 = 1012/13 = 77.85, F2 69.
    // (The sample sd, n - 1, would shrink B's z more than A's and give F1 83.82.)
    // Under "mean" F4 (84) would beat F1 (78); F1 was marked by the harsher judge.
    const result = rankFilms({
      criteria: single,
      films: filmsNamed("F1", "F2", "F3", "F4"),
      sheets: [sheet("A", "F1", 86), sheet("A", "F2", 78), sheet("A", "F3", 92), sheet("A", "F4", 84), sheet("B", "F1", 70), sheet("B", "F2", 60)],
      method: "zscore",
    });
    expect(find(result, "F1").score).toBeCloseTo(1104 / 13, 9);
    expect(find(result, "F4").score).toBeCloseTo(1012 / 13, 9);
    expect(summary(result)).toEqual(["F3:1 Juara I", "F1:2 Juara II", "F4:3 Juara III", "F2:4 Juara Harapan I"]);
  });

  it("counts flagged films in their judge's statistics but not in the rescaling", () => {
    // minSheets 2. A: F1 70, F2 90, F3 50 (F3 has only this sheet, so it is flagged).
    // A's mean is 70 and sd sqrt(800/3) = 16.33 with F3 counted: z F1 0, F2 1.2247, F3 -1.2247.
    // B: F1 84, F2 60 -> z +1, -1.  Normalised: F1 (0 + 1) / 2 = 0.5, F2 (1.2247 - 1) / 2 = 0.1124.
    // Raw means F1 77, F2 75, F3 50; the range is that of F1 and F2 only, so F1 77 and F2 75.
    // (Without F3 in A's statistics both films would be at z 0 and tie at 76; with F3 in the
    // rescaling F2 would drop to 50.)
    const result = rankFilms({
      criteria: single,
      films: filmsNamed("F1", "F2", "F3"),
      sheets: [sheet("A", "F1", 70), sheet("A", "F2", 90), sheet("A", "F3", 50), sheet("B", "F1", 84), sheet("B", "F2", 60)],
      method: "zscore",
      minSheets: 2,
    });
    expect(find(result, "F1").score).toBeCloseTo(77, 9);
    expect(find(result, "F2").score).toBeCloseTo(75, 9);
    expect(find(result, "F3")).toMatchObject({ rawMean: 50, score: 50, rank: null });
    expect(summary(result)).toEqual(["F1:1 Juara I", "F2:2 Juara II", "F3:!"]);
  });

  it("gives z = 0 to a judge with one sheet or no spread, and names them", () => {
    // A: F1 80, F2 60 -> z +1, -1.  B: F1 70, F2 70 -> no spread, z 0.  C: only F2, 99 -> z 0.
    // Normalised: F1 (1 + 0) / 2 = 0.5, F2 (-1 + 0 + 0) / 3 = -0.3333.
    // Raw: F1 (80 + 70) / 2 = 75, F2 (60 + 70 + 99) / 3 = 76.33. F1 ranks first and gets the
    // highest raw mean 76.33; F2 gets 75.
    const result = rankFilms({
      criteria: single,
      films: filmsNamed("F1", "F2"),
      sheets: [sheet("A", "F1", 80), sheet("A", "F2", 60), sheet("B", "F1", 70), sheet("B", "F2", 70), sheet("C", "F2", 99)],
      method: "zscore",
    });
    expect(find(result, "F1").score).toBeCloseTo(229 / 3, 9);
    expect(find(result, "F2").score).toBeCloseTo(75, 9);
    expect(summary(result)).toEqual(["F1:1 Juara I", "F2:2 Juara II"]);
    expect(result.problems).toEqual([
      "Juri B memberi total nilai yang sama untuk semua film yang dinilainya: z-skornya dihitung 0.",
      "Juri C hanya mengisi satu lembar nilai: z-skornya dihitung 0.",
    ]);
    expect(result.publishable).toBe(true);
  });

  it("gives every film the mean of the raw means when all normalised means are equal", () => {
    // A: F1 90, F2 60 -> z +1, -1.  B: F1 50, F2 70 -> z -1, +1.  Both normalised means are 0.
    // Raw means F1 70, F2 65; both films get (70 + 65) / 2 = 67.5 and stay tied.
    const result = rankFilms({
      criteria: single,
      films: filmsNamed("F1", "F2"),
      sheets: [sheet("A", "F1", 90), sheet("A", "F2", 60), sheet("B", "F1", 50), sheet("B", "F2", 70)],
      method: "zscore",
    });
    expect(result.films.map((f) => [f.filmId, f.rawMean, f.score])).toEqual([["F1", 70, 67.5], ["F2", 65, 67.5]]);
    expect(summary(result)).toEqual(["F1:1=", "F2:1="]);
    expect(result.problems).toEqual(["Film F1 dan F2 masih seri di peringkat 1 (nilai 67,50): tambahkan kriteria penentu atau catat keputusan juri."]);
  });

  it("ties every ranked film when they all share one raw mean, whatever their z", () => {
    // A: F1 90, F2 70 -> z +1, -1. B: F1 70, F2 90, F3 80 -> mean 80, sd sqrt(200/3), z -1.22, +1.22, 0.
    // Normalised: F1 -0.11, F2 +0.11, F3 0, but every raw mean is 80, so the range to rescale
    // onto is the single value 80 and all three films get it.
    const result = rankFilms({
      criteria: single,
      films: filmsNamed("F1", "F2", "F3"),
      sheets: [sheet("A", "F1", 90), sheet("A", "F2", 70), sheet("B", "F1", 70), sheet("B", "F2", 90), sheet("B", "F3", 80)],
      method: "zscore",
    });
    expect(result.films.map((f) => f.score)).toEqual([80, 80, 80]);
    expect(summary(result)).toEqual(["F1:1=", "F2:1=", "F3:1="]);
  });

  it("rescales across all ranked films of every category", () => {
    // Each category's films are ranked within the category, on one scale for the edition:
    // the lowest and highest score overall are the lowest and highest raw means overall.
    const result = rankFilms({
      ...input,
      films: [{ id: "F1", category: "Fiksi" }, { id: "F2", category: "Fiksi" }, { id: "F3", category: "Dokumenter" }, { id: "F4", category: "Dokumenter" }],
    });
    expect(summary(result)).toEqual(["F3:1 Juara I", "F4:2 Juara II", "F1:1 Juara I", "F2:2 Juara II"]);
    expect(find(result, "F3").score).toBeCloseTo(1073 / 15, 9);
  });
});

describe("precision", () => {
  it("rounds half away from zero on the decimal value, not its binary approximation", () => {
    // 84.995 is stored as 84.99499999...; 1.005 as 1.00499999...
    expect(roundedKey(84.995, 2)).toBe(8500);
    expect(roundedKey(84.994, 2)).toBe(8499);
    expect(roundedKey(1.005, 2)).toBe(101);
    expect(roundedKey(-1.005, 2)).toBe(-101);
    expect(roundedKey(2.5, 0)).toBe(3);
    expect(formatScore(84.995, 2)).toBe("85,00");
    expect(formatScore(70, 0)).toBe("70");
  });
  it("ties 84.995 with 85.00 at precision 2", () => {
    const result = byTotals([84.995, 85]);
    expect(summary(result)).toEqual(["F1:1=", "F2:1="]);
    expect(result.problems).toEqual(["Film F1 dan F2 masih seri di peringkat 1 (nilai 85,00): tambahkan kriteria penentu atau catat keputusan juri."]);
  });
  it("separates 84.994 from 85.00 at precision 2", () => {
    expect(summary(byTotals([84.994, 85]))).toEqual(["F2:1 Juara I", "F1:2 Juara II"]);
  });
  it("separates 84.995 from 85.000 at precision 3, and ties 84.6 with 85 at precision 0", () => {
    expect(summary(byTotals([84.995, 85], { precision: 3 }))).toEqual(["F2:1 Juara I", "F1:2 Juara II"]);
    expect(summary(byTotals([84.6, 85], { precision: 0 }))).toEqual(["F1:1=", "F2:1="]);
  });
  it("refuses a precision outside 0-6 and compares at 2 instead", () => {
    const result = byTotals([84.995, 85], { precision: 7 });
    expect(result.problems[0]).toBe("Jumlah desimal yang dibandingkan harus bilangan bulat 0–6 (tercatat 7); dipakai 2.");
    expect(summary(result)).toEqual(["F1:1=", "F2:1="]);
  });
});

describe("tie-break cascade", () => {
  // total = (cerita + teknik + 2 * pesan) / 4
  const criteria = [
    { id: "cerita", weight: 1, min: 0, max: 100 },
    { id: "teknik", weight: 1, min: 0, max: 100 },
    { id: "pesan", weight: 2, min: 0, max: 100 },
  ];
  const scores = (cerita: number, teknik: number, pesan: number) => ({ cerita, teknik, pesan });
  // F1 (80 + 60 + 140) / 4 = 70; F2 (60 + 80 + 140) / 4 = 70; F3 (80 + 80 + 120) / 4 = 70; F4 50.
  const input: RankInput = {
    criteria,
    films: filmsNamed("F1", "F2", "F3", "F4"),
    sheets: [
      { judgeId: "J1", filmId: "F1", scores: scores(80, 60, 70) },
      { judgeId: "J1", filmId: "F2", scores: scores(60, 80, 70) },
      { judgeId: "J1", filmId: "F3", scores: scores(80, 80, 60) },
      { judgeId: "J1", filmId: "F4", scores: scores(50, 50, 50) },
    ],
    method: "mean",
  };

  it("shares the rank without tie-breaks", () => {
    expect(summary(rankFilms(input))).toEqual(["F1:1=", "F2:1=", "F3:1=", "F4:4 Juara Harapan I"]);
  });
  it("applies the first criterion: cerita puts F1 and F3 (80) ahead of F2 (60)", () => {
    const result = rankFilms({ ...input, tieBreak: ["cerita"] });
    // F1 and F3 take positions 1-2 (Juara I and II), F2 the third, F4 the fourth.
    expect(summary(result)).toEqual(["F1:1=", "F3:1=", "F2:3 Juara III", "F4:4 Juara Harapan I"]);
    expect(result.problems).toEqual(["Film F1 dan F3 masih seri di peringkat 1 (nilai 70,00): tambahkan kriteria penentu atau catat keputusan juri."]);
  });
  it("then the second: teknik puts F3 (80) ahead of F1 (60)", () => {
    const result = rankFilms({ ...input, tieBreak: ["cerita", "teknik"] });
    expect(summary(result)).toEqual(["F3:1 Juara I", "F1:2 Juara II", "F2:3 Juara III", "F4:4 Juara Harapan I"]);
    expect(result).toMatchObject({ publishable: true, problems: [] });
  });
  it("averages a criterion over the film's sheets, as a share of its maximum on the 0-100 scale", () => {
    // Every sheet totals 70: F1 J1 (80 + 60 + 140) / 4, F1 J2 (90 + 60 + 130) / 4,
    // F3 J1 and J2 (84 + 76 + 120) / 4. Cerita: F1 (80 + 90) / 2 = 85 beats F3 (84 + 84) / 2 = 84.
    const result = rankFilms({
      ...input,
      films: filmsNamed("F1", "F3"),
      sheets: [
        { judgeId: "J1", filmId: "F1", scores: scores(80, 60, 70) },
        { judgeId: "J2", filmId: "F1", scores: scores(90, 60, 65) },
        { judgeId: "J1", filmId: "F3", scores: scores(84, 76, 60) },
        { judgeId: "J2", filmId: "F3", scores: scores(84, 76, 60) },
      ],
      tieBreak: ["cerita"],
    });
    expect(result.films.map((f) => f.score)).toEqual([70, 70]);
    expect(summary(result)).toEqual(["F1:1 Juara I", "F3:2 Juara II"]);
  });
  it("compares criteria at the same precision as totals", () => {
    // F1: cerita 85.333, teknik 60.005; F3: cerita 85.334, teknik 60; both pesan 70.
    // Totals 71.3345 and 71.3335: both 71,33 at precision 2. Cerita 85,33 for both, so it does
    // not decide although F3 is ahead in the third decimal; teknik 60,01 against 60,00 does.
    const result = rankFilms({
      ...input,
      films: filmsNamed("F1", "F3"),
      sheets: [
        { judgeId: "J1", filmId: "F1", scores: scores(85.333, 60.005, 70) },
        { judgeId: "J1", filmId: "F3", scores: scores(85.334, 60, 70) },
      ],
      tieBreak: ["cerita", "teknik"],
    });
    expect(summary(result)).toEqual(["F1:1 Juara I", "F3:2 Juara II"]);
  });
  it("uses raw scores for tie-breaks under zscore too", () => {
    const result = rankFilms({ ...input, method: "zscore", tieBreak: ["cerita", "teknik"] });
    // One judge: z for F1-F3 is equal, so they keep the top raw mean 70 and the cascade decides.
    expect(summary(result)).toEqual(["F3:1 Juara I", "F1:2 Juara II", "F2:3 Juara III", "F4:4 Juara Harapan I"]);
  });
  it("reports an unknown tie-break criterion and ignores it", () => {
    const result = rankFilms({ ...input, tieBreak: ["durasi", "cerita", "teknik"] });
    expect(result.problems).toEqual(["Kriteria penentu durasi tidak ada dalam daftar kriteria; diabaikan."]);
    expect(result.publishable).toBe(false);
    expect(summary(result)).toEqual(["F3:1 Juara I", "F1:2 Juara II", "F2:3 Juara III", "F4:4 Juara Harapan I"]);
  });
});

describe("recorded jury decisions", () => {
  // F2 and F3 tie at 85 for Juara II.
  const totals = [90, 85, 85, 80];
  const decision = (filmIds: string[], order: string[], reason = "Rapat juri 12 Mei: cerita lebih orisinal.") => ({ filmIds, order, reason });

  it("orders a tied group whose films are all in the decision", () => {
    const result = byTotals(totals, { decisions: [decision(["F2", "F3"], ["F3", "F2"])] });
    expect(summary(result)).toEqual(["F1:1 Juara I", "F3:2 Juara II", "F2:3 Juara III", "F4:4 Juara Harapan I"]);
    expect(result).toMatchObject({ publishable: true, problems: [] });
  });
  it("applies a decision about more films than the tie, in its order restricted to the group", () => {
    const result = byTotals(totals, { decisions: [decision(["F4", "F1", "F2", "F3"], ["F4", "F3", "F1", "F2"])] });
    expect(summary(result)).toEqual(["F1:1 Juara I", "F3:2 Juara II", "F2:3 Juara III", "F4:4 Juara Harapan I"]);
    expect(result.publishable).toBe(true);
  });
  it("comes after the tie-break criteria", () => {
    // Two criteria, total = (a + b) / 2. F1 (90, 80) and F2 (80, 90) tie at 85; tie-break a puts F1
    // first, so the decision for F2 is not needed and is noted as unused.
    const result = rankFilms({
      criteria: [{ id: "a", weight: 1, min: 0, max: 100 }, { id: "b", weight: 1, min: 0, max: 100 }],
      films: filmsNamed("F1", "F2"),
      sheets: [{ judgeId: "J1", filmId: "F1", scores: { a: 90, b: 80 } }, { judgeId: "J1", filmId: "F2", scores: { a: 80, b: 90 } }],
      method: "mean",
      tieBreak: ["a"],
      decisions: [decision(["F1", "F2"], ["F2", "F1"])],
    });
    expect(summary(result)).toEqual(["F1:1 Juara I", "F2:2 Juara II"]);
    expect(result.problems).toEqual(["Keputusan juri untuk film F1 dan F2 tidak dipakai: film-film itu tidak sedang seri."]);
    expect(result.publishable).toBe(true);
  });
  it("does not apply to a group with a film it does not name", () => {
    const result = byTotals([90, 85, 85, 85], { decisions: [decision(["F2", "F3"], ["F3", "F2"])] });
    expect(summary(result)).toEqual(["F1:1 Juara I", "F2:2=", "F3:2=", "F4:2="]);
    expect(result.problems).toEqual([
      "Film F2, F3, dan F4 masih seri di peringkat 2 (nilai 85,00): tambahkan kriteria penentu atau catat keputusan juri.",
      "Keputusan juri untuk film F2 dan F3 tidak dipakai: film-film itu tidak sedang seri.",
    ]);
  });
  it("leaves the tie and blocks publication when decisions covering it disagree", () => {
    const result = byTotals(totals, { decisions: [decision(["F2", "F3"], ["F3", "F2"]), decision(["F2", "F3", "F4"], ["F2", "F3", "F4"])] });
    expect(summary(result)).toEqual(["F1:1 Juara I", "F2:2=", "F3:2=", "F4:4 Juara Harapan I"]);
    expect(result.problems).toEqual([
      "Keputusan juri untuk film F2 dan F3 saling bertentangan: perbaiki keputusan juri.",
      "Film F2 dan F3 masih seri di peringkat 2 (nilai 85,00): tambahkan kriteria penentu atau catat keputusan juri.",
    ]);
    expect(result.publishable).toBe(false);
  });
  it("accepts decisions that agree", () => {
    const result = byTotals(totals, { decisions: [decision(["F2", "F3"], ["F3", "F2"]), decision(["F2", "F3", "F4"], ["F3", "F4", "F2"])] });
    expect(summary(result)).toEqual(["F1:1 Juara I", "F3:2 Juara II", "F2:3 Juara III", "F4:4 Juara Harapan I"]);
    expect(result.publishable).toBe(true);
  });
  it("rejects malformed decisions and says why", () => {
    const result = byTotals(totals, {
      decisions: [
        decision(["F2", "F3"], ["F3"]),
        decision(["F2", "F3"], ["F3", "F2"], "  "),
        decision(["F2", "F9"], ["F9", "F2"]),
        decision(["F2"], ["F2"]),
        decision(["F2", "F2"], ["F2", "F2"]),
      ],
    });
    expect(result.problems).toEqual([
      "Keputusan juri untuk film F2 dan F3 diabaikan: urutan harus memuat setiap film tepat satu kali.",
      "Keputusan juri untuk film F2 dan F3 diabaikan: alasan keputusan belum diisi.",
      "Keputusan juri untuk film F2 dan F9 diabaikan: film F9 tidak dikenal.",
      "Keputusan juri untuk film F2 diabaikan: keputusan harus menyangkut minimal dua film.",
      "Keputusan juri untuk film F2 dan F2 diabaikan: ada film yang tercantum dua kali.",
      "Film F2 dan F3 masih seri di peringkat 2 (nilai 85,00): tambahkan kriteria penentu atau catat keputusan juri.",
    ]);
    expect(summary(result)).toEqual(["F1:1 Juara I", "F2:2=", "F3:2=", "F4:4 Juara Harapan I"]);
  });
});

describe("ties and publication", () => {
  it("blocks on a tie inside the placements, withholds those placements, and says what is needed", () => {
    // F3 and F4 share positions 3-4 (Juara III and Juara Harapan I); F5 is fifth either way.
    const result = byTotals([95, 90, 85, 85, 80, 75]);
    expect(summary(result)).toEqual(["F1:1 Juara I", "F2:2 Juara II", "F3:3=", "F4:3=", "F5:5 Juara Harapan II", "F6:6 Juara Harapan III"]);
    expect(result.publishable).toBe(false);
    expect(result.problems).toEqual(["Film F3 dan F4 masih seri di peringkat 3 (nilai 85,00): tambahkan kriteria penentu atau catat keputusan juri."]);
    expect(find(result, "F3")).toMatchObject({ rank: 3, tied: true });
    expect(find(result, "F3").placement).toBeUndefined();
  });
  it("blocks on a tie across the last placement boundary", () => {
    // Six places; F6 and F7 share positions 6-7.
    const result = byTotals([95, 90, 85, 80, 75, 70, 70, 60]);
    expect(summary(result)).toEqual(["F1:1 Juara I", "F2:2 Juara II", "F3:3 Juara III", "F4:4 Juara Harapan I", "F5:5 Juara Harapan II", "F6:6=", "F7:6=", "F8:8"]);
    expect(result.problems).toEqual(["Film F6 dan F7 masih seri di peringkat 6 (nilai 70,00): tambahkan kriteria penentu atau catat keputusan juri."]);
    expect(result.publishable).toBe(false);
  });
  it("does not block on a tie entirely below the placements", () => {
    const result = byTotals([95, 90, 85, 80, 75, 70, 65, 65, 60]);
    expect(summary(result).slice(5)).toEqual(["F6:6 Juara Harapan III", "F7:7=", "F8:7=", "F9:9"]);
    expect(result).toMatchObject({ publishable: true, problems: [] });
  });
  it("shares ranks in standard competition style: 1224 and 12225", () => {
    const noPlaces = { placements: { juara: 0, harapan: 0 } };
    expect(byTotals([90, 85, 85, 80], noPlaces).films.map((f) => f.rank)).toEqual([1, 2, 2, 4]);
    expect(byTotals([90, 85, 85, 85, 80], noPlaces).films.map((f) => f.rank)).toEqual([1, 2, 2, 2, 5]);
    expect(byTotals([90, 90, 80], noPlaces).films.map((f) => f.rank)).toEqual([1, 1, 3]);
  });
  it("lists three tied films with a serial comma", () => {
    expect(byTotals([85, 85, 85]).problems).toEqual(["Film F1, F2, dan F3 masih seri di peringkat 1 (nilai 85,00): tambahkan kriteria penentu atau catat keputusan juri."]);
  });
});

describe("placement counts", () => {
  const totals = [95, 90, 85, 80, 75, 70, 65];
  const placed = (juara: number, harapan: number) => byTotals(totals, { placements: { juara, harapan } }).films.map((f) => f.placement ?? "-");

  it("defaults to three juara and three harapan", () => {
    expect(byTotals(totals).films.map((f) => f.placement ?? "-")).toEqual(["Juara I", "Juara II", "Juara III", "Juara Harapan I", "Juara Harapan II", "Juara Harapan III", "-"]);
  });
  it("gives juara 3 harapan 0", () => {
    expect(placed(3, 0)).toEqual(["Juara I", "Juara II", "Juara III", "-", "-", "-", "-"]);
  });
  it("gives juara 1 harapan 2", () => {
    expect(placed(1, 2)).toEqual(["Juara I", "Juara Harapan I", "Juara Harapan II", "-", "-", "-", "-"]);
  });
  it("gives nothing for 0 and 0, and then no tie blocks", () => {
    expect(placed(0, 0)).toEqual(["-", "-", "-", "-", "-", "-", "-"]);
    expect(byTotals([80, 80], { placements: { juara: 0, harapan: 0 } })).toMatchObject({ publishable: true, problems: [] });
  });
  it("narrows the zone: with juara 1 harapan 0 a tie for second does not block", () => {
    expect(byTotals([90, 80, 80], { placements: { juara: 1, harapan: 0 } }).publishable).toBe(true);
    expect(byTotals([90, 80, 80], { placements: { juara: 2, harapan: 0 } }).publishable).toBe(false);
  });
  it("gives only as many places as there are films", () => {
    expect(byTotals([80, 70]).films.map((f) => f.placement)).toEqual(["Juara I", "Juara II"]);
  });
  it("refuses counts outside 0-3 and uses 3", () => {
    const result = byTotals(totals, { placements: { juara: 4, harapan: -1 } });
    expect(result.problems).toEqual([
      "Jumlah juara harus bilangan bulat 0–3 (tercatat 4); dipakai 3.",
      "Jumlah juara harapan harus bilangan bulat 0–3 (tercatat -1); dipakai 3.",
    ]);
    expect(result.publishable).toBe(false);
    expect(result.films.filter((f) => f.placement)).toHaveLength(6);
  });
});

describe("categories", () => {
  const input: RankInput = {
    criteria: single,
    films: [
      { id: "D1", category: "Dokumenter" }, { id: "D2", category: "Dokumenter" }, { id: "D3", category: "Dokumenter" },
      { id: "X1", category: "Fiksi" }, { id: "X2", category: "Fiksi" }, { id: "X3", category: "Fiksi" }, { id: "X4", category: "Fiksi" },
    ],
    sheets: [
      sheet("J1", "D1", 70), sheet("J1", "D2", 88), sheet("J1", "D3", 75),
      sheet("J1", "X1", 90), sheet("J1", "X2", 60), sheet("J1", "X3", 80), sheet("J1", "X4", 80),
    ],
    method: "mean",
    placements: { juara: 1, harapan: 1 },
  };

  it("ranks each category separately with its own placements", () => {
    const result = rankFilms(input);
    expect(summary(result)).toEqual([
      "D2:1 Juara I", "D3:2 Juara Harapan I", "D1:3",
      "X1:1 Juara I", "X3:2=", "X4:2=", "X2:4",
    ]);
    expect(result.films.map((f) => f.category)).toEqual(["Dokumenter", "Dokumenter", "Dokumenter", "Fiksi", "Fiksi", "Fiksi", "Fiksi"]);
    expect(result.problems).toEqual(["Film X3 dan X4 (kategori Fiksi) masih seri di peringkat 2 (nilai 80,00): tambahkan kriteria penentu atau catat keputusan juri."]);
  });
  it("puts films without a category first and flagged films last in their category", () => {
    const result = rankFilms({ ...input, films: [...input.films, { id: "U1" }, { id: "D0", category: "Dokumenter" }], sheets: [...input.sheets, sheet("J1", "U1", 50)] });
    expect(result.films.map((f) => f.filmId)).toEqual(["U1", "D2", "D3", "D1", "D0", "X1", "X3", "X4", "X2"]);
    expect(find(result, "U1")).toMatchObject({ rank: 1, placement: "Juara I" });
  });
});

describe("invalid input is reported, not thrown", () => {
  const base: RankInput = {
    criteria: single,
    films: filmsNamed("F1", "F2"),
    sheets: [sheet("J1", "F1", 80), sheet("J2", "F1", 70), sheet("J1", "F2", 60)],
    method: "mean",
  };

  it("leaves out a sheet with a score out of range and blocks publication", () => {
    const result = rankFilms({ ...base, sheets: [...base.sheets.slice(0, 2), sheet("J1", "F2", 120)] });
    expect(result.problems).toEqual([
      "Lembar nilai juri J1 untuk film F2 diabaikan: nilai kriteria nilai (120) di luar rentang 0–100.",
      "Film F2 tidak diperingkat: baru 0 dari minimal 1 lembar nilai.",
    ]);
    expect(result.publishable).toBe(false);
    expect(find(result, "F1").rawMean).toBe(75);
  });
  it("checks the criterion's own minimum and refuses non-numbers", () => {
    const criteria = [{ id: "cerita", weight: 30, min: 50, max: 100 }, { id: "teknik", weight: 20, min: 50, max: 100 }];
    const result = rankFilms({
      ...base,
      criteria,
      sheets: [
        { judgeId: "J1", filmId: "F1", scores: { cerita: 40, teknik: Number.NaN } },
        { judgeId: "J1", filmId: "F2", scores: { cerita: "80" as unknown as number, teknik: 70 } },
      ],
    });
    expect(result.problems.slice(0, 2)).toEqual([
      "Lembar nilai juri J1 untuk film F1 diabaikan: nilai kriteria cerita (40) di luar rentang 50–100; nilai kriteria teknik bukan angka.",
      "Lembar nilai juri J1 untuk film F2 diabaikan: nilai kriteria cerita bukan angka.",
    ]);
  });
  it("leaves out a sheet missing a criterion or scoring an unknown one", () => {
    const criteria = [{ id: "cerita", weight: 1, min: 0, max: 100 }, { id: "teknik", weight: 1, min: 0, max: 100 }];
    const result = rankFilms({
      ...base,
      criteria,
      sheets: [
        { judgeId: "J1", filmId: "F1", scores: { cerita: 80 } as Record<string, number> },
        { judgeId: "J1", filmId: "F2", scores: { cerita: 80, teknik: 70, durasi: 5 } },
        { judgeId: "J2", filmId: "F2", scores: null as unknown as Record<string, number> },
      ],
    });
    expect(result.problems.slice(0, 3)).toEqual([
      "Lembar nilai juri J1 untuk film F1 diabaikan: nilai kriteria teknik tidak ada.",
      "Lembar nilai juri J1 untuk film F2 diabaikan: ada nilai untuk kriteria tak dikenal durasi.",
      "Lembar nilai juri J2 untuk film F2 diabaikan: nilai tidak terbaca.",
    ]);
    expect(result.publishable).toBe(false);
  });
  it("leaves out a sheet for an unknown film", () => {
    const result = rankFilms({ ...base, sheets: [...base.sheets, sheet("J1", "F9", 99)] });
    expect(result.problems).toEqual(["Lembar nilai juri J1 untuk film F9 diabaikan: film tidak dikenal."]);
    expect(result.films.map((f) => f.filmId)).toEqual(["F1", "F2"]);
    expect(result.publishable).toBe(false);
  });
  it("leaves out every copy of a sheet sent twice, since which one counts cannot be known", () => {
    const result = rankFilms({ ...base, sheets: [...base.sheets, sheet("J1", "F1", 90)] });
    expect(result.problems).toEqual(["Juri J1 mengirim lebih dari satu lembar nilai untuk film F1; semua lembar itu diabaikan."]);
    expect(find(result, "F1").judgeTotals).toEqual({ J2: 70 });
  });
  it("reports a film listed twice", () => {
    const result = rankFilms({ ...base, films: filmsNamed("F1", "F2", "F1", "F1") });
    expect(result.problems).toEqual(["Film F1 tercantum lebih dari sekali."]);
    expect(result.films).toHaveLength(2);
  });
  it("ranks nothing when the criteria are unusable", () => {
    const cases: [RankInput["criteria"], string[]][] = [
      [[{ id: "nilai", weight: 0, min: 0, max: 100 }], ["Kriteria nilai: bobot harus lebih dari 0 (tercatat 0)."]],
      [[{ id: "nilai", weight: -5, min: 0, max: 100 }], ["Kriteria nilai: bobot harus lebih dari 0 (tercatat -5)."]],
      [[{ id: "nilai", weight: 1, min: 100, max: 100 }], ["Kriteria nilai: rentang nilai 100–100 tidak valid (harus 0 ≤ min < maks)."]],
      [[{ id: "nilai", weight: 1, min: 0, max: 100 }, { id: "nilai", weight: 2, min: 0, max: 10 }], ["Kriteria nilai tercantum lebih dari sekali."]],
      [[], ["Belum ada kriteria penilaian: nilai tidak dapat dihitung."]],
    ];
    for (const [criteria, problems] of cases) {
      const result = rankFilms({ ...base, criteria });
      expect(result.problems).toEqual(problems);
      expect(result.publishable).toBe(false);
      expect(result.films.map((f) => [f.filmId, f.rank, f.flagged])).toEqual([
        ["F1", null, "Nilai tidak dapat dihitung: pengaturan kriteria atau metode tidak valid."],
        ["F2", null, "Nilai tidak dapat dihitung: pengaturan kriteria atau metode tidak valid."],
      ]);
    }
  });
  it("ranks nothing for an unknown method, and refuses a minSheets below 1", () => {
    const unknownMethod = rankFilms({ ...base, method: "median" as RankInput["method"] });
    expect(unknownMethod.problems).toEqual(['Metode penilaian "median" tidak dikenal (pilih mean atau zscore).']);
    expect(unknownMethod.films.every((f) => f.rank === null)).toBe(true);
    const minSheets = rankFilms({ ...base, minSheets: 0 });
    expect(minSheets.problems).toEqual(["Jumlah lembar nilai minimal harus bilangan bulat 1 atau lebih (tercatat 0); dipakai 1."]);
    expect(minSheets.publishable).toBe(false);
  });
  it("handles an edition with no films or no sheets", () => {
    expect(rankFilms({ ...base, films: [], sheets: [] })).toEqual({ films: [], publishable: true, problems: [], issues: [], ties: [], brokenTies: [], decisions: [], tieBreak: [] });
    expect(rankFilms({ ...base, sheets: [], method: "zscore" }).films.map((f) => f.flagged)).toEqual(["Baru 0 dari minimal 1 lembar nilai.", "Baru 0 dari minimal 1 lembar nilai."]);
  });
});

describe("purity", () => {
  function deepFreeze<T>(value: T): T {
    if (value && typeof value === "object") {
      for (const inner of Object.values(value)) deepFreeze(inner);
      Object.freeze(value);
    }
    return value;
  }
  it("does not touch its input and gives the same answer twice", () => {
    const input = deepFreeze<RankInput>({
      criteria: [{ id: "b", weight: 1, min: 0, max: 100 }, { id: "a", weight: 2, min: 0, max: 100 }],
      films: [{ id: "F2", category: "Fiksi" }, { id: "F1", category: "Fiksi" }],
      sheets: [{ judgeId: "J1", filmId: "F2", scores: { a: 80, b: 70 } }, { judgeId: "J1", filmId: "F1", scores: { a: 80, b: 70 } }],
      method: "zscore",
      tieBreak: ["b"],
      decisions: [{ filmIds: ["F2", "F1"], order: ["F2", "F1"], reason: "Rapat juri." }],
    });
    const first = rankFilms(input);
    expect(rankFilms(input)).toEqual(first);
    expect(summary(first)).toEqual(["F2:1 Juara I", "F1:2 Juara II"]);
  });
});
