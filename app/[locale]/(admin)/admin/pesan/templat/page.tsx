import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/layout/page-title";
import { TemplateForm } from "@/components/messages/template-form";
import { resetTemplateAction } from "@/lib/actions/message-actions";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db/client";
import { toLocale } from "@/lib/i18n/locales";
import { listTemplates } from "@/lib/messages/admin";
import { editableKinds, type MessageKind } from "@/lib/messages/kinds";
import { regionName } from "@/lib/regions/region-name";

export const metadata: Metadata = { title: "Templat pesan" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Each kind's text per language for the organiser's region: edit with a preview, or reset to the default (lib/messages/admin.ts). */
export default async function TemplatesPage({ searchParams }: Props) {
  const params = await searchParams;
  const actor = await requirePageActor(["organiser"], "/admin/pesan/templat");
  const kind: MessageKind = (editableKinds as string[]).includes(one(params.jenis) ?? "") ? (one(params.jenis) as MessageKind) : editableKinds[0];
  const locale = toLocale(one(params.bahasa));
  const resetAt = one(params.dikembalikan);
  const db = getDb();
  const [templates, region, t] = await Promise.all([listTemplates(db, actor), regionName(db, actor.regionCode), getTranslations("messaging")]);
  const chosen = templates.find((x) => x.kind === kind)!;
  const current = chosen.locales.find((l) => l.locale === locale)!;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageTitle title={t("templates.title")} subtitle={t("templates.subtitle", { region })} />
      <p className="-mt-4 text-sm">
        <Link href="/admin/pesan">{t("templates.back")}</Link>
      </p>
      <nav aria-labelledby="h-kinds">
        <h2 id="h-kinds" className="mb-2 text-xl font-semibold">
          {t("templates.choose")}
        </h2>
        <ul className="grid gap-1 sm:grid-cols-2">
          {templates.map((x) => (
            <li key={x.kind}>
              <Link href={`/admin/pesan/templat?jenis=${x.kind}&bahasa=${locale}`} aria-current={x.kind === kind ? "page" : undefined} className={x.kind === kind ? "font-semibold" : undefined}>
                {t(`kinds.${x.kind}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <section aria-labelledby="h-template" className="space-y-4">
        <h2 id="h-template" className="text-xl font-semibold">
          {t(`kinds.${kind}`)}
        </h2>
        <p className="flex flex-wrap gap-4">
          {(["id", "en"] as const).map((l) => (
            <Link key={l} href={`/admin/pesan/templat?jenis=${kind}&bahasa=${l}`} aria-current={l === locale ? "page" : undefined} className={l === locale ? "font-semibold" : undefined} lang={l}>
              {t(`templates.language.${l}`)}
            </Link>
          ))}
        </p>
        <p className="text-sm" data-testid="template-source">
          {t(`templates.source.${current.source}`)}
        </p>
        {resetAt && (
          <p role="status" className="text-emerald-800">
            {t("templates.resetDone")}
          </p>
        )}
        <div>
          <h3 className="font-medium">{t("templates.placeholders")}</h3>
          <p className="text-sm text-muted">{t("templates.placeholdersHint", { example: "{nama}" })}</p>
          <ul className="mt-1 flex flex-wrap gap-2" data-testid="placeholders">
            {chosen.placeholders.map((p) => (
              <li key={p}>
                <code className="rounded bg-stone-100 px-1">{`{${p}}`}</code>
              </li>
            ))}
          </ul>
        </div>
        <TemplateForm key={`${kind}-${locale}-${resetAt ?? ""}`} kind={kind} locale={locale} subject={current.subject} body={current.body} preview={current.preview} />
        {current.source === "region" && (
          <form action={resetTemplateAction} className="space-y-2">
            <input type="hidden" name="kind" value={kind} />
            <input type="hidden" name="locale" value={locale} />
            <p className="text-sm text-muted">{t("templates.resetHint")}</p>
            <button type="submit" className="btn-quiet">
              {t("templates.reset")}
            </button>
          </form>
        )}
      </section>
    </div>
  );
}
