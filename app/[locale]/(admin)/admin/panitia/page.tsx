import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/layout/page-title";
import { OrganiserInviteForm } from "@/components/admin/organiser-invite-form";
import { OrganiserAccountList, OrganiserInvitationList } from "@/components/admin/organiser-list";
import { invitableRegions, listOrganisers } from "@/lib/auth/organiser-accounts";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db/client";

export const metadata: Metadata = { title: "Akun panitia" };
export const dynamic = "force-dynamic";

export default async function OrganiserAccountsPage() {
  const actor = await requirePageActor(["organiser"], "/admin/panitia");
  const db = getDb();
  const [t, regions, { accounts, invitations }] = await Promise.all([getTranslations("panitia"), invitableRegions(db, actor), listOrganisers(db, actor)]);
  const own = regions.find((r) => r.code === actor.regionCode);
  const intro = own?.level === "provinsi" ? "introProvince" : "introRegency";
  return (
    <div className="mx-auto max-w-2xl space-y-8">
      <PageTitle title={t("title")} subtitle={t(intro, { region: own?.name ?? actor.regionCode ?? "" })} />
      <section aria-labelledby="h-invite" className="space-y-3">
        <h2 id="h-invite" className="text-xl font-semibold">
          {t("invite.heading")}
        </h2>
        <OrganiserInviteForm regions={regions.map((r) => ({ code: r.code, name: r.level === "provinsi" ? t("invite.wholeProvince", { name: r.name }) : r.name }))} />
      </section>
      <section aria-labelledby="h-invitations" className="space-y-3">
        <h2 id="h-invitations" className="text-xl font-semibold">
          {t("invitations.heading")}
        </h2>
        <OrganiserInvitationList invitations={invitations} />
      </section>
      <section aria-labelledby="h-accounts" className="space-y-3">
        <h2 id="h-accounts" className="text-xl font-semibold">
          {t("accounts.heading")}
        </h2>
        <OrganiserAccountList accounts={accounts} />
      </section>
    </div>
  );
}
