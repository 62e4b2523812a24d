import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/layout/page-title";
import { KimRecordForm } from "@/components/kim/kim-record-form";
import { chosenRegency, RegencyChooser } from "@/components/kim/regency-chooser";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db/client";
import { regenciesWithin, villagesOfRegency } from "@/lib/kim/village-options";

export const metadata: Metadata = { title: "Tambah KIM" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<{ kabupaten?: string | string[] }> };

export default async function NewKimPage({ searchParams }: Props) {
  const actor = await requirePageActor(["organiser"], "/admin/kim/baru");
  const scope = actor.regionCode ?? "";
  const db = getDb();
  const regency = chosenRegency(scope, (await searchParams).kabupaten);
  const [t, villages, regencies] = await Promise.all([getTranslations("kimRegistry"), regency ? villagesOfRegency(db, scope, regency) : Promise.resolve([]), scope.includes(".") ? Promise.resolve([]) : regenciesWithin(db, scope)]);
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <p>
        <Link href="/admin/kim">{t("detail.back")}</Link>
      </p>
      <PageTitle title={t("new.title")} subtitle={t("new.intro")} />
      {regencies.length > 0 && <RegencyChooser action="/admin/kim/baru" regencies={regencies} chosen={regency} />}
      <KimRecordForm values={{}} board={[]} social={[]} villages={villages} />
    </div>
  );
}
