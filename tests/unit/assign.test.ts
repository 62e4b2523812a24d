import { describe, expect, it } from "vitest";
import { assignJudges, type AssignInput, type AssignResult } from "@/lib/judging/assign";

// Regency codes of Jawa Tengah: 33.13 Karanganyar, 33.11 Sukoharjo, 33.72 Surakarta, ...
type Film = AssignInput["films"][number];
type Judge = AssignInput["judges"][number];

const film = (id: string, regency: string, category?: string): Film => ({ id, regency, category });
const judge = (id: string, regency: string, extra: Omit<Judge, "id" | "regency"> = {}): Judge => ({ id, regency, ...extra });
const run = (input: Partial<AssignInput> & Pick<AssignInput, "films" | "judges">): AssignResult =>
  assignJudges({ conflicts: [], existing: [], perFilm: 3, ...input });

const judgesOf = (result: AssignResult, filmId: string) => result.assignments.filter((a) => a.filmId === filmId).map((a) => a.judgeId);
const loadOf = (result: AssignResult, judgeId: string) => result.assignments.filter((a) => a.judgeId === judgeId).length;
const has = (result: AssignResult, judgeId: string, filmId: string) => result.assignments.some((a) => a.judgeId === judgeId && a.filmId === filmId);

/** Films F01..Fnn spread round-robin over the given regencies. */
const filmsIn = (count: number, regencies: string[], category?: string) =>
  Array.from({ length: count }, (_, i) => film(`F${String(i + 1).padStart(2, "0")}`, regencies[i % regencies.length], category));

describe("every film gets its judges when the round allows it", () => {
  it("gives each of 6 films 3 different judges from 5 outside judges", () => {
    const result = run({
      films: filmsIn(6, ["33.13", "33.11"]),
      judges: ["33.01", "33.02", "33.03", "33.04", "33.05"].map((r, i) => judge(`J${i + 1}`, r)),
    });
    for (let i = 1; i <= 6; i++) {
      const judges = judgesOf(result, `F0${i}`);
      expect(judges).toHaveLength(3);
      expect(new Set(judges).size).toBe(3);
    }
    expect(result.unfilled).toEqual([]);
  });

  it("finds the only complete assignment where film-by-film greedy strands a film", () => {
    // F1 may take A, B or C; F2 only A or B; F3 only A. Taking the first free judge per film
    // (A for F1, B for F2) leaves F3 with nobody; the flow re-routes F1 to C and F2 to B.
    const input: AssignInput = {
      films: [film("F1", "33.72"), film("F2", "33.72"), film("F3", "33.72")],
      judges: ["A", "B", "C", "D"].map((id) => judge(id, "33.13", { cap: 1 })),
      conflicts: [
        { judgeId: "D", filmId: "F1" },
        ...["C", "D"].map((judgeId) => ({ judgeId, filmId: "F2" })),
        ...["B", "C", "D"].map((judgeId) => ({ judgeId, filmId: "F3" })),
      ],
      existing: [],
      perFilm: 1,
    };
    expect(firstFreeGreedy(input)).toBeLessThan(3);
    for (let seed = 0; seed < 20; seed++) {
      const result = assignJudges({ ...input, seed });
      expect(result.assignments).toEqual([
        { judgeId: "C", filmId: "F1" },
        { judgeId: "B", filmId: "F2" },
        { judgeId: "A", filmId: "F3" },
      ]);
      expect(result.unfilled).toEqual([]);
    }
  });
});

describe("hard rules are never relaxed", () => {
  it("never gives a film to a judge from the film's own regency, even if the film stays short", () => {
    const result = run({
      films: [film("F1", "33.13"), film("F2", "33.11")],
      judges: [judge("A", "33.13"), judge("B", "33.13"), judge("C", "33.11"), judge("D", "33.72")],
      perFilm: 2,
    });
    expect(judgesOf(result, "F1").sort()).toEqual(["C", "D"]);
    expect(judgesOf(result, "F2").sort()).toEqual(["A", "B"]);
    const short = run({ films: [film("F1", "33.13")], judges: [judge("A", "33.13"), judge("D", "33.72")], perFilm: 2 });
    expect(judgesOf(short, "F1")).toEqual(["D"]);
  });

  it("never gives a film to a judge who declared a conflict with it", () => {
    const result = run({
      films: filmsIn(4, ["33.13"]),
      judges: ["A", "B", "C", "D"].map((id) => judge(id, "33.72")),
      conflicts: [
        { judgeId: "A", filmId: "F01" },
        { judgeId: "B", filmId: "F01" },
        { judgeId: "C", filmId: "F03" },
      ],
      perFilm: 2,
    });
    expect(judgesOf(result, "F01").sort()).toEqual(["C", "D"]);
    expect(has(result, "C", "F03")).toBe(false);
    expect(result.unfilled).toEqual([]);
  });

  it("keeps category panels: a judge who lists categories gets only films in them", () => {
    const result = run({
      films: [film("F1", "33.13", "Dokumenter"), film("F2", "33.13", "Fiksi"), film("F3", "33.13")],
      judges: [
        judge("Dok", "33.72", { categories: ["Dokumenter"] }),
        judge("Fik", "33.72", { categories: ["Fiksi"] }),
        judge("Semua", "33.72"),
        judge("Kosong", "33.72", { categories: [] }), // an empty list means every category
      ],
      perFilm: 3,
    });
    expect(judgesOf(result, "F1").sort()).toEqual(["Dok", "Kosong", "Semua"]);
    expect(judgesOf(result, "F2").sort()).toEqual(["Fik", "Kosong", "Semua"]);
    // A film without a category cannot go to a judge who only scores certain categories.
    expect(judgesOf(result, "F3").sort()).toEqual(["Kosong", "Semua"]);
  });

  it("never gives a judge more films than their cap, and nothing with cap 0", () => {
    const result = run({
      films: filmsIn(6, ["33.13"]),
      judges: [judge("A", "33.72", { cap: 2 }), judge("B", "33.72", { cap: 0 }), judge("C", "33.72"), judge("D", "33.72")],
      perFilm: 3,
    });
    expect(loadOf(result, "A")).toBe(2);
    expect(loadOf(result, "B")).toBe(0);
    expect(loadOf(result, "C")).toBe(6);
    expect(loadOf(result, "D")).toBe(6);
    expect(result.unfilled.reduce((sum, u) => sum + u.missing, 0)).toBe(6 * 3 - 14);
  });
});

describe("loads are even", () => {
  it("splits 10 films x 2 judges over 4 interchangeable judges as 5, 5, 5, 5", () => {
    const result = run({ films: filmsIn(10, ["33.13"]), judges: ["A", "B", "C", "D"].map((id) => judge(id, "33.72")), perFilm: 2 });
    expect(["A", "B", "C", "D"].map((id) => loadOf(result, id))).toEqual([5, 5, 5, 5]);
  });

  it("keeps loads within one when 7 films x 3 judges go to 5 judges", () => {
    const result = run({ films: filmsIn(7, ["33.13"]), judges: ["A", "B", "C", "D", "E"].map((id) => judge(id, "33.72")) });
    expect(["A", "B", "C", "D", "E"].map((id) => loadOf(result, id)).sort()).toEqual([4, 4, 4, 4, 5]);
  });

  it("leaves no film that could move to a judge with two fewer films (mixed regencies and a cap)", () => {
    const regencies = ["33.13", "33.11", "33.72", "33.01"];
    const input: AssignInput = {
      films: filmsIn(23, regencies),
      judges: Array.from({ length: 9 }, (_, i) => judge(`J${i}`, regencies[i % 4], { cap: i === 0 ? 3 : undefined })),
      conflicts: [{ judgeId: "J1", filmId: "F02" }, { judgeId: "J2", filmId: "F05" }],
      existing: [],
      perFilm: 3,
    };
    const result = assignJudges(input);
    expect(result.unfilled).toEqual([]);
    expect(improvingMoves(input, result)).toEqual([]);
  });

  it("sends new films to the judges with fewer kept films", () => {
    const films = filmsIn(6, ["33.13"]);
    const result = run({
      films,
      judges: ["A", "B", "C"].map((id) => judge(id, "33.72")),
      existing: ["F01", "F02", "F03"].map((filmId) => ({ judgeId: "A", filmId })),
      perFilm: 1,
    });
    expect(judgesOf(result, "F01")).toEqual(["A"]);
    expect(loadOf(result, "A")).toBe(3); // A already has three films, so the new ones go elsewhere
    expect(loadOf(result, "B") + loadOf(result, "C")).toBe(3);
    expect(Math.abs(loadOf(result, "B") - loadOf(result, "C"))).toBeLessThanOrEqual(1);
  });
});

describe("the same round always gives the same assignment", () => {
  const input: AssignInput = {
    films: filmsIn(12, ["33.13", "33.11", "33.72"]),
    judges: ["A", "B", "C", "D", "E", "F"].map((id, i) => judge(id, ["33.13", "33.11", "33.72", "33.01"][i % 4])),
    conflicts: [{ judgeId: "D", filmId: "F04" }],
    existing: [],
    perFilm: 2,
  };

  it("returns identical output for the same input, sorted by film then judge", () => {
    const first = assignJudges(input);
    expect(assignJudges(structuredClone(input))).toEqual(first);
    const order = first.assignments.map((a) => `${a.filmId} ${a.judgeId}`);
    expect(order).toEqual([...order].sort());
  });

  it("does not depend on the order films and judges are listed in", () => {
    const reversed = { ...input, films: [...input.films].reverse(), judges: [...input.judges].reverse() };
    expect(assignJudges(reversed)).toEqual(assignJudges(input));
  });

  it("lets a different seed break ties differently, still within every rule", () => {
    const outcomes = new Set<string>();
    for (let seed = 0; seed < 10; seed++) {
      const result = assignJudges({ ...input, seed });
      expect(assignJudges({ ...input, seed })).toEqual(result);
      expect(result.unfilled).toEqual([]);
      expect(improvingMoves(input, result)).toEqual([]);
      outcomes.add(JSON.stringify(result.assignments));
    }
    expect(outcomes.size).toBeGreaterThan(1);
  });
});

describe("existing assignments", () => {
  const films = filmsIn(3, ["33.13"]);
  const judges = ["A", "B", "C", "D"].map((id) => judge(id, "33.72"));
  const existing = [
    { judgeId: "A", filmId: "F01" },
    { judgeId: "B", filmId: "F01" },
    { judgeId: "C", filmId: "F02" },
  ];

  it("keeps every existing pair that is still allowed and fills the rest", () => {
    const result = run({ films, judges, existing, perFilm: 2 });
    for (const pair of existing) expect(has(result, pair.judgeId, pair.filmId)).toBe(true);
    expect(judgesOf(result, "F01").sort()).toEqual(["A", "B"]);
    expect(judgesOf(result, "F02")).toHaveLength(2);
    expect(judgesOf(result, "F03")).toHaveLength(2);
  });

  it("drops a pair after the judge declares a conflict and refills the film with someone else", () => {
    const result = run({ films, judges, existing, conflicts: [{ judgeId: "B", filmId: "F01" }], perFilm: 2 });
    expect(has(result, "B", "F01")).toBe(false);
    expect(has(result, "A", "F01")).toBe(true);
    expect(judgesOf(result, "F01")).toHaveLength(2);
    expect(result.unfilled).toEqual([]);
  });

  it("drops a pair when the judge's regency is now the film's, and pairs naming unknown films or judges", () => {
    const result = run({
      films,
      judges: [judge("A", "33.13"), ...judges.slice(1)],
      existing: [...existing, { judgeId: "X", filmId: "F01" }, { judgeId: "B", filmId: "F99" }],
      perFilm: 2,
    });
    expect(has(result, "A", "F01")).toBe(false);
    expect(result.assignments.some((a) => a.judgeId === "X" || a.filmId === "F99")).toBe(false);
    expect(judgesOf(result, "F01")).toHaveLength(2);
  });

  it("counts kept pairs toward the cap; over a lowered cap the judge keeps the first films by id", () => {
    const result = run({
      films: filmsIn(4, ["33.13"]),
      judges: [judge("A", "33.72", { cap: 2 }), judge("B", "33.72")],
      existing: ["F04", "F02", "F03", "F01"].map((filmId) => ({ judgeId: "A", filmId })),
      perFilm: 1,
    });
    expect(judgesOf(result, "F01")).toEqual(["A"]);
    expect(judgesOf(result, "F02")).toEqual(["A"]);
    expect(judgesOf(result, "F03")).toEqual(["B"]);
    expect(judgesOf(result, "F04")).toEqual(["B"]);
  });

  it("counts a duplicated existing pair once", () => {
    const result = run({ films, judges: [judge("A", "33.72", { cap: 2 }), judge("B", "33.72")], existing: [existing[0], existing[0], existing[0]], perFilm: 1 });
    expect(result.assignments.filter((a) => a.judgeId === "A" && a.filmId === "F01")).toHaveLength(1);
    expect(result.assignments).toHaveLength(3);
    expect(loadOf(result, "A")).toBeLessThanOrEqual(2);
  });

  it("keeps existing judges beyond perFilm rather than pulling judges off a film", () => {
    const result = run({ films, judges, existing, perFilm: 1 });
    expect(judgesOf(result, "F01").sort()).toEqual(["A", "B"]);
    expect(judgesOf(result, "F03")).toHaveLength(1);
  });
});

describe("films short of judges are reported with the reason", () => {
  it("says no judge qualifies when every judge comes from the film's regency", () => {
    const result = run({ films: [film("F1", "33.13")], judges: [judge("A", "33.13"), judge("B", "33.13")] });
    expect(result.assignments).toEqual([]);
    expect(result.unfilled).toEqual([
      { filmId: "F1", missing: 3, reason: "tidak ada juri yang memenuhi syarat, padahal dibutuhkan 3: 2 juri berasal dari wilayah yang sama dengan film (33.13)" },
    ]);
  });

  it("counts the qualifying judges and names the main cause first", () => {
    const result = run({
      films: [film("F1", "33.13", "Dokumenter"), film("F2", "33.11")],
      judges: [
        judge("A", "33.13"),
        judge("B", "33.72"),
        judge("C", "33.72", { categories: ["Fiksi"] }),
        judge("D", "33.01"),
        judge("E", "33.02"),
      ],
      conflicts: [{ judgeId: "D", filmId: "F1" }, { judgeId: "E", filmId: "F1" }],
    });
    expect(result.unfilled).toEqual([
      {
        filmId: "F1",
        missing: 2,
        reason:
          "hanya 1 juri yang memenuhi syarat, padahal dibutuhkan 3: 2 juri menyatakan konflik kepentingan; 1 juri berasal dari wilayah yang sama dengan film (33.13); 1 juri tidak menilai kategori Dokumenter",
      },
    ]);
    expect(judgesOf(result, "F2")).toHaveLength(3); // F2 is not short, so it is not listed
  });

  it("says the qualifying judges have reached their limit when caps run out", () => {
    const result = run({
      films: filmsIn(2, ["33.13"]),
      judges: ["A", "B", "C"].map((id) => judge(id, "33.72", { cap: 1 })),
      perFilm: 2,
    });
    expect(result.assignments).toHaveLength(3);
    expect(result.unfilled.reduce((sum, u) => sum + u.missing, 0)).toBe(1);
    const [short] = result.unfilled;
    expect(short.reason).toBe(`3 juri memenuhi syarat, tetapi ${3 - judgesOf(result, short.filmId).length} di antaranya sudah mencapai batas beban penilaian`);
  });

  it("mentions both causes when few judges qualify and some of them are full", () => {
    const result = run({ films: [film("F1", "33.13")], judges: [judge("A", "33.13"), judge("B", "33.72", { cap: 0 }), judge("C", "33.72")] });
    expect(result.unfilled).toEqual([
      {
        filmId: "F1",
        missing: 2,
        reason: "hanya 2 juri yang memenuhi syarat, padahal dibutuhkan 3: 1 juri berasal dari wilayah yang sama dengan film (33.13); 1 juri yang memenuhi syarat sudah mencapai batas beban penilaian",
      },
    ]);
  });

  it("says the round simply has too few judges when nobody is excluded", () => {
    const result = run({ films: [film("F1", "33.13")], judges: [judge("A", "33.72"), judge("B", "33.11")] });
    expect(result.unfilled).toEqual([
      { filmId: "F1", missing: 1, reason: "hanya 2 juri yang memenuhi syarat, padahal dibutuhkan 3: hanya 2 juri yang terdaftar" },
    ]);
  });

  it("explains a film without a category that only panel judges could score", () => {
    const result = run({ films: [film("F1", "33.13")], judges: [judge("A", "33.72", { categories: ["Fiksi"] })], perFilm: 1 });
    expect(result.unfilled[0].reason).toContain("sedangkan film ini belum berkategori");
  });

  it("says so when the round has no judges yet", () => {
    expect(run({ films: filmsIn(2, ["33.13"]), judges: [] }).unfilled).toEqual([
      { filmId: "F01", missing: 3, reason: "belum ada juri yang terdaftar" },
      { filmId: "F02", missing: 3, reason: "belum ada juri yang terdaftar" },
    ]);
  });
});

describe('mode "all"', () => {
  it("gives every film to every judge from another regency", () => {
    const result = run({
      mode: "all",
      films: [film("F1", "33.13"), film("F2", "33.11")],
      judges: [judge("A", "33.13"), judge("B", "33.11"), judge("C", "33.72")],
      conflicts: [{ judgeId: "C", filmId: "F2" }],
    });
    expect(result.assignments).toEqual([
      { judgeId: "B", filmId: "F1" },
      { judgeId: "C", filmId: "F1" },
      { judgeId: "A", filmId: "F2" },
    ]);
    expect(result.unfilled).toEqual([]);
  });

  it("spends a capped judge where no one else can score, so every film gets someone", () => {
    // Only A may score F2 (B is from its regency); A's single slot must go to F2, not F1.
    const result = run({
      mode: "all",
      films: [film("F1", "33.13"), film("F2", "33.11")],
      judges: [judge("A", "33.72", { cap: 1 }), judge("B", "33.11")],
    });
    expect(result.assignments).toEqual([
      { judgeId: "B", filmId: "F1" },
      { judgeId: "A", filmId: "F2" },
    ]);
  });

  it("reports only films that got no judge at all, with missing 1", () => {
    const result = run({
      mode: "all",
      films: [film("F1", "33.72"), film("F2", "33.72"), film("F3", "33.13"), film("F4", "33.11")],
      judges: [judge("A", "33.72"), judge("B", "33.11", { cap: 1 })],
    });
    // A takes F3 and F4; only B may score F1 and F2, and B has room for one of them.
    expect(result.assignments).toHaveLength(3);
    expect(judgesOf(result, "F3")).toEqual(["A"]);
    expect(judgesOf(result, "F4")).toEqual(["A"]);
    expect(result.unfilled).toEqual([
      {
        filmId: has(result, "B", "F1") ? "F2" : "F1",
        missing: 1,
        reason: "1 juri memenuhi syarat, tetapi 1 di antaranya sudah mencapai batas beban penilaian",
      },
    ]);
    const alone = run({ mode: "all", films: [film("F1", "33.13")], judges: [judge("A", "33.13")] });
    expect(alone.unfilled).toEqual([{ filmId: "F1", missing: 1, reason: "tidak ada juri yang memenuhi syarat: 1 juri berasal dari wilayah yang sama dengan film (33.13)" }]);
  });
});

describe("edge cases", () => {
  it("returns nothing for an empty round", () => {
    expect(run({ films: [], judges: [] })).toEqual({ assignments: [], unfilled: [] });
    expect(run({ films: [], judges: [judge("A", "33.13")] })).toEqual({ assignments: [], unfilled: [] });
  });

  it("adds no judges with perFilm 0 but keeps existing pairs", () => {
    const result = run({ films: filmsIn(2, ["33.13"]), judges: [judge("A", "33.72")], existing: [{ judgeId: "A", filmId: "F02" }], perFilm: 0 });
    expect(result).toEqual({ assignments: [{ judgeId: "A", filmId: "F02" }], unfilled: [] });
  });

  it("refuses malformed input instead of guessing", () => {
    expect(() => run({ films: [film("F1", "33.13"), film("F1", "33.11")], judges: [] })).toThrow(/duplicate film/);
    expect(() => run({ films: [], judges: [judge("A", "33.13"), judge("A", "33.11")] })).toThrow(/duplicate judge/);
    expect(() => run({ films: [], judges: [], perFilm: -1 })).toThrow(RangeError);
    expect(() => run({ films: [], judges: [], perFilm: 1.5 })).toThrow(RangeError);
    expect(() => run({ films: [], judges: [judge("A", "33.13", { cap: 2.5 })] })).toThrow(RangeError);
  });
});

/** Film by film in id order, each taking the first judges (by id) who are eligible and free. */
function firstFreeGreedy(input: AssignInput): number {
  const load = new Map<string, number>();
  let made = 0;
  for (const f of input.films) {
    const chosen = input.judges
      .filter((j) => eligible(input, j.id, f.id) && (load.get(j.id) ?? 0) < (j.cap ?? Infinity))
      .slice(0, input.perFilm);
    for (const j of chosen) load.set(j.id, (load.get(j.id) ?? 0) + 1);
    made += chosen.length;
  }
  return made;
}

function eligible(input: AssignInput, judgeId: string, filmId: string): boolean {
  const f = input.films.find((x) => x.id === filmId)!;
  const j = input.judges.find((x) => x.id === judgeId)!;
  const panel = j.categories?.length ? j.categories : null;
  return (
    f.regency !== j.regency &&
    !input.conflicts.some((c) => c.judgeId === judgeId && c.filmId === filmId) &&
    (!panel || (f.category !== undefined && panel.includes(f.category)))
  );
}

/** Films that could move from a judge with load L to an eligible, free judge with load <= L-2. */
function improvingMoves(input: AssignInput, result: AssignResult): string[] {
  const moves: string[] = [];
  for (const { judgeId, filmId } of result.assignments) {
    for (const other of input.judges) {
      if (
        loadOf(result, other.id) <= loadOf(result, judgeId) - 2 &&
        loadOf(result, other.id) < (other.cap ?? Infinity) &&
        !has(result, other.id, filmId) &&
        eligible(input, other.id, filmId)
      ) {
        moves.push(`${filmId}: ${judgeId} -> ${other.id}`);
      }
    }
  }
  return moves;
}
