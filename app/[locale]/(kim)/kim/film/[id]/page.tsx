import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { EntryEditor } from "@/components/films/entry-editor";
import { WithdrawForm } from "@/components/films/entry-forms";
import { PageTitle } from "@/components/layout/page-title";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db/client";
import { editionRules } from "@/lib/editions/defaults";
import { effectiveClose, entriesOpen } from "@/lib/editions/submission-window";
import { AppError } from "@/lib/errors";
import { entryChecklist } from "@/lib/films/entry-checklist";
import { getKimEntry } from "@/lib/films/kim-film";
import { juryFeedback } from "@/lib/results/kim-feedback";
import { formatWib } from "@/lib/format/dates";
import { translateMessage } from "@/lib/i18n/translate-message";

export const metadata: Metadata = { title: "Film KIM" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export default async function EntryPage({ params }: Props) {
  const { id } = await params;
  const actor = await requirePageActor(["kim"], `/kim/film/${id}`);
  const entry = await getKimEntry(getDb(), actor, id).catch((error: unknown) => {
    if (error instanceof AppError) notFound();
    throw error;
  });
  const [t, tk, tf, locale] = await Promise.all([getTranslations("entry"), getTranslations("kirim.entry"), getTranslations("filmStatus"), getLocale()]);
  const { film, edition, extendedUntil, shown } = entry;
  const rules = editionRules(edition.rules);
  const open = entriesOpen(edition, new Date(), extendedUntil).open && film.status !== "ditarik";
  const todo = entryChecklist(entry, rules);
  const feedback = await juryFeedback(getDb(), actor, film.id);

  return (
    <div className="space-y-6">
      <p>
        <Link href="/kim">← {t("back")}</Link>
      </p>
      <PageTitle title={t("title", { title: film.title })} subtitle={`${edition.title} · ${t("code", { code: film.code })}`} />

      <section aria-labelledby="h-status" className="card space-y-2">
        <h2 id="h-status" className="text-lg font-semibold">
          {t("status")}: <span data-testid="film-status">{tf(shown.status)}</span>
        </h2>
        {shown.statusReason && <p data-testid="film-status-reason">{translateMessage(shown.statusReason, locale)}</p>}
        <p className="text-sm">{open ? tk("closes", { date: formatWib(effectiveClose(edition, extendedUntil), locale) }) : t("closed")}</p>
        {open && (
          <>
            <h3 className="font-medium">{t("next")}</h3>
            <ul className="list-disc space-y-1 pl-5" data-testid="entry-todo">
              {todo.map((item) => (
                <li key={item}>{item === "subtitle" ? tk(`todoSubtitle_${rules.subtitles}`) : t(`todo.${item}`)}</li>
              ))}
            </ul>
          </>
        )}
      </section>

      {feedback && (
        <section aria-labelledby="h-feedback" className="card space-y-3" data-testid="jury-feedback">
          <h2 id="h-feedback" className="text-lg font-semibold">
            {t("feedbackTitle")}
          </h2>
          {feedback.map((sheet) => (
            <div key={sheet.judge}>
              <h3 className="font-medium">{t("feedbackJudge", { n: sheet.judge })}</h3>
              <dl className="mt-1 space-y-1 text-sm">
                {sheet.comments.map((c) => (
                  <div key={c.criterion}>
                    <dt className="font-medium">{c.criterion}</dt>
                    <dd>{c.comment}</dd>
                  </div>
                ))}
              </dl>
            </div>
          ))}
        </section>
      )}

      <EntryEditor entry={entry} open={open} />

      {open && (
        <section aria-labelledby="h-withdraw" className="card">
          <h2 id="h-withdraw" className="mb-2 text-lg font-semibold">
            {t("withdraw")}
          </h2>
          <WithdrawForm filmId={film.id} />
        </section>
      )}
    </div>
  );
}
