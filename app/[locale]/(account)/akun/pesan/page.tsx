import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { PageTitle } from "@/components/layout/page-title";
import { PreferencesForm } from "@/components/messages/preferences-form";
import { getActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { getPreferences } from "@/lib/messages/admin";

export const metadata: Metadata = { title: "Pesan dan pengingat" };
export const dynamic = "force-dynamic";

/** The language of the person's mail and whether deadline reminders come (every reminder links here). */
export default async function MessagePreferencesPage() {
  const actor = await getActor();
  if (!actor) redirect("/masuk?kembali=/akun/pesan");
  const [preferences, t] = await Promise.all([getPreferences(getDb(), actor), getTranslations("messaging.preferences")]);
  return (
    <div className="mx-auto max-w-md">
      <PageTitle title={t("title")} subtitle={t("subtitle", { email: actor.email })} />
      <PreferencesForm locale={preferences.locale} remindersOff={preferences.remindersOff} />
    </div>
  );
}
