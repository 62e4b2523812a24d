import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { PageLinks, pageOfTotal, pageSlice } from "@/components/layout/page-links";
import { PageTitle } from "@/components/layout/page-title";
import { AddPairForm, CancelFinalRoundForm, ConfirmAssignmentForm, DropJudgeForm, JudgingCloseForm, RemindForm, RemovePairForm, StartFinalRoundForm, UnlockForm } from "@/components/admin/judging-forms";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { formatWib } from "@/lib/format/dates";
import { listActiveAssignments } from "@/lib/judging/assignment-list";
import { previewAssignment } from "@/lib/judging/assignment-plan";
import { getFinalRound } from "@/lib/judging/final-round";
import { formatScore } from "@/lib/results/rank";
import { judgingProgress, submittedSheetsPage } from "@/lib/judging/progress";
import { regionNames } from "@/lib/regions/region-name";
import { groupBy } from "@/lib/group-by";

export const metadata: Metadata = { title: "Penjurian" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Films and sent sheets per page: an edition of 4,000 films stays a page of about 100 KB (issue 17). */
const PAGE_SIZE = 50;

/** datetime-local value in WIB for a date. */
function wibInput(date: Date | null): string {
  if (!date) return "";
  return new Date(date.getTime() + 7 * 3_600_000).toISOString().slice(0, 16);
}

export default async function JudgingAdminPage({ params, searchParams }: Props) {
  const [{ slug }, query] = await Promise.all([params, searchParams]);
  const actor = await requirePageActor(["organiser"], `/admin/festival/${slug}/penjurian`);
  const db = getDb();
  const loaded = await Promise.all([judgingProgress(db, actor, slug), previewAssignment(db, actor, slug)]).catch((error: unknown) => {
    if (error instanceof AppError) notFound();
    throw error;
  });
  const [progress, preview] = loaded;
  const [t, ts, tr, locale] = await Promise.all([getTranslations("penjurian"), getTranslations("status"), getTranslations("juriRoster"), getLocale()]);
  const { edition } = progress;
  const regions = await regionNames(db, progress.perJudge.map((j) => j.regionCode));
  const codes = new Map(progress.perFilm.map((f) => [f.filmId, f.code]));
  const judgeNames = new Map(progress.perJudge.map((j) => [j.judgeId, j.name]));
  // The film list and the sent sheets each a page at a time; a code search narrows the films.
  const code = (Array.isArray(query.kode) ? query.kode[0] : query.kode)?.trim().slice(0, 40) ?? "";
  const films = code ? progress.perFilm.filter((f) => f.code.toLowerCase().startsWith(code.toLowerCase())) : progress.perFilm;
  const { page: filmPage, pages: filmPages, shown: shownFilms } = pageSlice(films, PAGE_SIZE, query.film);
  const { page: sheetPage, pages: sheetPages } = pageOfTotal(progress.sent, PAGE_SIZE, query.lembar);
  const [activeAssignments, final, shownSheets] = await Promise.all([
    listActiveAssignments(db, preview.round.id, shownFilms.map((f) => f.filmId)),
    getFinalRound(db, edition.id),
    submittedSheetsPage(db, progress.round.id, sheetPage, PAGE_SIZE),
  ]);
  const assignmentsByFilm = groupBy(activeAssignments, (a) => a.filmId);
  const pageQuery = { kode: code || undefined, film: filmPage > 1 ? String(filmPage) : undefined, lembar: sheetPage > 1 ? String(sheetPage) : undefined };
  const pageTexts = (page: number, pages: number) => ({ previous: t("previous"), next: t("next"), pageOf: t("pageOf", { page, pages }) });

  return (
    <div className="space-y-6">
      <PageTitle title={`${t("title")}: ${edition.title}`} subtitle={t("status", { status: ts(edition.status), date: formatWib(edition.judgingClosesAt, locale) })} />

      <section aria-labelledby="h-close" className="card space-y-2">
        <h2 id="h-close" className="text-lg font-semibold">
          {t("closeTitle")}
        </h2>
        <JudgingCloseForm slug={slug} current={wibInput(edition.judgingClosesAt)} />
      </section>

      <p className="text-sm" data-testid="settings-moved">
        {tr("penjurian.settingsMoved")} <Link href={`/admin/festival/${slug}/pengaturan`}>{tr("penjurian.settingsLink")}</Link>.
      </p>

      <section aria-labelledby="h-judges" className="card space-y-3">
        <h2 id="h-judges" className="text-lg font-semibold">
          {t("judgesTitle")}
        </h2>
        <p className="text-sm">
          {tr("penjurian.rosterHint")} <Link href={`/admin/festival/${slug}/juri`}>{tr("penjurian.rosterLink")}</Link>.
        </p>
        {progress.perJudge.length === 0 ? (
          <p className="text-muted">{tr("penjurian.noJudges")}</p>
        ) : (
          <ul className="divide-y divide-line" data-testid="judge-progress">
            {progress.perJudge.map((j) => (
              <li key={j.judgeId} className="space-y-2 py-2">
                <p>
                  {t("judgeLine", { name: j.name, region: regions.get(j.regionCode ?? "") ?? "—", assigned: j.assigned, drafted: j.drafted, submitted: j.submitted })}
                  {j.leftAt && <span className="ml-2 text-sm text-muted">({t("left")})</span>}
                </p>
                <progress className="w-full" max={Math.max(1, j.assigned)} value={j.submitted} aria-label={t("judgeLine", { name: j.name, region: "", assigned: j.assigned, drafted: j.drafted, submitted: j.submitted })} />
                {!j.leftAt && (
                  <details>
                    <summary className="cursor-pointer text-sm">{t("drop")}</summary>
                    <p className="my-1 text-sm text-muted">{t("dropHint")}</p>
                    <DropJudgeForm slug={slug} judgeId={j.judgeId} />
                  </details>
                )}
              </li>
            ))}
          </ul>
        )}
        {progress.perJudge.some((j) => !j.leftAt && j.assigned > j.submitted) && <RemindForm slug={slug} />}
      </section>

      <section aria-labelledby="h-final" className="card space-y-3" data-testid="final-round">
        <h2 id="h-final" className="text-lg font-semibold">
          {t("finalTitle")}
        </h2>
        {final ? (
          <>
            <p>{t("finalRunning", { count: final.nominees.length, size: final.round.shortlistSize ?? final.nominees.length })}</p>
            <ol className="list-decimal space-y-1 pl-5 text-sm">
              {final.nominees.map((n) => (
                <li key={n.filmId}>{t("nomineeLine", { code: n.code, title: n.title, rank: n.rank, score: formatScore(n.score) })}</li>
              ))}
            </ol>
            {edition.status === "penjurian" && (
              <details>
                <summary className="cursor-pointer text-sm">{t("finalCancel")}</summary>
                <p className="my-1 text-sm text-muted">{t("finalCancelHint")}</p>
                <CancelFinalRoundForm slug={slug} />
              </details>
            )}
          </>
        ) : (
          <>
            <p className="text-sm text-muted">{t("finalIntro")}</p>
            {edition.status === "penjurian" ? <StartFinalRoundForm slug={slug} /> : <p className="text-sm">{t("finalNotAvailable")}</p>}
          </>
        )}
      </section>

      <section aria-labelledby="h-assign" className="card space-y-3">
        <h2 id="h-assign" className="text-lg font-semibold">
          {t("assignTitle")}
        </h2>
        <p className="text-sm text-muted">{preview.round.kind === "final" ? t("finalAssignIntro") : t("assignIntro", { perFilm: preview.input.perFilm })}</p>
        <p data-testid="assignment-preview">{t("preview", { total: preview.result.assignments.length, added: preview.added.length, removed: preview.removed.length })}</p>
        {preview.result.unfilled.length > 0 && (
          <div className="rounded-md border border-amber-300 bg-amber-50 p-3">
            <h3 className="font-medium">{t("unfilled")}</h3>
            <ul className="list-disc pl-5 text-sm">
              {preview.result.unfilled.slice(0, PAGE_SIZE).map((u) => (
                <li key={u.filmId}>{t("missing", { code: codes.get(u.filmId) ?? u.filmId, missing: u.missing, reason: u.reason })}</li>
              ))}
            </ul>
            {preview.result.unfilled.length > PAGE_SIZE && <p className="text-sm">{t("moreUnfilled", { count: preview.result.unfilled.length - PAGE_SIZE })}</p>}
          </div>
        )}
        {edition.status === "penjurian" ? (
          <>
            <ConfirmAssignmentForm slug={slug} />
            {films.length > shownFilms.length && <p className="text-sm text-muted">{t("pairFilmsHint")}</p>}
            <AddPairForm
              slug={slug}
              films={shownFilms.map((f) => ({ id: f.filmId, label: `${f.code} · ${f.title}` }))}
              judges={progress.perJudge.filter((j) => !j.leftAt).map((j) => ({ id: j.judgeId, label: `${j.name} (${regions.get(j.regionCode ?? "") ?? "—"})` }))}
            />
          </>
        ) : (
          <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm" data-testid="assignment-waits">
            {edition.status === "draf" || edition.status === "pendaftaran" ? tr("penjurian.previewOnly") : tr("penjurian.closedForChanges")}
          </p>
        )}
      </section>

      <section aria-labelledby="h-films" className="card space-y-2">
        <h2 id="h-films" className="text-lg font-semibold">
          {t("filmsTitle")}
        </h2>
        {progress.perFilm.length === 0 && <p className="text-muted">{t("noFilms")}</p>}
        {progress.perFilm.length > PAGE_SIZE && (
          <form method="get" className="flex flex-wrap items-end gap-2" role="search">
            <div>
              <label htmlFor="kode" className="mb-1 block text-sm font-medium">
                {t("findCode")}
              </label>
              <input id="kode" name="kode" defaultValue={code} maxLength={40} className="field" aria-describedby="kode-hint" />
            </div>
            <button type="submit" className="btn-quiet">
              {t("find")}
            </button>
            <p id="kode-hint" className="w-full text-sm text-muted">
              {t("findCodeHint")}
            </p>
          </form>
        )}
        {films.length > 0 && films.length !== shownFilms.length && (
          <p className="text-sm" data-testid="films-shown">
            {t("filmsShown", { from: (filmPage - 1) * PAGE_SIZE + 1, to: (filmPage - 1) * PAGE_SIZE + shownFilms.length, total: films.length })}
          </p>
        )}
        <ul className="divide-y divide-line">
          {shownFilms.map((f) => (
            <li key={f.filmId} className="space-y-1 py-2">
              <p>{t("filmLine", { code: f.code, title: f.title, submitted: f.submitted, assigned: f.assigned })}</p>
              <ul className="space-y-2 pl-3 text-sm">
                {(assignmentsByFilm.get(f.filmId) ?? [])
                  .map((a) => (
                    <li key={a.id}>
                      <details>
                        <summary>
                          {judgeNames.get(a.judgeId) ?? a.judgeId} — {t(`sheet_${a.sheetStatus ?? "empty"}`)}
                        </summary>
                        <RemovePairForm slug={slug} assignmentId={a.id} />
                      </details>
                    </li>
                  ))}
              </ul>
            </li>
          ))}
        </ul>
        <PageLinks label={t("filmsPages")} param="film" page={filmPage} pages={filmPages} query={pageQuery} texts={pageTexts(filmPage, filmPages)} />
      </section>

      <section aria-labelledby="h-sheets" className="card space-y-2">
        <h2 id="h-sheets" className="text-lg font-semibold">
          {t("sheetsTitle")}
        </h2>
        <ul className="divide-y divide-line">
          {shownSheets.map((s) => (
              <li key={s.sheetId} className="py-2">
                <details>
                  <summary>{t("sheetLine", { code: s.filmCode, judge: s.judgeName, status: formatWib(s.submittedAt, locale) })}</summary>
                  <UnlockForm slug={slug} sheetId={s.sheetId} />
                </details>
              </li>
            ))}
        </ul>
        <PageLinks label={t("sheetsPages")} param="lembar" page={sheetPage} pages={sheetPages} query={pageQuery} texts={pageTexts(sheetPage, sheetPages)} />
      </section>
    </div>
  );
}
