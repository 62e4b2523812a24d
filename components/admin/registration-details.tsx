import { getTranslations } from "next-intl/server";
import Link from "next/link";
import type { PendingRegistration } from "@/lib/auth/register-kim";

/**
 * What the organiser needs to decide one registration: for a request to join an existing KIM,
 * whether its members decide (they have active accounts) or the organiser does, with the KIM's
 * members, films and awards; for a new KIM, the KIMs of a close name in the same village.
 */
export async function RegistrationDetails({ registration: r }: { registration: PendingRegistration }) {
  const [t, tf] = await Promise.all([getTranslations("registrations"), getTranslations("filmStatus")]);
  if (r.similar.length > 0) {
    return (
      <div className="mt-2 rounded border border-amber-400 bg-amber-50 p-3 text-amber-950" data-testid="similar-kims" role="note">
        <p className="font-medium">{t("similar")}</p>
        <ul className="list-disc pl-5">
          {r.similar.map((k) => (
            <li key={k.slug}>
              <Link href={`/kim/${k.slug}`}>{k.name}</Link>
            </li>
          ))}
        </ul>
      </div>
    );
  }
  if (!r.join) return null;
  if (r.join.activeMembers > 0) {
    return (
      <p className="mt-2 text-sm" data-testid="join-waits-for-members">
        {t("joinWaits", { count: r.join.activeMembers })}
      </p>
    );
  }
  const d = r.join.dossier;
  return (
    <div className="mt-2 space-y-2 rounded border border-line p-3" data-testid="join-dossier">
      <p className="font-medium">{t("joinNoMembers")}</p>
      {d && (
        <>
          <p>
            <Link href={`/kim/${d.kim.slug}`}>{d.kim.name}</Link>
          </p>
          <div>
            <p className="text-sm font-semibold">{t("members")}</p>
            {d.accounts.length + d.board.length === 0 ? (
              <p className="text-sm text-muted">{t("noMembers")}</p>
            ) : (
              <ul className="list-disc pl-5 text-sm">
                {d.accounts.map((a) => (
                  <li key={a.email}>
                    {a.name} · {a.email} · {t(`accountStatus.${a.status}`)}
                  </li>
                ))}
                {d.board.map((b, i) => (
                  <li key={`board-${i}`}>
                    {b.name} · {b.position}
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div>
            <p className="text-sm font-semibold">{t("films")}</p>
            {d.films.length === 0 ? (
              <p className="text-sm text-muted">{t("noFilms")}</p>
            ) : (
              <ul className="list-disc pl-5 text-sm">
                {d.films.map((f) => (
                  <li key={f.id}>
                    {f.title} · {f.editionTitle} · {tf(f.status)}
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div>
            <p className="text-sm font-semibold">{t("awards")}</p>
            {d.awards.length === 0 ? (
              <p className="text-sm text-muted">{t("noAwards")}</p>
            ) : (
              <ul className="list-disc pl-5 text-sm">
                {d.awards.map((a, i) => (
                  <li key={i}>
                    {a.name} · {a.editionTitle}
                  </li>
                ))}
              </ul>
            )}
          </div>
        </>
      )}
    </div>
  );
}
