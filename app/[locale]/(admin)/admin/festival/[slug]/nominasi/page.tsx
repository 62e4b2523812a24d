import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/layout/page-title";
import { NominateForm, ReturnForm, WithdrawForm } from "@/components/nominations/nomination-forms";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { formatWib } from "@/lib/format/dates";
import { translateMessage } from "@/lib/i18n/translate-message";
import { organiserEdition } from "@/lib/judging/assignment-plan";
import { getNominationChoices, listIncomingNominations } from "@/lib/nominations/nominate";

export const metadata: Metadata = { title: "Nominasi" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

const statusClass: Record<string, string> = {
  menunggu_kim: "bg-amber-100 text-amber-900",
  dikonfirmasi: "bg-emerald-100 text-emerald-900",
  ditolak_kim: "bg-gray-100 text-ink",
  dikembalikan: "bg-red-100 text-red-900",
  dibatalkan: "bg-gray-100 text-ink",
};

/**
 * Nominations (docs/decisions/0035). A published regency edition sends films up to its
 * province's editions; a provincial edition sees what arrived per regency and may return one.
 */
export default async function NominationsPage({ params }: Props) {
  const { slug } = await params;
  const actor = await requirePageActor(["organiser"], `/admin/festival/${slug}/nominasi`);
  const db = getDb();
  const edition = await organiserEdition(db, actor, slug).catch((error: unknown) => {
    if (error instanceof AppError) notFound();
    throw error;
  });
  const [t, locale] = await Promise.all([getTranslations("nominations"), getLocale()]);
  if (edition.level === "provinsi") return <Incoming slug={slug} actor={actor} t={t} locale={locale} />;
  if (edition.status !== "diumumkan" || actor.regionCode !== edition.regionCode) {
    return (
      <div className="space-y-4">
        <PageTitle title={t("page.title")} subtitle={edition.title} />
        <p className="card">{t("page.notYet")}</p>
      </div>
    );
  }
  const choices = await getNominationChoices(db, actor, slug);
  const titleOf = new Map(choices.targets.map((x) => [x.edition.id, x.edition.title]));
  return (
    <div className="space-y-6">
      <PageTitle title={t("page.title")} subtitle={edition.title} />
      <p className="text-muted">{t("page.regencyIntro")}</p>
      {choices.targets.length === 0 && <p className="card">{t("page.noTargets")}</p>}
      {choices.targets.map((target) => (
        <section key={target.edition.id} aria-labelledby={`h-${target.edition.id}`} className="card space-y-3" data-testid="nomination-target">
          <h2 id={`h-${target.edition.id}`} className="text-lg font-semibold break-words">
            {target.edition.title}
          </h2>
          <p className="text-sm">
            {t(`page.quota_${target.intake.quotaKind}`, { n: target.intake.quotaPerRegency })} · {t("page.standing", { n: target.standing })}
          </p>
          {target.window.open ? (
            <>
              <p className="text-sm text-muted">{t("page.closes", { date: formatWib(target.edition.submissionClosesAt, locale) })}</p>
              <NominateForm
                edition={slug}
                target={target.edition.id}
                quota={t(`page.quota_${target.intake.quotaKind}`, { n: target.intake.quotaPerRegency })}
                films={target.films.map((f) => ({
                  id: f.id,
                  title: f.title,
                  kimName: f.kimName,
                  placement: f.placement,
                  problems: f.problems.map((p) => translateMessage(p, locale)),
                  nominated: f.nomination ? t(`status.${f.nomination.status}`) : null,
                }))}
              />
            </>
          ) : (
            <p>{translateMessage(target.window.reason, locale)}</p>
          )}
        </section>
      ))}
      <section aria-labelledby="h-sent" className="card space-y-3">
        <h2 id="h-sent" className="text-lg font-semibold">
          {t("page.sentTitle")}
        </h2>
        {choices.sent.length === 0 ? (
          <p className="text-muted">{t("page.sentNone")}</p>
        ) : (
          <ul className="divide-y divide-line" data-testid="nominations-sent">
            {choices.sent.map((s) => {
              const film = choices.targets.flatMap((x) => x.films).find((f) => f.id === s.sourceFilmId);
              return (
                <li key={s.id} className="py-2">
                  <p className="font-medium break-words">
                    {film?.title} <span className={`badge ${statusClass[s.status]}`}>{t(`status.${s.status}`)}</span>
                  </p>
                  <p className="text-sm text-muted">
                    {titleOf.get(s.targetEditionId)} · {formatWib(s.createdAt, locale)}
                    {s.reason ? ` · ${t("page.reason", { reason: s.reason })}` : ""}
                  </p>
                  {s.status === "menunggu_kim" && <WithdrawForm edition={slug} nominationId={s.id} />}
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </div>
  );
}

type T = Awaited<ReturnType<typeof getTranslations<"nominations">>>;

async function Incoming({ slug, actor, t, locale }: { slug: string; actor: Awaited<ReturnType<typeof requirePageActor>>; t: T; locale: string }) {
  const { edition, intake, regions } = await listIncomingNominations(getDb(), actor, slug);
  const sealed = edition.status === "disegel" || edition.status === "diumumkan";
  return (
    <div className="space-y-6">
      <PageTitle title={t("page.title")} subtitle={edition.title} />
      {intake.mode === "langsung" ? (
        <p className="card">
          {t("page.directOnly")} <Link href={`/admin/festival/${slug}/pengaturan#penerimaan`}>{t("page.toSettings")}</Link>
        </p>
      ) : (
        <p className="text-muted">
          {t(`intake.mode_${intake.mode}`)} · {t(`page.quota_${intake.quotaKind}`, { n: intake.quotaPerRegency })} · {t("page.closes", { date: formatWib(edition.submissionClosesAt, locale) })}
        </p>
      )}
      {regions.length === 0 && <p className="card">{t("page.incomingNone")}</p>}
      {regions.map((r) => (
        <section key={r.regionCode} aria-labelledby={`h-${r.regionCode}`} className="card space-y-3" data-testid="incoming-region">
          <h2 id={`h-${r.regionCode}`} className="text-lg font-semibold">
            {r.regionName} <span className="text-sm font-normal text-muted">{t("page.incomingCount", { n: r.items.filter((i) => i.status === "dikonfirmasi").length })}</span>
          </h2>
          <ul className="divide-y divide-line">
            {r.items.map((i) => (
              <li key={i.id} className="space-y-2 py-3">
                <p className="font-medium break-words">
                  {i.title} <span className={`badge ${statusClass[i.status]}`}>{t(`status.${i.status}`)}</span>
                </p>
                <p className="text-sm text-muted break-words">
                  {i.kimName} · {i.sourceTitle}
                  {i.sourcePlacement ? ` (${i.sourcePlacement})` : ""}
                  {i.code ? ` · ${t("page.code", { code: i.code })}` : ""} · {formatWib(i.createdAt, locale)}
                </p>
                {i.reason && <p className="text-sm">{t("page.reason", { reason: i.reason })}</p>}
                {!sealed && (i.status === "menunggu_kim" || i.status === "dikonfirmasi") && (
                  <details>
                    <summary className="cursor-pointer text-sm">{t("incoming.return")}</summary>
                    <div className="mt-2">
                      <ReturnForm edition={slug} nominationId={i.id} />
                    </div>
                  </details>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
