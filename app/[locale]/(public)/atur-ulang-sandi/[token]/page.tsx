import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { cache } from "react";
import { PageTitle } from "@/components/layout/page-title";
import { ResetPasswordForm } from "@/components/auth/simple-forms";
import { passwordTokenState } from "@/lib/auth/reset-password";
import { getDb } from "@/lib/db/client";
import { formatWib } from "@/lib/format/dates";

// Per request (query string, forms): app/[locale] lists static params, so this must be said explicitly.
export const dynamic = "force-dynamic";

// One link page for both: a forgotten password ("reset", 60 minutes) and the first password of
// an account made by `npm run admin -- create-organiser` ("setup", 24 hours).
const linkState = cache((token: string) => passwordTokenState(getDb(), token));

type Props = { params: Promise<{ token: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const state = await linkState((await params).token);
  const setup = state.state !== "unknown" && state.purpose === "setup";
  // "same-origin", not "no-referrer": the token in the address still reaches no other site, and a
  // form posted without JavaScript keeps its Origin header (no-referrer sends "null", which Next
  // refuses as a cross-site server action).
  return { title: setup ? "Buat kata sandi" : "Atur ulang kata sandi", referrer: "same-origin" };
}

export default async function ResetPasswordPage({ params }: Props) {
  const { token } = await params;
  const [state, t, tp, locale] = await Promise.all([linkState(token), getTranslations("panitia.setup"), getTranslations("password"), getLocale()]);
  if (state.state === "open") {
    return (
      <div className="mx-auto max-w-md">
        {state.purpose === "setup" ? (
          <PageTitle title={t("title")} subtitle={t("intro", { name: state.name, email: state.email, date: formatWib(state.expiresAt, locale) })} />
        ) : (
          <PageTitle title={tp("newTitle")} subtitle={t("resetIntro", { email: state.email })} />
        )}
        <ResetPasswordForm token={token} purpose={state.purpose} />
      </div>
    );
  }
  const setup = state.state !== "unknown" && state.purpose === "setup";
  const text = state.state === "expired" ? t(setup ? "expiredSetup" : "expiredReset") : t(state.state);
  return (
    <div className="mx-auto max-w-md space-y-3">
      <PageTitle title={t(`${state.state}Title`)} subtitle={text} />
      {state.state === "used" || setup ? (
        <Link href="/masuk" className="btn">
          {(await getTranslations("panitia.accept"))("signIn")}
        </Link>
      ) : (
        <Link href="/lupa-sandi" className="btn">
          {t("requestNew")}
        </Link>
      )}
    </div>
  );
}
