import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/layout/page-title";
import { requirePageActor } from "@/lib/auth/page-guard";
import { listPendingRegistrations } from "@/lib/auth/register-kim";
import { countPendingKimChanges } from "@/lib/kim/change-requests";
import { getDb } from "@/lib/db/client";
import { listOrganiserEditions } from "@/lib/editions/list-organiser-editions";
import { regionName } from "@/lib/regions/region-name";

export const dynamic = "force-dynamic";

export default async function OrganiserDashboard() {
  const actor = await requirePageActor(["organiser"], "/admin");
  const db = getDb();
  const [t, editions, pending, scope, kimChanges] = await Promise.all([
    getTranslations(),
    listOrganiserEditions(db, actor),
    listPendingRegistrations(db, actor),
    regionName(db, actor.regionCode),
    countPendingKimChanges(db, actor),
  ]);
  return (
    <div className="space-y-6">
      <PageTitle title={t("dashboard.organiser")} subtitle={`${t("dashboard.hello", { name: actor.name })} · ${t("dashboard.scope", { region: scope })}`} />
      <section aria-labelledby="h-next" className="card">
        <h2 id="h-next" className="mb-2 text-lg font-semibold">
          {t("dashboard.next")}
        </h2>
        <ul className="space-y-2">
          <li>
            <Link href="/admin/festival/baru" className="btn">
              {t("dashboard.newEdition")}
            </Link>
          </li>
          <li>
            {t("dashboard.pendingRegistrations", { count: pending.length })} — <Link href="/admin/pendaftaran">{t("dashboard.reviewRegistrations")}</Link>
          </li>
          <li>
            <Link href="/admin/kim">{t("dashboard.kimRegistry")}</Link>
            {kimChanges > 0 && <span data-testid="kim-changes-waiting"> — {t("dashboard.kimChangesWaiting", { count: kimChanges })}</span>}
          </li>
          <li>
            <Link href="/admin/monev">{t("dashboard.monev")}</Link>
          </li>
          <li>
            <Link href="/admin/pesan">{t("dashboard.messages")}</Link>
          </li>
          <li>
            <Link href="/admin/juri">{t("dashboard.inviteJudges")}</Link>
          </li>
          <li>
            <Link href="/admin/panitia">{t("dashboard.organisers")}</Link>
          </li>
          <li>
            <Link href="/admin/audit">{t("dashboard.auditLog")}</Link>
          </li>
          <li>
            <Link href={`/wilayah/${actor.regionCode}`}>{t("dashboard.region")}</Link>
          </li>
        </ul>
      </section>
      <section aria-labelledby="h-editions">
        <h2 id="h-editions" className="mb-2 text-xl font-semibold">
          {t("dashboard.editions")}
        </h2>
        {editions.length === 0 && <p className="text-muted">{t("dashboard.noEditions")}</p>}
        <ul className="space-y-2">
          {editions.map((e) => (
            <li key={e.id} className="card flex flex-wrap items-baseline justify-between gap-2">
              <span className="font-medium">
                {e.title}
              </span>
              {!e.isHistorical && (
                <span className="flex flex-wrap gap-3 text-sm">
                  <Link href={`/admin/festival/${e.slug}/pengaturan`}>{t("dashboard.manage")}</Link>
                  <Link href={`/admin/festival/${e.slug}/film`}>{t("submissions.link")}</Link>
                  <Link href={`/admin/festival/${e.slug}/penjurian`}>{t("penjurian.link")}</Link>
                  <Link href={`/admin/festival/${e.slug}/hasil`}>{t("hasil.link")}</Link>
                </span>
              )}
              <span className="text-sm text-muted">
                {t(`status.${e.status}`)} · {t("dashboard.films", { count: e.films })}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
