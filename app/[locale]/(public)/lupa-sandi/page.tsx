import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/layout/page-title";
import { RequestResetForm } from "@/components/auth/simple-forms";

export const metadata: Metadata = { title: "Lupa kata sandi" };
// Per request (query string, forms): app/[locale] lists static params, so this must be said explicitly.
export const dynamic = "force-dynamic";

export default async function ForgotPasswordPage() {
  const t = await getTranslations("password");
  return (
    <div className="mx-auto max-w-md">
      <PageTitle title={t("forgotTitle")} subtitle={t("forgotIntro")} />
      <RequestResetForm />
    </div>
  );
}
