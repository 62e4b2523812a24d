import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { actionLabel, AuditEntry } from "@/components/admin/audit-entry";
import { AuditFilters, AuditPagination } from "@/components/admin/audit-filters";
import { PageTitle } from "@/components/layout/page-title";
import { auditHref, listAudit, parseAuditQuery } from "@/lib/audit/list-audit";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db/client";
import { listOrganiserEditions } from "@/lib/editions/list-organiser-editions";
import { regionName } from "@/lib/regions/region-name";

export const metadata: Metadata = { title: "Log audit" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The audit log of the organiser's region (rules in lib/audit/list-audit.ts), filterable by edition, account, action and date. */
export default async function AuditPage({ searchParams }: Props) {
  const query = parseAuditQuery(await searchParams);
  const actor = await requirePageActor(["organiser"], auditHref(query, query.halaman));
  const db = getDb();
  const [list, editions, region, t] = await Promise.all([listAudit(db, actor, query), listOrganiserEditions(db, actor), regionName(db, actor.regionCode), getTranslations("audit")]);
  const edition = editions.find((e) => e.slug === query.edisi);
  const actions = list.actions.map((code) => ({ code, label: actionLabel(t, code) })).sort((a, b) => a.label.localeCompare(b.label, "id"));
  return (
    <div className="space-y-6">
      <PageTitle title={t("title")} subtitle={t("subtitle", { region })} />
      {edition && !edition.isHistorical && (
        <p className="-mt-4 text-sm">
          <Link href={`/admin/festival/${edition.slug}/pengaturan`}>← {t("backToEdition", { title: edition.title })}</Link>
        </p>
      )}
      <AuditFilters query={query} editions={editions} actions={actions} account={list.account} />
      <p role="status" data-testid="audit-count">
        {t("count", { count: list.total })}
      </p>
      {list.rows.length === 0 ? (
        <p className="text-muted">{t("none")}</p>
      ) : (
        <ol className="space-y-3" data-testid="audit-entries">
          {list.rows.map((row) => (
            <AuditEntry key={row.id} row={row} names={list.names} />
          ))}
        </ol>
      )}
      <AuditPagination query={query} page={list.page} pageCount={list.pageCount} />
    </div>
  );
}
