import { describe, expect, it } from "vitest";
import { judgeSeverity } from "@/lib/results/judge-severity";

describe("judgeSeverity", () => {
  it("gives each judge's mean, spread and offset from the panel on shared films", () => {
    const result = judgeSeverity([
      { judgeTotals: { keras: 60, longgar: 80 } },
      { judgeTotals: { keras: 70, longgar: 90 } },
      { judgeTotals: { longgar: 100 } },
    ]);
    expect(result).toEqual([
      { judgeId: "keras", sheets: 2, mean: 65, spread: 5, offset: -10 },
      { judgeId: "longgar", sheets: 3, mean: 90, spread: expect.closeTo(8.165, 3), offset: 10 },
    ]);
  });
  it("is empty without sheets", () => {
    expect(judgeSeverity([])).toEqual([]);
  });
});
