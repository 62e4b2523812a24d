import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { InviteJudgeForm } from "@/components/admin/invite-judge-form";
import { AddConflictForm, JudgeTermsForm, RemoveConflictForm, ResendInvitationForm, RevokeInvitationForm } from "@/components/admin/judge-roster-forms";
import { PageTitle } from "@/components/layout/page-title";
import { requirePageActor } from "@/lib/auth/page-guard";
import type { InvitationStatus } from "@/lib/auth/invite-judge";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { formatDateWib, formatWib } from "@/lib/format/dates";
import { editionRoster } from "@/lib/judging/roster";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("juriRoster"))("metaTitle") };
}

type Props = { params: Promise<{ slug: string }> };

const badgeStyle: Record<InvitationStatus, string> = {
  sent: "bg-sky-100 text-sky-900",
  accepted: "bg-emerald-100 text-emerald-900",
  expired: "bg-gray-100 text-ink",
  revoked: "bg-red-100 text-red-900",
};

/** The judges roster of one edition: judges, invitations, categories and caps, conflicts. */
export default async function JudgeRosterPage({ params }: Props) {
  const { slug } = await params;
  const actor = await requirePageActor(["organiser"], `/admin/festival/${slug}/juri`);
  const roster = await editionRoster(getDb(), actor, slug).catch((error: unknown) => {
    if (error instanceof AppError) notFound();
    throw error;
  });
  const [t, locale] = await Promise.all([getTranslations("juriRoster"), getLocale()]);
  const { edition } = roster;
  const date = (d: Date | null) => formatWib(d, locale);
  const day = (d: Date | null) => formatDateWib(d, locale);
  const categoryName = new Map(roster.categories.map((c) => [c.id, c.name]));
  const current = roster.judges.filter((j) => !j.leftAt);

  return (
    <div className="space-y-6">
      <PageTitle title={t("title", { title: edition.title })} subtitle={t("intro")} />

      <section aria-labelledby="h-judges" className="card space-y-3">
        <h2 id="h-judges" className="text-lg font-semibold">
          {t("judges.title", { count: current.length })}
        </h2>
        <p className="text-sm text-muted">
          {t("judges.hint")} <Link href={`/admin/festival/${edition.slug}/penjurian`}>{t("judges.toJudging")}</Link>
        </p>
        {roster.judges.length === 0 ? (
          <p className="text-muted">{t("judges.none")}</p>
        ) : (
          <ul className="divide-y divide-line" data-testid="roster-judges">
            {roster.judges.map((j) => (
              <li key={j.judgeId} className="space-y-1 py-3">
                <p className="font-medium break-words">
                  {j.name} <span className="font-normal text-muted">· {j.email}</span>
                </p>
                <p className="text-sm">{t("judges.line", { region: j.regionName, joined: day(j.joinedAt) })}</p>
                {j.leftAt && <p className="text-sm font-medium text-danger">{t("judges.left", { date: day(j.leftAt) })}</p>}
                {j.accountStatus !== "active" && <p className="text-sm font-medium text-danger">{t("judges.disabled")}</p>}
                <p className="text-sm">{t("judges.load", { assigned: j.assigned, submitted: j.submitted })}</p>
                <p className="text-sm">
                  {j.categories.length ? t("judges.categoriesSome", { names: j.categories.map((id) => categoryName.get(id) ?? "—").join(", ") }) : t("judges.categoriesAll")}
                  {" · "}
                  {j.cap === null ? t("judges.capNone") : t("judges.cap", { cap: j.cap })}
                </p>
                {!j.leftAt && <JudgeTermsForm slug={edition.slug} judgeId={j.judgeId} name={j.name} categories={roster.categories.map((c) => ({ id: c.id, label: c.name }))} chosen={j.categories} cap={j.cap} />}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="h-invitations" className="card space-y-3">
        <h2 id="h-invitations" className="text-lg font-semibold">
          {t("invitations.title")}
        </h2>
        {roster.invitations.length === 0 ? (
          <p className="text-muted">{t("invitations.none")}</p>
        ) : (
          <ul className="divide-y divide-line" data-testid="roster-invitations">
            {roster.invitations.map((i) => (
              // Keyed by what a resend keeps (the token changes), so the resent link stays on screen.
              <li key={`${i.email}:${i.sentAt.toISOString()}`} className="space-y-2 py-3" data-status={i.status}>
                <p className="break-words">
                  <span className="font-medium">{i.name}</span> <span className="text-muted">· {i.email}</span>
                </p>
                <p className="text-sm">
                  <span className={`badge ${badgeStyle[i.status]}`}>{t(`invitations.badge_${i.status}`)}</span>{" "}
                  {t(`invitations.status_${i.status}`, { date: date(i.acceptedAt ?? i.revokedAt ?? i.expiresAt) })}
                </p>
                <p className="text-sm text-muted">{t("invitations.line", { region: i.regionName, sent: day(i.sentAt) })}</p>
                {i.status !== "accepted" && (
                  <div className="flex flex-wrap gap-2">
                    <ResendInvitationForm slug={edition.slug} invitation={i.id} open={i.status === "sent"} />
                    {i.status === "sent" && <RevokeInvitationForm slug={edition.slug} invitation={i.id} />}
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
        <p className="text-sm text-muted">{t("invitations.resendHint")}</p>
      </section>

      <section aria-labelledby="h-invite" className="space-y-2">
        <h2 id="h-invite" className="text-lg font-semibold">
          {t("invitations.newTitle")}
        </h2>
        <p className="text-sm text-muted">{t("invitations.newIntro")}</p>
        <InviteJudgeForm edition={{ id: edition.id, title: edition.title }} />
      </section>

      <section aria-labelledby="h-conflicts" className="card space-y-3">
        <h2 id="h-conflicts" className="text-lg font-semibold">
          {t("conflicts.title")}
        </h2>
        <p className="text-sm text-muted">{t("conflicts.intro")}</p>
        {roster.conflicts.length === 0 ? (
          <p className="text-muted">{t("conflicts.none")}</p>
        ) : (
          <ul className="divide-y divide-line" data-testid="roster-conflicts">
            {roster.conflicts.map((c) => (
              <li key={c.id} className="space-y-1 py-3">
                <p className="font-medium break-words">{t("conflicts.pair", { judge: c.judgeName, code: c.filmCode, title: c.filmTitle })}</p>
                <p className="text-sm text-muted break-words">{t("conflicts.kim", { kim: c.kimName })}</p>
                <p className="text-sm break-words">{t("conflicts.reasonLine", { reason: c.reason })}</p>
                <p className="text-sm text-muted">
                  {c.declaredBy ? t("conflicts.byOrganiser", { name: c.declarerName ?? "—", date: date(c.createdAt) }) : t("conflicts.byJudge", { date: date(c.createdAt) })}
                </p>
                {c.declaredBy && <RemoveConflictForm slug={edition.slug} conflictId={c.id} />}
              </li>
            ))}
          </ul>
        )}
        {current.length > 0 && roster.films.length > 0 ? (
          <AddConflictForm
            slug={edition.slug}
            judges={current.map((j) => ({ id: j.judgeId, label: `${j.name} (${j.regionName})` }))}
            films={roster.films.map((f) => ({ id: f.id, label: `${f.code} · ${f.title} — ${f.kimName}` }))}
          />
        ) : (
          <p className="text-sm text-muted">{t("conflicts.addLater")}</p>
        )}
      </section>
    </div>
  );
}
