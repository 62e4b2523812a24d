import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeReturnPath } from "@/lib/auth/safe-return";
import { signInErrorKey } from "@/lib/auth/sign-in-error";

export const metadata: Metadata = { title: "Masuk" };
// Per request (query string, forms): app/[locale] lists static params, so this must be said explicitly.
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<{ kembali?: string; error?: string; terdaftar?: string; sandi?: string }> };

export default async function SignInPage({ searchParams }: Props) {
  const { kembali, error, terdaftar, sandi } = await searchParams;
  const t = await getTranslations("signIn");
  const errorKey = signInErrorKey(error);
  const errorText = errorKey ? (await getTranslations("signInError"))(errorKey) : undefined;
  return (
    <div className="mx-auto max-w-md">
      <h1 className="mb-4 text-2xl font-bold">{t("title")}</h1>
      {terdaftar && (
        <p role="status" className="card mb-4 border-emerald-300 bg-emerald-50">
          {(await getTranslations("register"))("done")}
        </p>
      )}
      {sandi && (
        <p role="status" className="card mb-4 border-emerald-300 bg-emerald-50">
          {(await getTranslations("password"))("changed")}
        </p>
      )}
      <SignInForm
        returnTo={safeReturnPath(kembali)}
        initialError={errorText}
        labels={{ email: t("email"), password: t("password"), submit: t("submit"), submitting: t("submitting"), failed: t("failed") }}
      />
      <p className="mt-4 flex flex-col gap-2">
        <Link href="/lupa-sandi">{t("forgot")}</Link>
        <span>
          {t("noAccount")} <Link href="/daftar">{t("register")}</Link>
        </span>
      </p>
    </div>
  );
}
