import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/layout/page-title";
import { CreateEditionForm, DuplicateEditionForm, ImportEditionForm } from "@/components/admin/edition-create-forms";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db/client";
import { organiserRegionChoices } from "@/lib/editions/create-edition";
import { listOrganiserEditions } from "@/lib/editions/list-organiser-editions";

export const metadata: Metadata = { title: "Edisi baru" };
export const dynamic = "force-dynamic";

/** A new edition: from nothing, as a copy of an earlier one, or from an edition file. */
export default async function NewEditionPage() {
  const actor = await requirePageActor(["organiser"], "/admin/festival/baru");
  const db = getDb();
  const [t, regions, editions] = await Promise.all([getTranslations("pengaturan.new"), organiserRegionChoices(db, actor), listOrganiserEditions(db, actor)]);
  const year = new Date().getFullYear() + 1;
  const earlier = editions.filter((e) => !e.isHistorical);
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <p className="text-sm">
        <Link href="/admin">← {t("back")}</Link>
      </p>
      <PageTitle title={t("title")} subtitle={t("intro")} />
      <section aria-labelledby="h-create" className="card space-y-3">
        <h2 id="h-create" className="text-lg font-semibold">
          {t("createTitle")}
        </h2>
        <p className="text-sm text-muted">{t("createIntro")}</p>
        <CreateEditionForm regions={regions} year={year} />
      </section>
      <section aria-labelledby="h-duplicate" className="card space-y-3">
        <h2 id="h-duplicate" className="text-lg font-semibold">
          {t("duplicateTitle")}
        </h2>
        <p className="text-sm text-muted">{t("duplicateIntro")}</p>
        {earlier.length ? <DuplicateEditionForm editions={earlier.map((e) => ({ slug: e.slug, title: e.title }))} year={year} /> : <p>{t("noEarlier")}</p>}
      </section>
      <section aria-labelledby="h-import" className="card space-y-3">
        <h2 id="h-import" className="text-lg font-semibold">
          {t("importTitle")}
        </h2>
        <p className="text-sm text-muted">{t("importIntro")}</p>
        <ImportEditionForm />
      </section>
    </div>
  );
}
