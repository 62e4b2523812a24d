import Link from "next/link";
import { notFound } from "next/navigation";
import { cookies } from "next/headers";
import { getLocale, getTranslations } from "next-intl/server";
import { PosterPicture } from "@/components/public/film-poster";
import { getDb } from "@/lib/db/client";
import { ballotCookie, decodeBallot, decodeFlash, flashCookie } from "@/lib/favorit/ballot-cookie";
import { availableChannels } from "@/lib/favorit/channel";
import { publicFavorit } from "@/lib/favorit/public-view";
import { formatWib } from "@/lib/format/dates";
import { pageLocale, type LocaleParams } from "@/lib/i18n/page-locale";

// The public's favourite vote (docs/decisions/0036). Plain HTML forms posting to
// /api/favorit/{slug}: it works without JavaScript on any phone. It reads a cookie, so it is
// rendered per request and is not a lean reading page.
export const dynamic = "force-dynamic";

type Props = { params: Promise<LocaleParams & { slug: string }> };

export default async function FavoritPage({ params }: Props) {
  await pageLocale(params);
  const { slug } = await params;
  const jar = await cookies();
  const ballot = decodeBallot(jar.get(ballotCookie)?.value, slug);
  const view = await publicFavorit(getDb(), slug, ballot);
  if (!view) notFound();
  const [t, locale] = await Promise.all([getTranslations("favorit"), getLocale()]);
  const flash = decodeFlash(jar.get(flashCookie)?.value);
  const phone = availableChannels().some((c) => c.kind === "phone");
  const action = `/api/favorit/${view.edition.slug}`;
  const step = view.open ? (ballot?.step ?? "alamat") : "tutup";

  return (
    <article className="space-y-6">
      <nav aria-label={t("public.breadcrumb")} className="text-sm">
        <Link href={`/festival/${view.edition.slug}`}>← {view.edition.title}</Link>
      </nav>
      <header className="space-y-2">
        <h1 className="text-2xl font-bold break-words">{t("public.title")}</h1>
        <p>{t("public.intro", { edition: view.edition.title })}</p>
        <p className="text-sm">{t("public.window", { opens: formatWib(view.opensAt, locale), closes: formatWib(view.closesAt, locale) })}</p>
        <p className="text-sm">{t("public.noTotals")}</p>
      </header>

      {flash && (
        <p role={flash.kind === "galat" ? "alert" : "status"} className={flash.kind === "galat" ? "rounded border border-danger p-3 text-danger" : "rounded border p-3"} data-testid="favorit-flash">
          {flash.text}
        </p>
      )}

      {!view.open && <p data-testid="favorit-closed">{view.opened ? t("public.closed") : t("public.notYet")}</p>}

      {view.open && step === "alamat" && (
        <section aria-labelledby="langkah-1" className="space-y-3 rounded border p-4">
          <h2 id="langkah-1" className="text-lg font-semibold">{t("public.step1")}</h2>
          <form method="post" action={action} className="space-y-3">
            <input type="hidden" name="langkah" value="kode" />
            {phone && (
              <fieldset className="space-y-1">
                <legend>{t("public.channel")}</legend>
                <label className="flex items-center gap-2">
                  <input type="radio" name="saluran" value="email" defaultChecked /> {t("public.channelEmail")}
                </label>
                <label className="flex items-center gap-2">
                  <input type="radio" name="saluran" value="phone" /> {t("public.channelPhone")}
                </label>
              </fieldset>
            )}
            <div>
              <label htmlFor="alamat" className="block font-medium">{phone ? t("public.addressOrPhone") : t("public.email")}</label>
              <input id="alamat" name="alamat" type={phone ? "text" : "email"} autoComplete="email" required maxLength={254} className="field w-full" aria-describedby="alamat-hint" />
              <p id="alamat-hint" className="text-sm">{t("public.emailHint")}</p>
            </div>
            <button type="submit" className="btn">{t("public.sendCode")}</button>
          </form>
        </section>
      )}

      {view.open && step === "kode" && (
        <section aria-labelledby="langkah-2" className="space-y-3 rounded border p-4">
          <h2 id="langkah-2" className="text-lg font-semibold">{t("public.step2")}</h2>
          <form method="post" action={action} className="space-y-3">
            <input type="hidden" name="langkah" value="verifikasi" />
            <div>
              <label htmlFor="kode" className="block font-medium">{t("public.code")}</label>
              <input id="kode" name="kode" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9 -]{6,9}" required maxLength={9} className="field w-40" aria-describedby="kode-hint" />
              <p id="kode-hint" className="text-sm">{t("public.codeHint")}</p>
            </div>
            <button type="submit" className="btn">{t("public.verify")}</button>
          </form>
          <form method="post" action={action}>
            <input type="hidden" name="langkah" value="ulang" />
            <button type="submit" className="underline">{t("public.restart")}</button>
          </form>
        </section>
      )}

      <section aria-labelledby="nominasi" className="space-y-4">
        <h2 id="nominasi" className="text-xl font-semibold">{t("public.nominees")}</h2>
        {view.opened ? (
          <form method="post" action={action} className="space-y-6">
            <input type="hidden" name="langkah" value="pilih" />
            {view.groups.map((group) => {
              const done = view.voted.includes(group.key);
              const legendId = `kategori-${group.key || "umum"}`;
              return (
                <fieldset key={group.key} className="space-y-3" aria-describedby={done ? `${legendId}-done` : undefined}>
                  <legend className="text-lg font-semibold">{group.name ?? t("public.allFilms")}</legend>
                  {done && (
                    <p id={`${legendId}-done`} className="text-sm font-medium">
                      {t("public.alreadyVoted")}
                    </p>
                  )}
                  <ul className="grid gap-4 sm:grid-cols-2">
                    {group.films.map((film) => (
                      <li key={film.filmId} className="space-y-2 rounded border p-3">
                        {film.posterVersion && (
                          <PosterPicture filmId={film.filmId} version={film.posterVersion} width={160} height={240} alt={t("public.posterAlt", { title: film.title })} className="h-60 w-40 rounded border border-line object-cover" />
                        )}
                        <p className="font-medium break-words">{film.title}</p>
                        <video controls preload="none" className="w-full max-w-xs" aria-label={t("public.playerLabel", { title: film.title })}>
                          <source src={`/api/films/${film.filmId}/ringan`} type="video/mp4" />
                          <source src={`/api/films/${film.filmId}/video`} />
                        </video>
                        {view.open && step === "pilih" && !done && (
                          <label className="flex items-center gap-2">
                            <input type="radio" name={`kategori:${group.key}`} value={film.filmId} className="h-5 w-5" /> {t("public.choose", { title: film.title })}
                          </label>
                        )}
                      </li>
                    ))}
                  </ul>
                </fieldset>
              );
            })}
            {view.open && step === "pilih" && view.groups.some((g) => !view.voted.includes(g.key)) && (
              <button type="submit" className="btn">{t("public.submitVote")}</button>
            )}
          </form>
        ) : (
          <p>{t("public.nomineesLater")}</p>
        )}
        {view.open && step === "pilih" && (
          <form method="post" action={action}>
            <input type="hidden" name="langkah" value="ulang" />
            <button type="submit" className="underline">{t("public.done")}</button>
          </form>
        )}
      </section>
    </article>
  );
}
