import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { setLocale } from "@/lib/actions/locale";
import { getActor } from "@/lib/auth/session";
import { homePathFor } from "@/lib/auth/scope";
import { SignOutButton } from "@/components/auth/sign-out-button";

export async function SiteHeader() {
  const [t, locale, actor] = await Promise.all([getTranslations("app"), getLocale(), getActor()]);
  const other = locale === "id" ? "en" : "id";
  return (
    <header className="border-b border-line bg-white">
      <nav aria-label={t("navLabel")} className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
        <Link href="/" className="mr-auto text-xl font-bold text-brand no-underline">
          {t("name")}
        </Link>
        {actor ? (
          <>
            <Link href={homePathFor(actor.role)}>{t("nav.dashboard")}</Link>
            <Link href="/akun/sandi">{t("nav.account")}</Link>
            <SignOutButton label={t("nav.signOut")} />
          </>
        ) : (
          <>
            <Link href="/daftar">{t("nav.register")}</Link>
            <Link href="/masuk" className="btn">
              {t("nav.signIn")}
            </Link>
          </>
        )}
        <form action={setLocale}>
          <input type="hidden" name="locale" value={other} />
          <button type="submit" className="btn-quiet min-h-11" lang={other}>
            {t("switchTo")}
          </button>
        </form>
      </nav>
    </header>
  );
}
