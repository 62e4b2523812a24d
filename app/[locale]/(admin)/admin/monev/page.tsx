import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/layout/page-title";
import { CreateMonevForm } from "@/components/monev/monev-forms";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db/client";
import { todayWib } from "@/lib/kim/kim-status";
import { listMonevRounds } from "@/lib/monev/monev-rounds";

export const metadata: Metadata = { title: "Monev KIM" };
export const dynamic = "force-dynamic";

/** The yearly Monevs of the organiser's region, and a form to create one. */
export default async function MonevListPage() {
  const actor = await requirePageActor(["organiser"], "/admin/monev");
  const [t, rounds] = await Promise.all([getTranslations("monev"), listMonevRounds(getDb(), actor)]);
  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <p>
        <Link href="/admin">← {t("back")}</Link>
      </p>
      <PageTitle title={t("title")} subtitle={t("intro")} />
      <section aria-labelledby="h-rounds" className="space-y-2">
        <h2 id="h-rounds" className="text-xl font-semibold">
          {t("list.heading")}
        </h2>
        {rounds.length === 0 ? (
          <p className="text-muted">{t("list.none")}</p>
        ) : (
          <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t("list.caption")}>
            <table className="w-full text-left text-sm" data-testid="monev-list">
              <caption className="sr-only">{t("list.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("list.year")}</th>
                  <th scope="col">{t("list.name")}</th>
                  <th scope="col">{t("list.status")}</th>
                  <th scope="col">{t("list.scored")}</th>
                </tr>
              </thead>
              <tbody>
                {rounds.map((r) => (
                  <tr key={r.id} className="border-t border-line">
                    <td>{r.year}</td>
                    <td className="break-words">
                      <Link href={`/admin/monev/${r.id}`}>{r.title}</Link>
                      <span className="block text-muted">{r.regionName}</span>
                    </td>
                    <td>{t(`statuses.${r.status}`)}</td>
                    <td>{r.scored ?? 0}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="h-create" className="card space-y-3">
        <h2 id="h-create" className="text-xl font-semibold">
          {t("create.heading")}
        </h2>
        <CreateMonevForm year={Number(todayWib().slice(0, 4))} />
      </section>
    </div>
  );
}
