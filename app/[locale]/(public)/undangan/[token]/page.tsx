import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { PageTitle } from "@/components/layout/page-title";
import { AcceptInvitationForm } from "@/components/judging/accept-invitation-form";
import { invitationForPage } from "@/lib/auth/invite-judge";
import { getDb } from "@/lib/db/client";
import { regionName } from "@/lib/regions/region-name";

export const metadata: Metadata = { title: "Undangan juri", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const db = getDb();
  const found = await invitationForPage(db, token);
  const [t, tr] = await Promise.all([getTranslations("invitation"), getTranslations("juriRoster.invitationPage")]);
  if (!found) {
    return (
      <div className="mx-auto max-w-md space-y-3">
        <PageTitle title={t("invalidTitle")} subtitle={t("invalid")} />
        <Link href="/masuk">{(await getTranslations("signIn"))("submit")}</Link>
      </div>
    );
  }
  const { invitation, editionTitle, existingJudge } = found;
  return (
    <div className="mx-auto max-w-md">
      <PageTitle
        title={existingJudge ? tr("welcomeBack", { name: invitation.name }) : t("welcome", { name: invitation.name })}
        subtitle={editionTitle ? tr("forEdition", { edition: editionTitle }) : tr("forLayar")}
      />
      <p className="mb-4 text-sm text-muted">{tr("region", { email: invitation.email, region: await regionName(db, invitation.regencyCode) })}</p>
      <AcceptInvitationForm token={token} existingJudge={existingJudge} />
    </div>
  );
}
