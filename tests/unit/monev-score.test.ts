import { describe, expect, it } from "vitest";
import { finalDecision, isOverride, monevTotal, proposeDecision, resultsByDistrict, scoreProblems, type MonevCriterionFacts } from "@/lib/monev/monev-score";

const c = (id: string, maxScore: number, weight = 1): MonevCriterionFacts => ({ id, maxScore, weight });

/** The slow reference: the definition written out once more, without rounding shortcuts. */
function reference(criteria: MonevCriterionFacts[], scores: Record<string, number>): number {
  const weights = criteria.reduce((a, x) => a + x.weight, 0);
  return Number(((100 * criteria.reduce((a, x) => a + (x.weight * scores[x.id]) / x.maxScore, 0)) / weights).toFixed(2));
}

describe("monevTotal: the weighted share of the maximum", () => {
  it("is 100 at every maximum and 0 at every zero", () => {
    const criteria = [c("a", 100, 3), c("b", 10, 1), c("c", 5, 2)];
    expect(monevTotal(criteria, { a: 100, b: 10, c: 5 })).toBe(100);
    expect(monevTotal(criteria, { a: 0, b: 0, c: 0 })).toBe(0);
  });

  it("weighs each criterion by its weight whatever its range", () => {
    expect(monevTotal([c("a", 100), c("b", 5)], { a: 100, b: 0 })).toBe(50);
    expect(monevTotal([c("a", 100, 3), c("b", 5, 1)], { a: 100, b: 0 })).toBe(75);
    expect(monevTotal([c("a", 100, 1), c("b", 5, 3)], { a: 0, b: 5 })).toBe(75);
  });

  it("rounds to two decimals, half up", () => {
    expect(monevTotal([c("a", 3)], { a: 1 })).toBe(33.33);
    expect(monevTotal([c("a", 3)], { a: 2 })).toBe(66.67);
    expect(monevTotal([c("a", 8)], { a: 1 })).toBe(12.5);
    expect(monevTotal([c("a", 200)], { a: 1 })).toBe(0.5);
    expect(monevTotal([c("a", 400)], { a: 1 })).toBe(0.25);
  });

  it("has no total while a criterion is unscored or out of range, or without criteria", () => {
    const criteria = [c("a", 10), c("b", 10)];
    expect(monevTotal(criteria, { a: 5 })).toBeNull();
    expect(monevTotal(criteria, { a: 5, b: null })).toBeNull();
    expect(monevTotal(criteria, { a: 5, b: 11 })).toBeNull();
    expect(monevTotal(criteria, { a: -1, b: 5 })).toBeNull();
    expect(monevTotal(criteria, { a: Number.NaN, b: 5 })).toBeNull();
    expect(monevTotal([], {})).toBeNull();
  });

  it("ignores scores for criteria it was not given", () => {
    expect(monevTotal([c("a", 10)], { a: 5, gone: 0 })).toBe(50);
  });

  it("matches the reference over every score of small rubrics", () => {
    const rubrics = [
      [c("a", 4, 1), c("b", 3, 2)],
      [c("a", 5, 0.5), c("b", 2, 1.5), c("c", 3, 3)],
      [c("a", 1, 7)],
    ];
    for (const criteria of rubrics) {
      const grid = (i: number): Record<string, number>[] =>
        i === criteria.length ? [{}] : Array.from({ length: criteria[i].maxScore + 1 }, (_, s) => grid(i + 1).map((rest) => ({ [criteria[i].id]: s, ...rest }))).flat();
      for (const scores of grid(0)) {
        const total = monevTotal(criteria, scores)!;
        expect(Math.abs(total - reference(criteria, scores))).toBeLessThanOrEqual(0.01);
        expect(total).toBeGreaterThanOrEqual(0);
        expect(total).toBeLessThanOrEqual(100);
      }
    }
  });

  it("never falls when one score rises (monotone)", () => {
    const criteria = [c("a", 10, 2), c("b", 5, 1), c("c", 3, 1)];
    for (let a = 0; a <= 10; a++)
      for (let b = 0; b < 5; b++)
        for (let x = 0; x <= 3; x++) expect(monevTotal(criteria, { a, b: b + 1, c: x })!).toBeGreaterThanOrEqual(monevTotal(criteria, { a, b, c: x })!);
  });
});

describe("proposeDecision and the organiser's decision", () => {
  it("proposes aktif at or above the threshold, tidak aktif below, nothing without a total", () => {
    expect(proposeDecision(60, 60)).toBe("aktif");
    expect(proposeDecision(59.99, 60)).toBe("tidak_aktif");
    expect(proposeDecision(100, 100)).toBe("aktif");
    expect(proposeDecision(0, 0)).toBe("aktif");
    expect(proposeDecision(null, 60)).toBeNull();
  });

  it("lets the organiser's decision win over the proposal", () => {
    expect(finalDecision({ total: 40, decision: null }, 60)).toBe("tidak_aktif");
    expect(finalDecision({ total: 40, decision: "aktif" }, 60)).toBe("aktif");
    expect(finalDecision({ total: 80, decision: "tidak_aktif" }, 60)).toBe("tidak_aktif");
    expect(finalDecision({ total: null, decision: null }, 60)).toBeNull();
  });

  it("calls a decision an override only when it differs from the proposal", () => {
    expect(isOverride(40, 60, "aktif")).toBe(true);
    expect(isOverride(40, 60, "tidak_aktif")).toBe(false);
    expect(isOverride(80, 60, null)).toBe(false);
    expect(isOverride(null, 60, "aktif")).toBe(true);
  });
});

describe("scoreProblems", () => {
  const criteria = [c("a", 10), c("b", 5)];
  it("accepts 0..max with up to two decimals and leaves blanks alone", () => {
    expect(scoreProblems(criteria, { a: 0, b: 5 })).toEqual({});
    expect(scoreProblems(criteria, { a: 7.25, b: 0.1 })).toEqual({});
    expect(scoreProblems(criteria, { a: undefined })).toEqual({});
  });
  it("names the criterion and its range", () => {
    expect(scoreProblems(criteria, { a: 11, b: -1 })).toEqual({ a: ["Nilai harus antara 0 dan 10."], b: ["Nilai harus antara 0 dan 5."] });
    expect(scoreProblems(criteria, { a: 1.234 })).toEqual({ a: ["Nilai paling banyak dua angka di belakang koma."] });
  });
});

describe("resultsByDistrict", () => {
  it("counts KIMs, scored sheets, the average and the decisions per kecamatan, in first-seen order", () => {
    const rows = [
      { districtCode: "x", districtName: "X", total: 80, decision: "aktif" as const },
      { districtCode: "y", districtName: "Y", total: null, decision: null },
      { districtCode: "x", districtName: "X", total: 41, decision: "tidak_aktif" as const },
      { districtCode: "x", districtName: "X", total: null, decision: null },
    ];
    expect(resultsByDistrict(rows)).toEqual([
      { districtCode: "x", districtName: "X", kims: 3, scored: 2, average: 60.5, aktif: 1, tidakAktif: 1 },
      { districtCode: "y", districtName: "Y", kims: 1, scored: 0, average: null, aktif: 0, tidakAktif: 0 },
    ]);
    expect(resultsByDistrict([])).toEqual([]);
  });
});
