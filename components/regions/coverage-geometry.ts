// The coverage charts' geometry as plain numbers (tests/unit/coverage-geometry.test.ts), so the
// SVG component only draws. Everything is in viewBox units: the SVG is 360 wide and scales to
// its box, so a 360 px phone sees it at about 1:1 and nothing is laid out in pixels.

export const chartWidth = 360;
const side = 4; // room for the bars' outline at both ends

export type BarInput = { code: string; name: string; villages: number; villagesWithActiveKim: number };
export type BarGeometry = BarInput & { labelY: number; barY: number; targetWidth: number; coveredWidth: number };

export const barRow = { height: 36, label: 14, barTop: 20, bar: 12 };

/**
 * One row per place: the name and "covered/villages" on a line, and under it a grey bar as long
 * as its villages (the target, on one scale for all rows, so a big kecamatan has a longer bar) with
 * the covered villages filled in over it. A place with some coverage gets at least 2 units of fill (never more than its target).
 */
export function barLayout(rows: BarInput[], width = chartWidth): { height: number; x: number; rows: BarGeometry[] } {
  const area = width - 2 * side;
  const most = Math.max(1, ...rows.map((r) => r.villages));
  const scale = (n: number) => Math.round(((area * n) / most) * 10) / 10;
  return {
    height: Math.max(1, rows.length) * barRow.height,
    x: side,
    rows: rows.map((r, i) => {
      const top = i * barRow.height;
      const covered = Math.min(r.villagesWithActiveKim, r.villages);
      const targetWidth = scale(r.villages);
      return { ...r, labelY: top + barRow.label, barY: top + barRow.barTop, targetWidth, coveredWidth: covered > 0 ? Math.min(targetWidth, Math.max(2, scale(covered))) : 0 };
    }),
  };
}

/** The smallest of 1, 2, 5 × 10^n (or 4 for a tiny chart) at or above `value`, so the axis ends on a round number. */
export function niceMax(value: number): number {
  if (value <= 4) return 4;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

export type TrendInput = { year: number; kimActive: number; kimInactive: number; villagesWithActiveKim: number };
export type SeriesKey = "kimActive" | "kimInactive" | "villagesWithActiveKim";
export const seriesKeys: SeriesKey[] = ["kimActive", "villagesWithActiveKim", "kimInactive"];

// left: room for a five-digit tick label (a province or the nation counts thousands) at 12 units.
// right: room for half a year label ("2026" at 12 units is ~30 wide) centred on the last point.
export const trendBox = { width: chartWidth, height: 190, left: 44, right: 24, top: 12, bottom: 28 };

export type TrendGeometry = {
  top: number;
  bottom: number;
  left: number;
  right: number;
  max: number;
  ticks: { value: number; y: number }[];
  years: { year: number; x: number; label: boolean }[];
  series: { key: SeriesKey; points: { x: number; y: number; value: number }[]; path: string }[];
};

/**
 * A line per series over the years, on one axis from 0 to a round maximum (ticks at 0, the middle when whole, the top). Years
 * are spread evenly (one year alone sits in the middle); with more than eight, every other year
 * is labelled (the last always) so the labels never overlap at 360 wide.
 */
export function trendLayout(points: TrendInput[]): TrendGeometry {
  const { width, height, left, right, top, bottom } = trendBox;
  const plotRight = width - right;
  const plotBottom = height - bottom;
  const max = niceMax(Math.max(0, ...points.flatMap((p) => seriesKeys.map((k) => p[k]))));
  const y = (v: number) => Math.round((plotBottom - ((plotBottom - top) * v) / max) * 10) / 10;
  const x = (i: number) => (points.length === 1 ? (left + plotRight) / 2 : Math.round((left + ((plotRight - left) * i) / (points.length - 1)) * 10) / 10);
  const every = points.length > 8 ? 2 : 1;
  return {
    top,
    bottom: plotBottom,
    left,
    right: plotRight,
    max,
    ticks: [0, max / 2, max].filter(Number.isInteger).map((value) => ({ value, y: y(value) })),
    years: points.map((p, i) => ({ year: p.year, x: x(i), label: i === points.length - 1 || (points.length - 1 - i) % every === 0 })),
    series: seriesKeys.map((key) => {
      const at = points.map((p, i) => ({ x: x(i), y: y(p[key]), value: p[key] }));
      return { key, points: at, path: at.map((p, i) => `${i === 0 ? "M" : "L"}${p.x} ${p.y}`).join(" ") };
    }),
  };
}
