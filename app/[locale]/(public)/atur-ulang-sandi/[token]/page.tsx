import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/layout/page-title";
import { ResetPasswordForm } from "@/components/auth/simple-forms";

export const metadata: Metadata = { title: "Atur ulang kata sandi", referrer: "no-referrer" };
// Per request (query string, forms): app/[locale] lists static params, so this must be said explicitly.
export const dynamic = "force-dynamic";

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations("password");
  return (
    <div className="mx-auto max-w-md">
      <PageTitle title={t("newTitle")} />
      <ResetPasswordForm token={token} />
    </div>
  );
}
