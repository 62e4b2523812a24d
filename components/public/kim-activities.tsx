import { getLocale, getTranslations } from "next-intl/server";
import { formatDateWib } from "@/lib/format/dates";

type Activity = { date: string; type: string; title: string; report: string | null; links: string[]; photos: { id: string; width: number; height: number }[] };
type StatusRow = { status: "aktif" | "tidak_aktif"; from: string; reason: string | null };

const day = (value: string, locale: string) => formatDateWib(new Date(`${value}T12:00:00+07:00`), locale);
const photoUrl = (id: string, small = false) => `/api/kim/kegiatan/foto/${id}${small ? "?ukuran=kecil" : ""}`;

/**
 * The KIM profile's activities by year (newest first) with their photos as small thumbnails
 * linking to the full photo, and the KIM's status history. A server component without script
 * (the profile is a lean page).
 */
export async function KimActivities({ activities, statusHistory }: { activities: Activity[]; statusHistory: StatusRow[] }) {
  const [t, ts, locale] = await Promise.all([getTranslations("kimActivity"), getTranslations("status"), getLocale()]);
  const years = [...new Set(activities.map((a) => a.date.slice(0, 4)))];
  return (
    <>
      <section aria-labelledby="h-kegiatan" className="space-y-3" data-testid="kim-activities">
        <h2 id="h-kegiatan" className="text-xl font-semibold">
          {t("public.heading")}
        </h2>
        {activities.length === 0 && <p className="text-muted">{t("public.none")}</p>}
        {years.map((year) => (
          <section key={year} aria-labelledby={`kegiatan-${year}`}>
            <h3 id={`kegiatan-${year}`} className="mb-2 text-lg font-semibold">
              {year}
            </h3>
            <ul className="space-y-2">
              {activities
                .filter((a) => a.date.startsWith(year))
                .map((a, i) => (
                  <li key={`${a.date}-${i}`} className="card space-y-1 p-3">
                    <p className="text-sm text-muted">
                      {day(a.date, locale)} · {t(`types.${a.type}`)}
                    </p>
                    <p className="font-semibold break-words">{a.title}</p>
                    {a.report && <p className="text-sm break-words whitespace-pre-line">{a.report}</p>}
                    {a.links.length > 0 && (
                      <ul className="text-sm">
                        {a.links.map((link) => (
                          <li key={link} className="break-all">
                            <a href={link} rel="nofollow noopener noreferrer ugc">
                              {link}
                            </a>
                          </li>
                        ))}
                      </ul>
                    )}
                    {a.photos.length > 0 && (
                      <ul className="flex flex-wrap gap-2" aria-label={t("public.photos", { title: a.title })}>
                        {a.photos.map((p, n) => (
                          <li key={p.id}>
                            <a href={photoUrl(p.id)}>
                              {/* eslint-disable-next-line @next/next/no-img-element -- a 320 px thumbnail made at upload; next/image would add a client runtime to a lean page */}
                              <img
                                src={photoUrl(p.id, true)}
                                alt={t("public.photoAlt", { number: n + 1, title: a.title })}
                                width={160}
                                height={Math.max(1, Math.round((160 * p.height) / p.width))}
                                loading="lazy"
                                decoding="async"
                                className="h-auto w-40 rounded border border-line"
                              />
                            </a>
                          </li>
                        ))}
                      </ul>
                    )}
                  </li>
                ))}
            </ul>
          </section>
        ))}
      </section>
      <section aria-labelledby="h-status-riwayat" className="space-y-2">
        <h2 id="h-status-riwayat" className="text-xl font-semibold">
          {t("public.statusHeading")}
        </h2>
        {statusHistory.length === 0 ? (
          <p className="text-muted">{t("public.noStatus")}</p>
        ) : (
          <ol className="space-y-1" data-testid="kim-status-history">
            {statusHistory.map((s, i) => (
              <li key={`${s.from}-${i}`} className="border-b border-line py-1 last:border-0">
                <span className="font-medium">{t("public.statusFrom", { date: day(s.from, locale) })}</span>: {ts(s.status)}
                {s.reason && <span className="block text-sm text-muted break-words">{s.reason}</span>}
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
