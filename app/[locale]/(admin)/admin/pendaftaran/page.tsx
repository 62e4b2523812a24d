import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/layout/page-title";
import { RegistrationDecision } from "@/components/admin/registration-decision";
import { RegistrationDetails } from "@/components/admin/registration-details";
import { requirePageActor } from "@/lib/auth/page-guard";
import { listPendingRegistrations } from "@/lib/auth/register-kim";
import { getDb } from "@/lib/db/client";
import { formatWib } from "@/lib/format/dates";
import { ContactLinks } from "@/components/kim/registry-bits";
import { whatsappNumber } from "@/lib/kim/whatsapp";

export const metadata: Metadata = { title: "Pendaftaran KIM" };
export const dynamic = "force-dynamic";

export default async function RegistrationsPage() {
  const actor = await requirePageActor(["organiser"], "/admin/pendaftaran");
  const [pending, t, locale] = await Promise.all([listPendingRegistrations(getDb(), actor), getTranslations("registrations"), getLocale()]);
  return (
    <div>
      <PageTitle title={t("title")} subtitle={t("intro")} />
      {pending.length === 0 ? (
        <p className="text-muted">{t("none")}</p>
      ) : (
        <ul className="space-y-3">
          {pending.map((r) => (
            <li key={r.id} className="card">
              <p className="text-lg font-semibold">{r.kimName}</p>
              <p className="text-sm text-muted">
                {t("village", { name: r.villageName, code: r.villageCode, date: formatWib(r.createdAt, locale) })}
              </p>
              <p className="mt-1">
                {r.userName} ({r.position})
              </p>
              <ContactLinks phone={r.phone} email={r.email} />
              {r.phone && !whatsappNumber(r.phone) && <p className="text-sm">{r.phone}</p>}
              {r.join && <p className="text-sm">{t("existing")}</p>}
              <RegistrationDetails registration={r} />
              <RegistrationDecision registrationId={r.id} mayApprove={!r.join || r.join.activeMembers === 0} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
