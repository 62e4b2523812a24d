import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/layout/page-title";
import { AnswerForm } from "@/components/nominations/nomination-forms";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db/client";
import { formatWib } from "@/lib/format/dates";
import { translateMessage } from "@/lib/i18n/translate-message";
import { nominationByToken } from "@/lib/nominations/nominate";
import { nominationWindow } from "@/lib/nominations/rules";

export const metadata: Metadata = { title: "Nominasi film", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

/**
 * The KIM's confirmation link (docs/decisions/0035): a signed-in member of the nominated KIM
 * sees the film and the provincial edition and confirms or declines, until the provincial
 * entry close. Anyone else is told the link is not theirs.
 */
export default async function NominationLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const actor = await requirePageActor(["kim"], `/nominasi/${token}`);
  const [t, locale] = await Promise.all([getTranslations("nominations.link"), getLocale()]);
  const found = await nominationByToken(getDb(), token);
  if (!found) {
    return (
      <div className="mx-auto max-w-lg space-y-3">
        <PageTitle title={t("invalidTitle")} subtitle={t("invalid")} />
        <Link href="/kim">{t("toDashboard")}</Link>
      </div>
    );
  }
  if (actor.kimId !== found.nomination.kimId) {
    return (
      <div className="mx-auto max-w-lg space-y-3">
        <PageTitle title={t("notYoursTitle")} />
        <p data-testid="nomination-not-yours">{translateMessage("Tautan nominasi ini untuk anggota KIM yang filmnya dinominasikan.", locale)}</p>
      </div>
    );
  }
  const { nomination, target, source } = found;
  const window = nominationWindow(target, new Date());
  return (
    <div className="mx-auto max-w-lg space-y-4">
      <PageTitle title={t("title", { film: found.filmTitle })} subtitle={found.kimName} />
      <dl className="card grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="font-medium">{t("from")}</dt>
        <dd className="break-words">
          {source.title}
          {nomination.sourcePlacement ? ` (${nomination.sourcePlacement})` : ""}
        </dd>
        <dt className="font-medium">{t("to")}</dt>
        <dd className="break-words">{target.title}</dd>
        <dt className="font-medium">{t("closes")}</dt>
        <dd>{formatWib(target.submissionClosesAt, locale)}</dd>
      </dl>
      {found.filmSynopsis && <p className="text-sm text-muted">{found.filmSynopsis}</p>}
      <p className="text-sm">{t("explain")}</p>
      {nomination.status !== "menunggu_kim" ? (
        <p className="card" data-testid="nomination-status">
          {nomination.status === "dikonfirmasi" && found.promotedCode ? t("answered_dikonfirmasi_code", { code: found.promotedCode }) : t(`answered_${nomination.status}`)}
        </p>
      ) : window.open ? (
        <section aria-labelledby="h-answer" className="card space-y-3">
          <h2 id="h-answer" className="text-lg font-semibold">
            {t("answerTitle")}
          </h2>
          <AnswerForm token={token} />
        </section>
      ) : (
        <p className="card" data-testid="nomination-closed">
          {translateMessage(window.reason, locale)}
        </p>
      )}
    </div>
  );
}
