"use client";

import { useTranslations } from "next-intl";
import { awardFavoritAction, saveFavoritPhaseAction, voidVotesAction } from "@/lib/actions/favorit-actions";
import { ActionForm } from "@/components/ui/action-form";

// The organiser's favorit forms: server actions that work without JavaScript.

type Nominable = { id: string; code: string; title: string; categoryName: string | null };

export function PhaseForm({ slug, films, chosen, opensAt, closesAt, locked }: { slug: string; films: Nominable[]; chosen: string[]; opensAt: string; closesAt: string; locked: boolean }) {
  const t = useTranslations("favorit.admin");
  return (
    <ActionForm action={saveFavoritPhaseAction} hidden={{ slug }} label={t("save")} id="favorit-phase">
      {(state) => (
        <>
          <fieldset className="space-y-2" aria-describedby="nominees-hint">
            <legend className="font-medium">{t("nominees")}</legend>
            <p id="nominees-hint" className="text-sm">{t("nomineesHint")}</p>
            {films.length === 0 && <p>{t("noNominable")}</p>}
            <ul className="space-y-1">
              {films.map((film) => (
                <li key={film.id}>
                  <label className="flex items-start gap-2">
                    <input type="checkbox" name="nominees" value={film.id} defaultChecked={chosen.includes(film.id)} disabled={locked} className="mt-1 h-5 w-5 shrink-0" />
                    <span className="break-words">
                      {film.code} · {film.title} <span className="text-muted">({film.categoryName ?? t("noCategory")})</span>
                    </span>
                  </label>
                  {locked && chosen.includes(film.id) && <input type="hidden" name="nominees" value={film.id} />}
                </li>
              ))}
            </ul>
            {state.fieldErrors?.nominees?.[0] && <p className="text-sm text-danger">{state.fieldErrors.nominees[0]}</p>}
          </fieldset>
          <div>
            <label htmlFor="opensAt" className="block font-medium">{t("opensAt")}</label>
            <input id="opensAt" name="opensAt" type="datetime-local" defaultValue={opensAt} disabled={locked} className="field" aria-describedby="opensAt-hint" />
            <p id="opensAt-hint" className="text-sm">{t("opensHint")}</p>
          </div>
          <div>
            <label htmlFor="closesAt" className="block font-medium">{t("closesAt")}</label>
            <input id="closesAt" name="closesAt" type="datetime-local" defaultValue={closesAt} required className="field" aria-describedby={state.fieldErrors?.closesAt ? "closesAt-error" : undefined} />
            {state.fieldErrors?.closesAt?.[0] && <p id="closesAt-error" className="text-sm text-danger">{state.fieldErrors.closesAt[0]}</p>}
          </div>
        </>
      )}
    </ActionForm>
  );
}

function Reason({ id }: { id: string }) {
  const t = useTranslations("favorit.admin");
  return (
    <div>
      <label htmlFor={id} className="block font-medium">{t("reason")}</label>
      <input id={id} name="reason" required minLength={5} maxLength={300} className="field w-full" />
    </div>
  );
}

export function VoidBurstForm({ slug, voteIds, index }: { slug: string; voteIds: string[]; index: number }) {
  const t = useTranslations("favorit.admin");
  return (
    <ActionForm action={voidVotesAction} hidden={{ slug, voteIds: voteIds.join(",") }} label={t("voidBurst")}>
      {() => <Reason id={`burst-reason-${index}`} />}
    </ActionForm>
  );
}

export type RecentVote = { id: string; time: string; network: string | null; emailDomain: string | null; voided: boolean };

export function VoidSelectedForm({ slug, votes }: { slug: string; votes: RecentVote[] }) {
  const t = useTranslations("favorit.admin");
  return (
    <ActionForm action={voidVotesAction} hidden={{ slug }} label={t("voidSelected")} id="favorit-void">
      {() => (
        <>
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <caption className="text-left">{t("recentHint")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("select")}</th>
                  <th scope="col">{t("time")}</th>
                  <th scope="col">{t("network")}</th>
                  <th scope="col">{t("domain")}</th>
                  <th scope="col">{t("state")}</th>
                </tr>
              </thead>
              <tbody>
                {votes.map((vote, i) => (
                  <tr key={vote.id}>
                    <td>
                      <input type="checkbox" name="voteIds" value={vote.id} disabled={vote.voided} aria-label={`${t("select")} ${i + 1}: ${vote.time}`} className="h-5 w-5" />
                    </td>
                    <td>{vote.time}</td>
                    <td className="break-all">{vote.network ?? "—"}</td>
                    <td className="break-all">{vote.emailDomain ?? "—"}</td>
                    <td>{vote.voided ? t("stateVoided") : t("stateValid")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Reason id="selected-reason" />
        </>
      )}
    </ActionForm>
  );
}

export function AwardForm({ slug }: { slug: string }) {
  const t = useTranslations("favorit.admin");
  return (
    <ActionForm action={awardFavoritAction} hidden={{ slug }} label={t("award")}>
      {() => (
        <label htmlFor="favorit-confirm" className="flex items-start gap-2">
          <input id="favorit-confirm" type="checkbox" name="confirm" value="ya" required className="mt-1 h-5 w-5 shrink-0" />
          <span>{t("confirmAward")}</span>
        </label>
      )}
    </ActionForm>
  );
}
