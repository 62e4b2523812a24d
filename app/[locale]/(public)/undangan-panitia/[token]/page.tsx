import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/layout/page-title";
import { OrganiserInvitationForm } from "@/components/auth/organiser-invitation-form";
import { organiserInvitationPage } from "@/lib/auth/invite-organiser";
import { getDb } from "@/lib/db/client";
import { formatWib } from "@/lib/format/dates";

// "same-origin", not "no-referrer": the token in the address still reaches no other site, and the
// form posted without JavaScript keeps its Origin header (no-referrer sends "null", which Next
// refuses as a cross-site server action).
export const metadata: Metadata = { title: "Undangan panitia", referrer: "same-origin" };
export const dynamic = "force-dynamic";

export default async function OrganiserInvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [invitation, t, locale] = await Promise.all([organiserInvitationPage(getDb(), token), getTranslations("panitia.accept"), getLocale()]);
  if (invitation.state !== "open") {
    const text = invitation.state === "expired" ? t("expired", { date: formatWib(invitation.expiresAt, locale) }) : t(invitation.state);
    return (
      <div className="mx-auto max-w-md space-y-3">
        <PageTitle title={t(`${invitation.state}Title`)} subtitle={text} />
        <Link href="/masuk" className="btn">
          {t("signIn")}
        </Link>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-md">
      <PageTitle
        title={t("welcome", { name: invitation.name })}
        subtitle={t("intro", { inviter: invitation.inviterName, region: invitation.regionName, email: invitation.email, date: formatWib(invitation.expiresAt, locale) })}
      />
      <OrganiserInvitationForm token={token} />
    </div>
  );
}
