import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/layout/page-title";
import { RegisterForm } from "@/components/auth/register-form";

export const metadata: Metadata = { title: "Daftarkan KIM" };
// Per request (query string, forms): app/[locale] lists static params, so this must be said explicitly.
export const dynamic = "force-dynamic";

export default async function RegisterPage() {
  const t = await getTranslations("register");
  return (
    <div className="mx-auto max-w-lg">
      <PageTitle title={t("title")} subtitle={t("intro")} />
      <RegisterForm />
    </div>
  );
}
