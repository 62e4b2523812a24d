import { eq } from "drizzle-orm";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { OwnCertificates } from "@/components/documents/own-certificates";
import { JoinRequests } from "@/components/kim/join-requests";
import { PageTitle } from "@/components/layout/page-title";
import { EmbedViews } from "@/components/sharing/embed-views";
import { PendingNominations } from "@/components/nominations/pending-nominations";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db/client";
import { kimGroups } from "@/lib/db/schema";
import { listKimFilms, listOpenEditions } from "@/lib/films/list-kim-films";
import { ownPendingRegistration } from "@/lib/kim/join-requests";
import { formatWib } from "@/lib/format/dates";
import { translateMessage } from "@/lib/i18n/translate-message";

export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<{ permintaan?: string | string[] }> };

export default async function KimDashboard({ searchParams }: Props) {
  const actor = await requirePageActor(["kim"], "/kim", { allowPending: true });
  // After a member decided a request to join (a code, never text from the address).
  const { permintaan } = await searchParams;
  const decided = permintaan === "disetujui" || permintaan === "ditolak" ? permintaan : null;
  const [t, tk, locale] = await Promise.all([getTranslations(), getTranslations("kirim.dashboard"), getLocale()]);
  if (actor.status !== "active" || !actor.kimId) {
    const registration = await ownPendingRegistration(getDb(), actor);
    return (
      <div>
        <PageTitle title={t("dashboard.kim")} subtitle={t("dashboard.hello", { name: actor.name })} />
        <p className="card" role="status">
          {registration?.joinsKimId ? t("kimJoin.pending", { name: registration.kimName }) : t("dashboard.pending")}
        </p>
      </div>
    );
  }
  const db = getDb();
  const [[kim], entries] = await Promise.all([db.select().from(kimGroups).where(eq(kimGroups.id, actor.kimId)), listKimFilms(db, actor)]);
  // Only editions this KIM may enter now (region, active-only rule, its own deadline).
  const open = await listOpenEditions(db, kim);
  return (
    <div className="space-y-6">
      <PageTitle title={t("dashboard.kim")} subtitle={`${t("dashboard.hello", { name: actor.name })} · ${t("dashboard.kimOf", { name: kim.name })}`} />
      {decided && (
        <p className="card" role="status" data-testid="join-decided">
          {t(`kimJoin.decided.${decided}`)}
        </p>
      )}
      <nav aria-label={t("dashboard.kimProfile")} className="flex flex-wrap gap-3">
        <Link href="/kim/profil">{t("dashboard.kimProfile")}</Link>
        <Link href="/kim/kegiatan">{t("dashboard.kimActivities")}</Link>
      </nav>
      <JoinRequests actor={actor} />
      <PendingNominations kimId={actor.kimId} />
      <section aria-labelledby="h-open" className="card">
        <h2 id="h-open" className="mb-2 text-lg font-semibold">
          {t("dashboard.openEditions")}
        </h2>
        {open.length === 0 && <p className="text-muted">{t("home.none")}</p>}
        <ul className="space-y-1">
          {open.map((e) => (
            <li key={e.slug} className="flex flex-wrap items-center justify-between gap-2 border-b border-line py-2 last:border-0">
              <span>
                <Link href={`/festival/${e.slug}`}>{e.title}</Link> — {e.extended ? `${tk("extended")}: ${formatWib(e.submissionClosesAt, locale)}` : t("home.closes", { date: formatWib(e.submissionClosesAt, locale) })}
                <span className="block text-sm text-muted">{tk("slots", { used: e.used, limit: e.filmsPerKim })}</span>
              </span>
              <Link href={`/kim/kirim/${e.slug}`} className="btn" data-testid="send-film">
                {tk("send")}
              </Link>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="h-entries">
        <h2 id="h-entries" className="mb-2 text-xl font-semibold">
          {t("dashboard.myEntries")}
        </h2>
        {entries.length === 0 ? (
          <p className="text-muted">{t("dashboard.noEntries")}</p>
        ) : (
          <ul className="space-y-2">
            {entries.map((f) => (
              <li key={f.id} className="card">
                <p className="font-medium">
                  <Link href={`/kim/film/${f.id}`}>{f.title}</Link>
                </p>
                <p className="text-sm text-muted">{f.editionTitle}</p>
                <p className="mt-1">
                  <span className="badge bg-sky-100 text-sky-900" data-testid="film-status">
                    {t(`filmStatus.${f.status}`)}
                  </span>
                  {f.statusReason && <span className="ml-2 text-sm">{translateMessage(f.statusReason, locale)}</span>}
                  {f.placement && <span className="badge ml-2 bg-amber-100 text-amber-900">{f.placement}</span>}
                </p>
                <p className="mt-1 flex flex-wrap gap-x-4 text-sm">
                  {f.certificateCode && <a href={`/api/festival/${f.editionSlug}/dokumen/piagam-${f.certificateCode}.pdf`}>{t("dashboard.certificate")}</a>}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <EmbedViews actor={actor} />
      <OwnCertificates actor={actor} />
    </div>
  );
}
