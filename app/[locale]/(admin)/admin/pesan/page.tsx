import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/layout/page-title";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db/client";
import { formatWib } from "@/lib/format/dates";
import { listMessages, messageStatuses } from "@/lib/messages/admin";
import { sendingMark } from "@/lib/messages/deliver";
import { messageKinds } from "@/lib/messages/kinds";
import { noEmail } from "@/lib/messages/queue";
import { regionName } from "@/lib/regions/region-name";

export const metadata: Metadata = { title: "Pesan terkirim" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

function href(filter: { kind: string | null; status: string | null }, page: number) {
  const params = new URLSearchParams();
  if (filter.kind) params.set("jenis", filter.kind);
  if (filter.status) params.set("status", filter.status);
  if (page > 1) params.set("halaman", String(page));
  const query = params.toString();
  return `/admin/pesan${query ? `?${query}` : ""}`;
}

const statusClass = { antre: "bg-amber-100 text-amber-900", terkirim: "bg-emerald-100 text-emerald-900", gagal: "bg-red-100 text-red-900" } as const;

/** What Layar sent to whom in the organiser's region (lib/messages/admin.ts), with a WhatsApp link where the phone is known. */
export default async function MessagesPage({ searchParams }: Props) {
  const params = await searchParams;
  const query = { kind: one(params.jenis), status: one(params.status), page: one(params.halaman) ?? "1" };
  const actor = await requirePageActor(["organiser"], "/admin/pesan");
  const db = getDb();
  const [list, region, t, locale] = await Promise.all([listMessages(db, actor, query), regionName(db, actor.regionCode), getTranslations("messaging"), getLocale()]);
  return (
    <div className="space-y-6">
      <PageTitle title={t("list.title")} subtitle={t("list.subtitle", { region })} />
      <p className="flex flex-wrap gap-x-6 gap-y-2">
        <Link href="/admin/pesan/templat">{t("list.templates")}</Link>
        <Link href="/admin/pesan/siaran">{t("list.broadcast")}</Link>
      </p>
      <section aria-labelledby="h-filter">
        <h2 id="h-filter" className="sr-only">
          {t("list.filterHeading")}
        </h2>
        <form method="get" action="/admin/pesan" className="flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-end">
          <div className="min-w-0 sm:flex-none">
            <label htmlFor="jenis" className="mb-1 block font-medium">
              {t("list.kind")}
            </label>
            <select id="jenis" name="jenis" className="field" defaultValue={list.filter.kind ?? ""}>
              <option value="">{t("list.all")}</option>
              {messageKinds.map((k) => (
                <option key={k} value={k}>
                  {t(`kinds.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="min-w-0 sm:flex-none">
            <label htmlFor="status" className="mb-1 block font-medium">
              {t("list.status")}
            </label>
            <select id="status" name="status" className="field" defaultValue={list.filter.status ?? ""}>
              <option value="">{t("list.all")}</option>
              {messageStatuses.map((s) => (
                <option key={s} value={s}>
                  {t(`status.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="btn w-full sm:w-auto">
            {t("list.apply")}
          </button>
        </form>
      </section>
      <p role="status" data-testid="messages-count">
        {t("list.count", { count: list.total })}
      </p>
      {list.rows.length > 0 && (
        // Focusable so a keyboard can scroll the table sideways on a phone.
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t("list.caption", { page: list.page, pages: list.pages })}>
          <table className="w-full text-left text-sm" data-testid="messages-table">
            <caption className="sr-only">{t("list.caption", { page: list.page, pages: list.pages })}</caption>
            <thead>
              <tr className="border-b">
                <th scope="col" className="py-2 pr-3">
                  {t("list.time")}
                </th>
                <th scope="col" className="py-2 pr-3">
                  {t("list.recipient")}
                </th>
                <th scope="col" className="py-2 pr-3">
                  {t("list.status")}
                </th>
                <th scope="col" className="py-2">
                  {t("list.whatsapp")}
                </th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((row) => (
                <tr key={row.id} className="border-b align-top">
                  <td className="py-2 pr-3">
                    <span className="block">{formatWib(row.createdAt, locale)}</span>
                    <span className="block text-muted">{t(`kinds.${row.kind}`)}</span>
                  </td>
                  <td className="py-2 pr-3 break-words">
                    <span className="block font-medium">{row.toName}</span>
                    {row.toEmail && <span className="block break-all text-muted">{row.toEmail}</span>}
                    <span className="block">{row.subject}</span>
                  </td>
                  <td className="py-2 pr-3">
                    <span className={`inline-block rounded px-2 py-0.5 ${statusClass[row.status]}`}>{t(`status.${row.status}`)}</span>
                    {row.status === "terkirim" && row.sentAt && <span className="block text-muted">{t("list.sentAt", { time: formatWib(row.sentAt, locale) })}</span>}
                    {row.lastError === noEmail ? (
                      <span className="block text-danger">{t("list.noEmail")}</span>
                    ) : row.lastError === sendingMark ? (
                      <span className="block text-muted">{t("list.sending")}</span>
                    ) : (
                      row.lastError && <span className="block break-words text-danger">{row.lastError}</span>
                    )}
                    {row.attempts > 1 && <span className="block text-muted">{t("list.attempts", { count: row.attempts })}</span>}
                  </td>
                  <td className="py-2">
                    {row.whatsapp ? (
                      <a href={row.whatsapp} target="_blank" rel="noreferrer" aria-label={t("list.openWhatsapp", { name: row.toName ?? "" })}>
                        {t("list.whatsapp")}
                      </a>
                    ) : (
                      <span className="text-muted">{t("list.noPhone")}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.pages > 1 && (
        <nav aria-label={t("list.pagination")} className="flex justify-between">
          {list.page > 1 ? <Link href={href(list.filter, list.page - 1)}>{t("list.previous")}</Link> : <span />}
          {list.page < list.pages ? <Link href={href(list.filter, list.page + 1)}>{t("list.next")}</Link> : <span />}
        </nav>
      )}
    </div>
  );
}
