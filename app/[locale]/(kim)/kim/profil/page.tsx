import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/layout/page-title";
import { ChangeRequestForm, OwnProfileForm } from "@/components/kim/own-profile-forms";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db/client";
import { formatWib } from "@/lib/format/dates";
import { ownChangeRequests } from "@/lib/kim/change-requests";
import { logoUrl as logoAddress } from "@/lib/kim/logo-version";
import { ownKim } from "@/lib/kim/own-profile";
import { villagesOfRegency } from "@/lib/kim/village-options";
import { regionName } from "@/lib/regions/region-name";

export const metadata: Metadata = { title: "Profil KIM" };
export const dynamic = "force-dynamic";

/** A KIM's members keep its public face here and ask Diskominfo for a new name or desa. */
export default async function OwnKimProfilePage() {
  // A pending account is refused here (403): it has no KIM yet.
  const actor = await requirePageActor(["kim"], "/kim/profil");
  const db = getDb();
  const kim = await ownKim(db, actor);
  const [t, locale, requests, villages, village] = await Promise.all([
    getTranslations("kimRegistry.profile"),
    getLocale(),
    ownChangeRequests(db, actor),
    villagesOfRegency(db, kim.regencyCode, kim.regencyCode),
    regionName(db, kim.villageCode),
  ]);
  const pending = requests.some((r) => r.status === "pending");
  const logoUrl = logoAddress(kim.slug, kim.logoKey);
  return (
    <div className="mx-auto max-w-2xl space-y-8">
      <PageTitle title={t("title")} subtitle={t("intro", { name: kim.name })} />
      <p>
        <Link href={`/kim/${kim.slug}`}>{t("public")}</Link>
      </p>
      <OwnProfileForm description={kim.description ?? ""} social={kim.socialLinks} logoUrl={logoUrl} />

      <section aria-labelledby="h-change" className="space-y-3">
        <h2 id="h-change" className="text-xl font-semibold">
          {t("changeHeading")}
        </h2>
        <p className="text-sm text-muted">{t("changeIntro")}</p>
        <p className="break-words">{t("currentName", { name: kim.name })}</p>
        <p>{t("currentVillage", { name: village || "—" })}</p>
        {requests.length > 0 && (
          <div className="space-y-2">
            <h3 className="text-lg font-semibold">{t("requestsHeading")}</h3>
            <ul className="space-y-2" data-testid="own-change-requests">
              {requests.map((r) => (
                <li key={r.id} className="card space-y-1">
                  <p className="font-medium">{t(`requestStatus.${r.status}`)}</p>
                  {r.name && <p className="break-words">{r.name}</p>}
                  {r.villageName && <p>{r.villageName}</p>}
                  <p className="text-sm text-muted">{formatWib(r.createdAt, locale)}</p>
                  {r.status === "rejected" && r.decisionReason && <p className="text-sm break-words">{t("rejectedBecause", { reason: r.decisionReason })}</p>}
                </li>
              ))}
            </ul>
          </div>
        )}
        {pending && <p role="status">{t("pendingNote")}</p>}
        <ChangeRequestForm villages={villages} disabled={pending} />
      </section>
    </div>
  );
}
