import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/layout/page-title";
import { KimStatusForm } from "@/components/kim/kim-admin-forms";
import { KimRecordForm } from "@/components/kim/kim-record-form";
import { MergeSection } from "@/components/kim/merge-section";
import { chosenRegency, RegencyChooser } from "@/components/kim/regency-chooser";
import { ContactLinks, dayLabel, PendingRequests } from "@/components/kim/registry-bits";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { logoUrl as logoAddress } from "@/lib/kim/logo-version";
import { todayWib } from "@/lib/kim/kim-status";
import { mergeCandidates } from "@/lib/kim/list-registry";
import { getKimRecord } from "@/lib/kim/manage-kim";
import { previewMerge } from "@/lib/kim/merge-kims";
import { regenciesWithin, villagesOfRegency } from "@/lib/kim/village-options";

export const metadata: Metadata = { title: "Data KIM" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ gabung?: string | string[]; kabupaten?: string | string[]; disimpan?: string | string[] }> };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Another region's KIM, or no KIM, is the same 404. */
async function orNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}

export default async function KimRecordPage({ params, searchParams }: Props) {
  const { id } = await params;
  const actor = await requirePageActor(["organiser"], `/admin/kim/${id}`);
  const db = getDb();
  const query = await searchParams;
  const record = await orNotFound(getKimRecord(db, actor, id));
  const { kim, place, board, history, requests, members } = record;
  const scope = actor.regionCode ?? "";
  const regency = chosenRegency(scope, query.kabupaten, kim.regencyCode);
  const duplicateId = one(query.gabung);
  const [t, ts, locale, villages, regencies, candidates, preview] = await Promise.all([
    getTranslations("kimRegistry"),
    getTranslations("status"),
    getLocale(),
    regency ? villagesOfRegency(db, scope, regency) : Promise.resolve([]),
    scope.includes(".") ? Promise.resolve([]) : regenciesWithin(db, scope),
    mergeCandidates(db, actor, kim.id),
    duplicateId && /^[0-9a-f-]{36}$/i.test(duplicateId) && duplicateId !== kim.id ? previewMerge(db, actor, kim.id, duplicateId).catch(() => null) : Promise.resolve(null),
  ]);
  const saved = one(query.disimpan);
  const logoUrl = logoAddress(kim.slug, kim.logoKey);
  const values: Record<string, string> = {
    name: kim.name,
    villageCode: kim.villageCode ?? "",
    address: kim.address ?? "",
    contactName: kim.contactName ?? "",
    contactPhone: kim.contactPhone ?? "",
    contactEmail: kim.contactEmail ?? "",
    foundedOn: kim.foundedOn ?? "",
    skNumber: kim.skNumber ?? "",
    skDate: kim.skDate ?? "",
    description: kim.description ?? "",
  };
  return (
    <div className="mx-auto max-w-2xl space-y-8">
      <p>
        <Link href="/admin/kim">{t("detail.back")}</Link>
      </p>
      <div>
        <PageTitle title={kim.name} subtitle={t("detail.place", { village: place?.villageName ?? "—", district: place?.districtName ?? "", regency: place?.regencyName ?? "" })} />
        <p className="flex flex-wrap items-center gap-3">
          <span className={`badge ${kim.status === "aktif" ? "bg-emerald-100 text-emerald-900" : "bg-gray-200 text-gray-800"}`} data-testid="kim-status">
            {ts(kim.status)}
          </span>
          <Link href={`/kim/${kim.slug}`}>{t("detail.publicProfile")}</Link>
          <Link href={`/admin/kim/${kim.id}/kegiatan`}>{t("detail.activities")}</Link>
        </p>
        <div className="mt-2">
          <ContactLinks phone={kim.contactPhone} email={kim.contactEmail} />
        </div>
      </div>
      {(saved === "baru" || saved === "gabung") && (
        <p className="card" role="status" data-testid="kim-saved">
          {t(`detail.saved.${saved}`)}
        </p>
      )}

      {requests.length > 0 && (
        <section aria-labelledby="h-kim-requests" className="space-y-3">
          <h2 id="h-kim-requests" className="text-xl font-semibold">
            {t("detail.requests")}
          </h2>
          <PendingRequests requests={requests} locale={locale} showKim={false} />
        </section>
      )}

      <section aria-labelledby="h-status" className="space-y-3">
        <h2 id="h-status" className="text-xl font-semibold">
          {t("detail.status")}
        </h2>
        <p>{t("detail.statusNow", { status: ts(kim.status), date: dayLabel(kim.statusSince, locale) })}</p>
        {kim.status === "tidak_aktif" && kim.inactiveReason && <p className="text-sm break-words">{kim.inactiveReason}</p>}
        <KimStatusForm kimId={kim.id} status={kim.status} today={todayWib()} labels={{ aktif: ts("aktif"), tidak_aktif: ts("tidak_aktif") }} />
        <h3 className="text-lg font-semibold">{t("detail.history")}</h3>
        {history.length === 0 ? (
          <p className="text-muted">{t("detail.noHistory")}</p>
        ) : (
          <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t("detail.historyCaption")}>
            <table className="w-full text-sm" data-testid="kim-history">
              <caption className="sr-only">{t("detail.historyCaption")}</caption>
              <thead>
                <tr className="border-b border-line text-left">
                  <th scope="col" className="py-1 pr-2 font-medium">
                    {t("detail.historyFrom")}
                  </th>
                  <th scope="col" className="py-1 pr-2 font-medium">
                    {t("detail.historyStatus")}
                  </th>
                  <th scope="col" className="py-1 pr-2 font-medium">
                    {t("detail.historyReason")}
                  </th>
                  <th scope="col" className="py-1 font-medium">
                    {t("detail.historySource")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {history.map((h, i) => (
                  <tr key={i} className="border-b border-line align-top">
                    <td className="py-1 pr-2 whitespace-nowrap">{dayLabel(h.from, locale)}</td>
                    <td className="py-1 pr-2">{ts(h.status)}</td>
                    <td className="py-1 pr-2 break-words">{h.reason ?? "—"}</td>
                    <td className="py-1">{t(`source.${h.source}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="h-edit" className="space-y-3">
        <h2 id="h-edit" className="text-xl font-semibold">
          {t("detail.edit")}
        </h2>
        {regencies.length > 0 && <RegencyChooser action={`/admin/kim/${kim.id}`} regencies={regencies} chosen={regency} />}
        <KimRecordForm kimId={kim.id} values={values} board={board} social={kim.socialLinks} villages={villages} logoUrl={logoUrl} />
      </section>

      <section aria-labelledby="h-members" className="space-y-2">
        <h2 id="h-members" className="text-xl font-semibold">
          {t("detail.members")}
        </h2>
        {members.length === 0 ? (
          <p className="text-muted">{t("detail.noMembers")}</p>
        ) : (
          <ul className="space-y-2">
            {members.map((m) => (
              <li key={m.email} className="card">
                <p className="font-medium break-words">
                  {m.name}
                  {m.status === "pending" && <span className="ml-2 text-sm text-muted">({t("detail.pendingMember")})</span>}
                </p>
                <ContactLinks phone={m.phone} email={m.email} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <MergeSection kimId={kim.id} candidates={candidates} chosen={preview ? preview.duplicate.id : null} preview={preview} />
    </div>
  );
}
