import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/layout/page-title";
import { formatDateWib } from "@/lib/format/dates";
import type { getKimActivity, listKimActivities } from "@/lib/kim/activities";
import { AddPhotoForm, DeleteActivityForm, EditActivityForm, NewActivityForm, RemovePhotoForm } from "./activity-forms";

// The bodies of the activity pages, shared by the KIM member's (/kim/kegiatan) and the
// organiser's (/admin/kim/{id}/kegiatan): `base` is where the list lives.

const day = (value: string, locale: string) => formatDateWib(new Date(`${value}T12:00:00+07:00`), locale);
const MAX_PHOTOS = 4;

type List = Awaited<ReturnType<typeof listKimActivities>>;
type One = Awaited<ReturnType<typeof getKimActivity>>;

export async function ActivityListPage({ data, base, back, organiser, notice }: { data: List; base: string; back: { href: string; label: string }; organiser: boolean; notice?: string | null }) {
  const [t, locale] = await Promise.all([getTranslations("kimActivity"), getLocale()]);
  const { kim, activities } = data;
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <p>
        <Link href={back.href}>← {back.label}</Link>
      </p>
      <PageTitle title={t("list.title")} subtitle={t("list.subtitle", { name: kim.name })} />
      {notice && (
        <p className="card" role="status">
          {notice}
        </p>
      )}
      <p className="text-sm">
        <Link href={`/kim/${kim.slug}`}>{t("list.publicProfile")}</Link>
      </p>
      <section aria-labelledby="h-activities" className="space-y-2">
        <h2 id="h-activities" className="text-xl font-semibold">
          {t("list.heading")}
        </h2>
        {activities.length === 0 ? (
          <p className="text-muted">{t("list.none")}</p>
        ) : (
          <ul className="space-y-2" data-testid="activity-list">
            {activities.map((a) => (
              <li key={a.id} className="card space-y-1 p-3">
                <p className="text-sm text-muted">
                  {day(a.heldOn, locale)} · {t(`types.${a.type}`)} · {t("list.photos", { count: a.photos.length })}
                </p>
                <p className="font-semibold break-words">
                  <Link href={`${base}/${a.id}`}>{a.title}</Link>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="h-new" className="card space-y-3">
        <h2 id="h-new" className="text-xl font-semibold">
          {t("list.new")}
        </h2>
        {organiser && <p className="text-sm text-muted">{t("list.organiserNote")}</p>}
        <NewActivityForm kimId={organiser ? kim.id : undefined} />
      </section>
    </div>
  );
}

export async function ActivityEditPage({ data, base, saved }: { data: One; base: string; saved: boolean }) {
  const t = await getTranslations("kimActivity");
  const { kim, activity } = data;
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <p>
        <Link href={base}>← {t("edit.back")}</Link>
      </p>
      <PageTitle title={activity.title} subtitle={kim.name} />
      {saved && (
        <p className="card" role="status" data-testid="activity-saved">
          {t("edit.saved")}
        </p>
      )}
      <section aria-labelledby="h-edit" className="card space-y-3">
        <h2 id="h-edit" className="text-xl font-semibold">
          {t("edit.heading")}
        </h2>
        <EditActivityForm activityId={activity.id} stored={{ heldOn: activity.heldOn, type: activity.type, title: activity.title, report: activity.report, links: activity.links }} />
      </section>
      <section aria-labelledby="h-photos" className="card space-y-3">
        <h2 id="h-photos" className="text-xl font-semibold">
          {t("edit.photos", { count: activity.photos.length, max: MAX_PHOTOS })}
        </h2>
        {activity.photos.length > 0 && (
          <ul className="grid grid-cols-2 gap-3" data-testid="activity-photos">
            {activity.photos.map((p, i) => (
              <li key={p.id} className="space-y-2">
                {/* eslint-disable-next-line @next/next/no-img-element -- a 320 px thumbnail made at upload; next/image would add a client runtime to a lean page */}
                <img
                  src={`/api/kim/kegiatan/foto/${p.id}?ukuran=kecil`}
                  alt={t("public.photoAlt", { number: i + 1, title: activity.title })}
                  width={160}
                  height={Math.max(1, Math.round((160 * p.height) / p.width))}
                  className="h-auto w-full rounded border border-line"
                />
                <p className="text-sm text-muted">{p.keptLocation ? t("edit.locationKept") : t("edit.locationStripped")}</p>
                <RemovePhotoForm photoId={p.id} number={i + 1} />
              </li>
            ))}
          </ul>
        )}
        {activity.photos.length < MAX_PHOTOS ? <AddPhotoForm activityId={activity.id} /> : <p className="text-muted">{t("edit.photosFull")}</p>}
      </section>
      <section aria-labelledby="h-delete" className="card space-y-3">
        <h2 id="h-delete" className="text-xl font-semibold">
          {t("edit.deleteHeading")}
        </h2>
        <DeleteActivityForm activityId={activity.id} />
      </section>
    </div>
  );
}
