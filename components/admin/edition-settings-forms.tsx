"use client";

import { useTranslations } from "next-intl";
import { datesAction, extendEditionAction, extendKimAction, identityAction, judgingAction, statusAction } from "@/lib/actions/edition-actions";
import { Check, Input, SectionForm, Select, TextArea } from "./edition-fields";

type Region = { code: string; name: string; level: "kabupaten" | "provinsi" };

export type IdentityValues = { title: string; slug: string; theme: string; description: string; year: string; regionCode: string };

export function IdentityForm({ edition, values, regions, regionLocked, slugLocked }: { edition: string; values: IdentityValues; regions: Region[]; regionLocked: boolean; slugLocked: boolean }) {
  const t = useTranslations("pengaturan.identity");
  const tc = useTranslations("pengaturan.create");
  const tl = useTranslations("pengaturan.level");
  return (
    <SectionForm action={identityAction} edition={edition} submit={t("save")}>
      {(state) => (
        <>
          <Input name="title" id="identity-title" label={tc("title")} state={state} stored={values.title} />
          <div className="grid gap-3 sm:grid-cols-2">
            <Input name="year" id="identity-year" label={tc("year")} type="number" inputMode="numeric" state={state} stored={values.year} />
            <Input name="theme" id="identity-theme" label={tc("theme")} state={state} stored={values.theme} />
          </div>
          <TextArea name="description" id="identity-description" label={tc("description")} state={state} stored={values.description} rows={4} />
          <Select
            name="regionCode"
            id="identity-region"
            label={tc("region")}
            hint={regionLocked ? t("regionLocked") : t("regionHint")}
            state={state}
            stored={values.regionCode}
            disabled={regionLocked}
            options={regions.map((r) => ({ value: r.code, label: r.level === "provinsi" ? `${r.name} (${tl(r.level)})` : r.name }))}
          />
          <Input name="slug" id="identity-slug" label={tc("slug")} hint={slugLocked ? t("slugLocked") : t("slugHint")} state={state} stored={values.slug} readOnly={slugLocked} />
        </>
      )}
    </SectionForm>
  );
}

export type DateValues = { submissionOpensAt: string; submissionClosesAt: string; judgingClosesAt: string; announceAt: string; uploadGraceMinutes: string };

export function DatesForm({ edition, values, entryDatesLocked }: { edition: string; values: DateValues; entryDatesLocked: boolean }) {
  const t = useTranslations("pengaturan.dates");
  return (
    <SectionForm action={datesAction} edition={edition} submit={t("save")}>
      {(state) => (
        <>
          <div className="grid gap-3 sm:grid-cols-2">
            {(["submissionOpensAt", "submissionClosesAt", "judgingClosesAt", "announceAt"] as const).map((name) => {
              const locked = entryDatesLocked && (name === "submissionOpensAt" || name === "submissionClosesAt");
              return (
                <Input key={name} name={name} id={`dates-${name}`} label={t(name)} hint={locked ? t(`${name}Locked`) : undefined} type="datetime-local" state={state} stored={values[name]} readOnly={locked} />
              );
            })}
          </div>
          <Input name="uploadGraceMinutes" id="dates-grace" label={t("grace")} hint={t("graceHint")} type="number" inputMode="numeric" min="0" max="1440" state={state} stored={values.uploadGraceMinutes} />
        </>
      )}
    </SectionForm>
  );
}

export type JudgingValues = {
  judgesPerFilm: number;
  assignmentMode: "k" | "all";
  rankingMethod: "mean" | "zscore";
  juara: number;
  harapan: number;
  screeningRound: boolean;
  tieBreak: string[];
  showOtherJudgesScores: boolean;
  showJuryCommentsToKim: boolean;
};

export function JudgingForm({ edition, values, criteria }: { edition: string; values: JudgingValues; criteria: { id: string; name: string }[] }) {
  const t = useTranslations("pengaturan.judging");
  return (
    <SectionForm action={judgingAction} edition={edition} submit={t("save")}>
      {(state) => (
        <>
          <div className="grid gap-3 sm:grid-cols-2">
            <Input name="judgesPerFilm" id="judging-perFilm" label={t("judgesPerFilm")} hint={t("judgesPerFilmHint")} type="number" inputMode="numeric" min="1" max="15" state={state} stored={values.judgesPerFilm} />
            <Select
              name="assignmentMode"
              id="judging-mode"
              label={t("assignmentMode")}
              state={state}
              stored={values.assignmentMode}
              options={[
                { value: "k", label: t("mode_k") },
                { value: "all", label: t("mode_all") },
              ]}
            />
          </div>
          <Select
            name="rankingMethod"
            id="judging-method"
            label={t("rankingMethod")}
            hint={t("rankingHint")}
            state={state}
            stored={values.rankingMethod}
            options={[
              { value: "mean", label: t("method_mean") },
              { value: "zscore", label: t("method_zscore") },
            ]}
          />
          <fieldset className="space-y-2">
            <legend className="font-medium">{t("placements")}</legend>
            <p className="text-sm text-muted">{t("placementsHint")}</p>
            <div className="grid grid-cols-2 gap-3">
              <Input name="juara" id="judging-juara" label={t("juara")} type="number" inputMode="numeric" min="0" max="3" state={state} stored={values.juara} />
              <Input name="harapan" id="judging-harapan" label={t("harapan")} type="number" inputMode="numeric" min="0" max="3" state={state} stored={values.harapan} />
            </div>
          </fieldset>
          <fieldset className="space-y-2">
            <legend className="font-medium">{t("tieBreak")}</legend>
            <p className="text-sm text-muted">{criteria.length ? t("tieBreakHint") : t("tieBreakNoRubric")}</p>
            {[0, 1, 2].map((i) => (
              <Select
                key={i}
                name={`tieBreak.${i}`}
                id={`judging-tieBreak-${i}`}
                label={t("tieBreakPlace", { place: i + 1 })}
                state={state}
                stored={values.tieBreak[i] ?? ""}
                options={[{ value: "", label: t("tieBreakNone") }, ...criteria.map((c) => ({ value: c.id, label: c.name }))]}
              />
            ))}
          </fieldset>
          <Select
            name="screeningRound"
            id="judging-screening"
            label={t("screening")}
            hint={t("screeningHint")}
            state={state}
            stored={values.screeningRound ? "ya" : "tidak"}
            options={[
              { value: "tidak", label: t("screening_tidak") },
              { value: "ya", label: t("screening_ya") },
            ]}
          />
          <Check name="showOtherJudgesScores" id="judging-showOther" label={t("showOtherJudgesScores")} state={state} stored={values.showOtherJudgesScores} />
          <Check name="showJuryCommentsToKim" id="judging-showKim" label={t("showJuryCommentsToKim")} state={state} stored={values.showJuryCommentsToKim} />
        </>
      )}
    </SectionForm>
  );
}

/** One step of the lifecycle: a required confirmation box (checked by the server too) and the button. */
export function StatusStepForm({ edition, to, confirm, submit }: { edition: string; to: "pendaftaran" | "draf" | "penjurian"; confirm: string; submit: string }) {
  return (
    <SectionForm action={statusAction} edition={edition} submit={submit}>
      {(state) => (
        <>
          <input type="hidden" name="to" value={to} />
          <Check name="confirm" id={`confirm-${to}`} label={confirm} state={state} stored={false} required />
        </>
      )}
    </SectionForm>
  );
}

export function ExtendEditionForm({ edition, current }: { edition: string; current: string }) {
  const t = useTranslations("pengaturan.extend");
  return (
    <SectionForm action={extendEditionAction} edition={edition} submit={t("submitEdition")}>
      {(state) => (
        <>
          <Input name="closesAt" id="extend-edition-closesAt" label={t("newClose")} type="datetime-local" state={state} stored={current} />
          <Input name="reason" id="extend-edition-reason" label={t("reasonOptional")} state={state} />
        </>
      )}
    </SectionForm>
  );
}

export function ExtendKimForm({ edition, current, kims }: { edition: string; current: string; kims: { id: string; name: string }[] }) {
  const t = useTranslations("pengaturan.extend");
  return (
    <SectionForm action={extendKimAction} edition={edition} submit={t("submitKim")}>
      {(state) => (
        <>
          <Select name="kimId" id="extend-kim" label={t("kim")} state={state} options={[{ value: "", label: t("chooseKim") }, ...kims.map((k) => ({ value: k.id, label: k.name }))]} />
          <Input name="closesAt" id="extend-kim-closesAt" label={t("newClose")} type="datetime-local" state={state} stored={current} />
          <Input name="reason" id="extend-kim-reason" label={t("reason")} hint={t("reasonHint")} state={state} />
        </>
      )}
    </SectionForm>
  );
}
