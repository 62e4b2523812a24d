import { describe, expect, it } from "vitest";
import { barLayout, barRow, chartWidth, niceMax, trendBox, trendLayout } from "@/components/regions/coverage-geometry";
import { coveragePercent, totalsOf } from "@/lib/kim/coverage";

const row = (code: string, villages: number, villagesWithActiveKim: number) => ({ code, name: `Kecamatan ${code}`, villages, villagesWithActiveKim });

describe("coverage bars", () => {
  it("draws every place on one scale: the largest place's target fills the width, the covered part in proportion", () => {
    const layout = barLayout([row("a", 20, 5), row("b", 10, 10), row("c", 8, 0)]);
    const area = chartWidth - 2 * layout.x;
    expect(layout.height).toBe(3 * barRow.height);
    expect(layout.rows.map((r) => r.targetWidth)).toEqual([area, area / 2, (area * 8) / 20]);
    expect(layout.rows.map((r) => r.coveredWidth)).toEqual([area / 4, area / 2, 0]);
    expect(layout.rows.map((r) => r.barY)).toEqual([barRow.barTop, barRow.height + barRow.barTop, 2 * barRow.height + barRow.barTop]);
  });

  it("never draws past the target or the chart, and shows a little coverage as at least 2 units", () => {
    const layout = barLayout([row("a", 1000, 1), row("b", 3, 7)]);
    expect(layout.rows[0].coveredWidth).toBe(2);
    expect(layout.rows[1].coveredWidth).toBe(layout.rows[1].targetWidth);
    for (const r of layout.rows) expect(layout.x + r.targetWidth).toBeLessThanOrEqual(chartWidth);
  });

  it("has a height and no division by zero with no places or no villages", () => {
    expect(barLayout([]).height).toBeGreaterThan(0);
    expect(barLayout([row("a", 0, 0)]).rows[0]).toMatchObject({ targetWidth: 0, coveredWidth: 0 });
  });
});

describe("trend chart", () => {
  it("ends the axis on a round number", () => {
    expect([0, 3, 4, 5, 9, 10, 11, 24, 33, 177, 8563].map(niceMax)).toEqual([4, 4, 4, 5, 10, 10, 20, 50, 50, 200, 10000]);
  });

  it("spreads the years over the plot, first at the left and last at the right, each series a path through its points", () => {
    const g = trendLayout([
      { year: 2024, kimActive: 20, kimInactive: 5, villagesWithActiveKim: 15 },
      { year: 2025, kimActive: 24, kimInactive: 9, villagesWithActiveKim: 19 },
      { year: 2026, kimActive: 24, kimInactive: 9, villagesWithActiveKim: 20 },
    ]);
    expect(g.max).toBe(50);
    expect(g.years.map((y) => y.x)).toEqual([trendBox.left, (trendBox.left + g.right) / 2, g.right]);
    expect(g.years.every((y) => y.label)).toBe(true);
    const active = g.series.find((s) => s.key === "kimActive")!;
    expect(active.points.map((p) => p.value)).toEqual([20, 24, 24]);
    expect(active.path).toMatch(/^M\S+ \S+ L\S+ \S+ L\S+ \S+$/);
    // Higher values are higher on the chart; 0 sits on the bottom line and the maximum on the top one.
    expect(active.points[1].y).toBeLessThan(active.points[0].y);
    expect(g.ticks).toEqual([
      { value: 0, y: g.bottom },
      { value: 25, y: (g.top + g.bottom) / 2 },
      { value: 50, y: g.top },
    ]);
  });

  it("puts one year in the middle, and labels every other year (and the last) when there are many", () => {
    expect(trendLayout([{ year: 2026, kimActive: 1, kimInactive: 0, villagesWithActiveKim: 1 }]).years[0].x).toBe((trendBox.left + trendBox.width - trendBox.right) / 2);
    const many = trendLayout(Array.from({ length: 11 }, (_, i) => ({ year: 2016 + i, kimActive: i, kimInactive: 0, villagesWithActiveKim: i })));
    expect(many.years.filter((y) => y.label).map((y) => y.year)).toEqual([2016, 2018, 2020, 2022, 2024, 2026]);
    expect(many.ticks.map((t) => t.value)).toEqual([0, 5, 10]);
  });
});

describe("coverage numbers", () => {
  it("sums the children and rounds the percentage down", () => {
    const totals = totalsOf([
      { villages: 11, villagesWithActiveKim: 2, kimActive: 2, kimInactive: 1 },
      { villages: 166, villagesWithActiveKim: 18, kimActive: 22, kimInactive: 8 },
    ]);
    expect(totals).toEqual({ villages: 177, villagesWithActiveKim: 20, kimActive: 24, kimInactive: 9 });
    expect(coveragePercent(totals)).toBe(11);
    expect(coveragePercent({ villages: 1000, villagesWithActiveKim: 999 })).toBe(99);
    expect(coveragePercent({ villages: 0, villagesWithActiveKim: 0 })).toBe(0);
  });
});
