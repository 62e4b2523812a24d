import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { EditionRules } from "@/components/films/edition-rules";
import { SendFilmForm } from "@/components/films/entry-forms";
import { PageTitle } from "@/components/layout/page-title";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db/client";
import { kimEntryChance } from "@/lib/films/list-kim-films";
import { formatWib } from "@/lib/format/dates";
import { translateMessage } from "@/lib/i18n/translate-message";
import { getFestivalPage } from "@/lib/public/get-festival-page";

export const metadata: Metadata = { title: "Kirim film" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

/**
 * "Send a film" for a signed-in KIM: the edition's rules first, how many of its film slots the
 * KIM has used, and the confirmation that creating the entry uses one; or, when the KIM may
 * not enter now, why (not its region, active KIMs only, closed, no slot left).
 */
export default async function SendFilmPage({ params }: Props) {
  const { slug } = await params;
  const actor = await requirePageActor(["kim"], `/kim/kirim/${slug}`);
  const db = getDb();
  const [chance, festival, t, locale] = await Promise.all([kimEntryChance(db, actor, slug), getFestivalPage(db, slug), getTranslations("kirim.send"), getLocale()]);
  const why = chance.may ? null : chance.why;
  const known = festival !== null && why !== "not_found";
  const extended = chance.closesAt && festival?.submissionClosesAt && chance.closesAt.getTime() !== festival.submissionClosesAt.getTime();

  return (
    <div className="space-y-6">
      <p>
        <Link href="/kim">← {t("back")}</Link>
      </p>
      <PageTitle title={t("title")} subtitle={known ? festival.title : undefined} />

      {!chance.may && (
        <section aria-labelledby="h-not-allowed" className="card space-y-2 border-amber-300 bg-amber-50" data-testid="send-refused">
          <h2 id="h-not-allowed" className="text-lg font-semibold">
            {t("notAllowed")}
          </h2>
          <p>{t(`why_${chance.why}`)}</p>
          <p className="text-sm">{translateMessage(chance.reason, locale)}</p>
          <p className="flex flex-wrap gap-x-4 text-sm">
            <Link href="/kim">{t("myEntries")}</Link>
            {known && <Link href={`/festival/${festival.slug}`}>{t("festivalPage")}</Link>}
          </p>
        </section>
      )}

      {chance.may && (
        <section aria-labelledby="h-send" className="card space-y-3">
          <h2 id="h-send" className="text-lg font-semibold">
            {t("formTitle")}
          </h2>
          <p data-testid="slots-used">{t("slots", { used: chance.used, limit: chance.limit })}</p>
          <p className="text-sm">{extended ? t("extended", { date: formatWib(chance.closesAt, locale) }) : t("closes", { date: formatWib(chance.closesAt, locale) })}</p>
          <p className="text-sm text-muted">{t("after")}</p>
          <SendFilmForm editionSlug={slug} limit={chance.limit} />
        </section>
      )}

      {known && !festival.isHistorical && (
        <div className="card">
          <EditionRules rules={festival.rules} text={festival.rulesText} regionName={festival.regionName} categories={festival.categoryDetails} rubric={festival.rubric} headingId="h-rules" />
        </div>
      )}
    </div>
  );
}
