import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/layout/page-title";
import { MonevSheetForm } from "@/components/monev/monev-forms";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getMonevSheet } from "@/lib/monev/monev-sheets";

export const metadata: Metadata = { title: "Lembar Monev" };
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string; kimId: string }> };

/** One KIM's Monev sheet: a score per criterion, notes, the proposal from the threshold and the organiser's decision. */
export default async function MonevSheetPage({ params }: Props) {
  const { id, kimId } = await params;
  const actor = await requirePageActor(["organiser"], `/admin/monev/${id}/kim/${kimId}`);
  const data = await getMonevSheet(getDb(), actor, id, kimId).catch((error: unknown) => {
    if (error instanceof AppError) notFound();
    throw error;
  });
  const [t, ts] = await Promise.all([getTranslations("monev"), getTranslations("status")]);
  const { round, kim, criteria, sheet, total, proposal } = data;
  const scores = sheet?.scores ?? {};
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <p>
        <Link href={`/admin/monev/${round.id}`}>← {round.title}</Link>
      </p>
      <PageTitle title={t("sheet.title", { name: kim.name })} subtitle={t("sheets.now", { status: ts(kim.status) })} />
      <p className="text-sm">
        <Link href={`/admin/kim/${kim.id}/kegiatan`}>{t("sheet.activities")}</Link>
      </p>
      <p className="card" data-testid="sheet-total">
        {t("sheet.total")}: <strong>{total === null ? "—" : total.toFixed(2)}</strong> · {t("sheet.proposal")}: <strong>{proposal ? ts(proposal) : "—"}</strong>
        {sheet?.decision && (
          <span className="block">
            {t("sheet.decided")}: {ts(sheet.decision)}
            {sheet.decisionReason ? ` — ${sheet.decisionReason}` : ""}
          </span>
        )}
      </p>
      {round.status === "draf" && <p className="card">{t("sheet.notStarted")}</p>}
      {round.status === "selesai" && <p className="card">{t("sheet.closed")}</p>}
      {criteria.length === 0 ? (
        <p className="text-muted">{t("sheet.noCriteria")}</p>
      ) : (
        <section aria-labelledby="h-sheet" className="card space-y-3">
          <h2 id="h-sheet" className="text-xl font-semibold">
            {t("sheet.heading")}
          </h2>
          {round.status !== "berjalan" && (
            <ul className="list-disc space-y-1 pl-5">
              {criteria.map((c) => (
                <li key={c.id}>
                  {c.name}: {scores[c.id] ?? "—"} / {c.maxScore}
                </li>
              ))}
            </ul>
          )}
          <MonevSheetForm
            monevId={round.id}
            kimId={kim.id}
            readOnly={round.status !== "berjalan"}
            criteria={criteria.map((c) => ({ id: c.id, name: c.name, description: c.description, maxScore: c.maxScore, weight: c.weight, score: scores[c.id] === undefined ? "" : String(scores[c.id]) }))}
            notes={sheet?.notes ?? ""}
            decision={sheet?.decision ?? ""}
            reason={sheet?.decisionReason ?? ""}
          />
        </section>
      )}
    </div>
  );
}
