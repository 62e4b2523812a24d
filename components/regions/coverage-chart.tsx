import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { barLayout, barRow, chartWidth, trendBox, trendLayout, type SeriesKey } from "@/components/regions/coverage-geometry";
import { coveragePercent, type RegionCoverage } from "@/lib/kim/coverage";

// Server-rendered SVG, no client code: the region page is a lean page (docs/decisions/0029).
// Each chart is one role="img" with a title and a description that say what it shows; the
// exact numbers are in the table under it (docs/decisions/0033).

const colours = { target: "#e5e7eb", targetEdge: "#6b7280", covered: "#0f5f5c", ink: "#1c2430", muted: "#4b5563", grid: "#d9dee5" };
const series: Record<SeriesKey, { stroke: string; dash?: string }> = {
  kimActive: { stroke: "#0f5f5c" },
  villagesWithActiveKim: { stroke: "#b4530f", dash: "6 3" },
  kimInactive: { stroke: "#a3261b", dash: "2 3" },
};

type Props = { coverage: RegionCoverage; linkFor?: (code: string) => string; idPrefix?: string };

export async function CoverageChart({ coverage, linkFor = (code) => `/wilayah/${code}`, idPrefix = "cakupan" }: Props) {
  const t = await getTranslations("coverage");
  const { totals, districts, region } = coverage;
  const perRegency = region.level === "provinsi";
  const place = perRegency ? t("regency") : t("district");
  const percent = coveragePercent(totals);
  return (
    <section aria-labelledby={`${idPrefix}-h`} className="space-y-4" data-testid="kim-coverage">
      <h2 id={`${idPrefix}-h`} className="text-xl font-semibold">
        {t("heading")}
      </h2>
      <p
        className="text-lg"
        data-testid="coverage-summary"
        data-villages={totals.villages}
        data-covered={totals.villagesWithActiveKim}
        data-active={totals.kimActive}
        data-inactive={totals.kimInactive}
      >
        <strong>{t("summary", { covered: totals.villagesWithActiveKim, villages: totals.villages, percent })}</strong> {t("kims", { active: totals.kimActive, inactive: totals.kimInactive })}
      </p>
      {totals.villages > totals.villagesWithActiveKim && <p>{t("gap", { missing: totals.villages - totals.villagesWithActiveKim })}</p>}
      {districts.length > 0 && (
        <div className="space-y-2">
          <h3 className="text-lg font-semibold">{perRegency ? t("barsTitleRegency") : t("barsTitleDistrict")}</h3>
          <Bars coverage={coverage} id={`${idPrefix}-bars`} title={perRegency ? t("barsTitleRegency") : t("barsTitleDistrict")} desc={t("barsDesc", { covered: totals.villagesWithActiveKim, villages: totals.villages, count: districts.length })} />
          <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-muted">
            <span>
              <Swatch fill={colours.covered} /> {t("legendCovered")}
            </span>
            <span>
              <Swatch fill={colours.target} edge={colours.targetEdge} /> {t("legendTarget")}
            </span>
          </p>
          <div className="overflow-x-auto">
            <table className="w-full border-collapse bg-white text-left text-sm" data-testid="coverage-table">
              <caption className="mb-2 text-left font-semibold">{perRegency ? t("tableCaptionRegency") : t("tableCaptionDistrict")}</caption>
              <thead>
                <tr className="border-b border-line">
                  <th scope="col" className="p-2">{place}</th>
                  <th scope="col" className="p-2 text-right">{t("villages")}</th>
                  <th scope="col" className="p-2 text-right">{t("covered")}</th>
                  <th scope="col" className="p-2 text-right">{t("active")}</th>
                  <th scope="col" className="p-2 text-right">{t("inactive")}</th>
                </tr>
              </thead>
              <tbody>
                {districts.map((d) => (
                  <tr key={d.code} className="border-b border-line">
                    <th scope="row" className="p-2 font-normal">
                      <Link href={linkFor(d.code)}>{d.name}</Link>
                    </th>
                    <td className="p-2 text-right tabular-nums">{d.villages}</td>
                    <td className="p-2 text-right tabular-nums">{d.villagesWithActiveKim}</td>
                    <td className="p-2 text-right tabular-nums">{d.kimActive}</td>
                    <td className="p-2 text-right tabular-nums">{d.kimInactive}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr className="font-semibold">
                  <th scope="row" className="p-2">{t("total")}</th>
                  <td className="p-2 text-right tabular-nums">{totals.villages}</td>
                  <td className="p-2 text-right tabular-nums">{totals.villagesWithActiveKim}</td>
                  <td className="p-2 text-right tabular-nums">{totals.kimActive}</td>
                  <td className="p-2 text-right tabular-nums">{totals.kimInactive}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        </div>
      )}
      <Trend coverage={coverage} id={`${idPrefix}-trend`} t={t} />
    </section>
  );
}

function Swatch({ fill, edge }: { fill: string; edge?: string }) {
  return (
    <svg aria-hidden="true" width="14" height="10" viewBox="0 0 14 10" className="inline align-baseline">
      <rect x="0.5" y="0.5" width="13" height="9" fill={fill} stroke={edge ?? fill} />
    </svg>
  );
}

function Bars({ coverage, id, title, desc }: { coverage: RegionCoverage; id: string; title: string; desc: string }) {
  const layout = barLayout(coverage.districts);
  return (
    <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${chartWidth} ${layout.height}`} className="h-auto w-full max-w-lg" data-testid="coverage-bars">
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{desc}</desc>
      {layout.rows.map((r) => (
        <g key={r.code}>
          <text x={layout.x} y={r.labelY} fontSize="14" fill={colours.ink}>
            {r.name}
          </text>
          <text x={chartWidth - layout.x} y={r.labelY} fontSize="14" fill={colours.ink} textAnchor="end">
            {`${r.villagesWithActiveKim}/${r.villages}`}
          </text>
          <rect x={layout.x} y={r.barY} width={r.targetWidth} height={barRow.bar} fill={colours.target} stroke={colours.targetEdge} strokeWidth="1" />
          {r.coveredWidth > 0 && <rect x={layout.x} y={r.barY} width={r.coveredWidth} height={barRow.bar} fill={colours.covered} />}
        </g>
      ))}
    </svg>
  );
}

type Translate = Awaited<ReturnType<typeof getTranslations<"coverage">>>;

/** Synchronous (the translator is passed in) so it renders anywhere a server component does. */
function Trend({ coverage, id, t }: { coverage: RegionCoverage; id: string; t: Translate }) {
  const { trend } = coverage;
  if (trend.length === 0) return <p className="text-muted">{t("noTrend")}</p>;
  const g = trendLayout(trend);
  const first = trend[0].year;
  const last = trend[trend.length - 1].year;
  const end = trend[trend.length - 1];
  const names: Record<SeriesKey, string> = { kimActive: t("active"), kimInactive: t("inactive"), villagesWithActiveKim: t("covered") };
  return (
    <div className="space-y-2">
      <h3 className="text-lg font-semibold">{t("trendTitle")}</h3>
      <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${trendBox.width} ${trendBox.height}`} className="h-auto w-full max-w-lg" data-testid="coverage-trend">
        <title id={`${id}-title`}>{t("trendTitle")}</title>
        <desc id={`${id}-desc`}>{t("trendDesc", { first, last, active: end.kimActive, inactive: end.kimInactive, covered: end.villagesWithActiveKim })}</desc>
        {g.ticks.map((tick) => (
          <g key={tick.value}>
            <line x1={g.left} x2={g.right} y1={tick.y} y2={tick.y} stroke={colours.grid} />
            <text x={g.left - 6} y={tick.y + 4} fontSize="12" fill={colours.muted} textAnchor="end">
              {tick.value}
            </text>
          </g>
        ))}
        {g.years.map((y) =>
          y.label ? (
            <text key={y.year} x={y.x} y={g.bottom + 18} fontSize="12" fill={colours.muted} textAnchor="middle">
              {y.year}
            </text>
          ) : null,
        )}
        {g.series.map((s) => (
          <g key={s.key}>
            <path d={s.path} fill="none" stroke={series[s.key].stroke} strokeWidth="2.5" strokeDasharray={series[s.key].dash} />
            {s.points.map((p, i) => (
              <circle key={i} cx={p.x} cy={p.y} r="3.5" fill={series[s.key].stroke} />
            ))}
          </g>
        ))}
      </svg>
      <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm text-muted">
        {g.series.map((s) => (
          <li key={s.key}>
            <svg aria-hidden="true" width="22" height="10" viewBox="0 0 22 10" className="inline align-baseline">
              <line x1="1" x2="21" y1="5" y2="5" stroke={series[s.key].stroke} strokeWidth="2.5" strokeDasharray={series[s.key].dash} />
            </svg>{" "}
            {names[s.key]}
          </li>
        ))}
      </ul>
      <div className="overflow-x-auto">
        <table className="w-full border-collapse bg-white text-left text-sm" data-testid="coverage-trend-table">
          <caption className="mb-2 text-left font-semibold">{t("trendCaption")}</caption>
          <thead>
            <tr className="border-b border-line">
              <th scope="col" className="p-2">{t("year")}</th>
              <th scope="col" className="p-2 text-right">{t("active")}</th>
              <th scope="col" className="p-2 text-right">{t("inactive")}</th>
              <th scope="col" className="p-2 text-right">{t("covered")}</th>
            </tr>
          </thead>
          <tbody>
            {trend.map((p) => (
              <tr key={p.year} className="border-b border-line last:border-0">
                <th scope="row" className="p-2 font-normal tabular-nums">{p.year}</th>
                <td className="p-2 text-right tabular-nums">{p.kimActive}</td>
                <td className="p-2 text-right tabular-nums">{p.kimInactive}</td>
                <td className="p-2 text-right tabular-nums">{p.villagesWithActiveKim}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-sm text-muted">{t("trendNote")}</p>
    </div>
  );
}
