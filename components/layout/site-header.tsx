import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { setLocale } from "@/lib/actions/locale";
import { AccountNav } from "./account-nav";

/**
 * Reads no cookie or session, so every page that uses it can be static: who is signed in is
 * filled in by the AccountNav island in the browser, or, on a page sent without Next's scripts
 * (lib/server/lean-page.ts), by a few lines of plain script.
 */
export async function SiteHeader() {
  const [t, locale] = await Promise.all([getTranslations("app"), getLocale()]);
  const other = locale === "id" ? "en" : "id";
  return (
    <header className="border-b border-line bg-white">
      <nav aria-label={t("navLabel")} className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
        <Link href="/" className="mr-auto text-xl font-bold text-brand no-underline">
          {t("name")}
        </Link>
        {/* data-akun: where the lean pages' plain script (lib/browser/account-nav-script.ts) puts a signed-in user's links. */}
        <span className="contents" data-akun="" data-dashboard={t("nav.dashboard")} data-account={t("nav.account")} data-sign-out={t("nav.signOut")}>
          <AccountNav
            labels={{ register: t("nav.register"), signIn: t("nav.signIn"), dashboard: t("nav.dashboard"), account: t("nav.account"), signOut: t("nav.signOut") }}
          />
        </span>
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
