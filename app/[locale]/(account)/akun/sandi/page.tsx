import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { redirect } from "next/navigation";
import { PageTitle } from "@/components/layout/page-title";
import { ChangePasswordForm } from "@/components/auth/simple-forms";
import { getActor } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Ganti kata sandi" };
export const dynamic = "force-dynamic";

export default async function ChangePasswordPage() {
  const actor = await getActor();
  if (!actor) redirect("/masuk?kembali=/akun/sandi");
  return (
    <div className="mx-auto max-w-md">
      <PageTitle title={(await getTranslations("password"))("changeTitle")} subtitle={actor.email} />
      <ChangePasswordForm />
      <p className="mt-6">
        <Link href="/akun/pesan">{(await getTranslations("messaging.preferences"))("link")}</Link>
      </p>
    </div>
  );
}
