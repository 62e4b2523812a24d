import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { PageTitle } from "@/components/layout/page-title";
import { AcceptInvitationForm } from "@/components/auth/simple-forms";
import { findInvitation, invitationForExistingJudge } from "@/lib/auth/invite-judge";
import { getDb } from "@/lib/db/client";
import { regionName } from "@/lib/regions/region-name";

export const metadata: Metadata = { title: "Undangan juri", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const db = getDb();
  const invitation = await findInvitation(db, token);
  const t = await getTranslations("invitation");
  if (!invitation) {
    return (
      <div className="mx-auto max-w-md space-y-3">
        <PageTitle title={t("invalidTitle")} subtitle={t("invalid")} />
        <Link href="/masuk">{(await getTranslations("signIn"))("submit")}</Link>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-md">
      <PageTitle title={t("welcome", { name: invitation.name })} subtitle={t("intro", { email: invitation.email, region: await regionName(db, invitation.regencyCode) })} />
      <AcceptInvitationForm token={token} existingJudge={await invitationForExistingJudge(db, invitation)} />
    </div>
  );
}
