"use client";

import { useTranslations } from "next-intl";
import { rulesAction } from "@/lib/actions/edition-actions";
import type { FormState } from "@/lib/actions/form-state";
import { Check, Group, Input, SectionForm, Select, TextArea } from "./edition-fields";

export type RulesValues = {
  maxDurationMinutes: string;
  maxDurationSeconds: string;
  minHeight: string;
  maxFileSize: string;
  maxFileUnit: "MB" | "GB";
  containers: string[];
  videoCodecs: string[];
  filmsPerKim: string;
  /** GB, blank for no budget. */
  storageBudgetGb: string;
  subtitles: "opsional" | "bahasa_daerah" | "semua";
  eligibleKims: "aktif" | "semua";
  text: string;
};

type Impact = {
  entries: { filmId: string; code: string; title: string; kimName: string; problems: string[]; outcome: "ditolak_sistem" | "draf" | "tetap" }[];
  overLimit: { kimName: string; entries: number }[];
};
type RulesState = FormState & { impact?: Impact };

const containers = [
  { value: "mp4", label: "MP4" },
  { value: "mov", label: "MOV" },
  { value: "mkv", label: "MKV" },
  { value: "webm", label: "WebM" },
];
const codecs = [
  { value: "h264", label: "H.264" },
  { value: "hevc", label: "H.265 (HEVC)" },
  { value: "vp9", label: "VP9" },
  { value: "av1", label: "AV1" },
];

/**
 * The rules films are checked against. A change that tightens them once entries exist comes
 * back with the entries it would affect and a "Saya mengerti" box; the second post saves.
 */
export function RulesForm({ edition, values, filmsLimit, storageUsed }: { edition: string; values: RulesValues; filmsLimit: number; storageUsed: string }) {
  const t = useTranslations("pengaturan.rules");
  const box = (state: RulesState, name: string, ticked: boolean) => (state.values ? state.values[name] === "on" : ticked);
  return (
    <SectionForm<RulesState> action={rulesAction} edition={edition} submit={t("save")}>
      {(state) => (
        <>
          <Group name="maxDurationMinutes" legend={t("maxDuration")} state={state}>
            <div className="grid grid-cols-2 gap-3">
              <Input name="maxDurationMinutes" id="rules-minutes" label={t("minutes")} type="number" inputMode="numeric" min="0" state={{ ...state, fieldErrors: undefined }} stored={values.maxDurationMinutes} />
              <Input name="maxDurationSeconds" id="rules-seconds" label={t("seconds")} type="number" inputMode="numeric" min="0" max="59" state={state} stored={values.maxDurationSeconds} />
            </div>
          </Group>
          <Select
            name="minHeight"
            id="rules-minHeight"
            label={t("minHeight")}
            hint={t("minHeightHint")}
            state={state}
            stored={values.minHeight}
            options={["360", "480", "720", "1080"].map((h) => ({ value: h, label: `${h}p` }))}
          />
          <Group name="maxFileSize" legend={t("maxFileSize")} hint={t("maxFileSizeHint")} state={state}>
            <div className="grid grid-cols-2 gap-3">
              <Input name="maxFileSize" id="rules-size" label={t("size")} type="number" inputMode="decimal" step="any" min="0" state={{ ...state, fieldErrors: undefined }} stored={values.maxFileSize} />
              <Select
                name="maxFileUnit"
                id="rules-unit"
                label={t("unit")}
                state={state}
                stored={values.maxFileUnit}
                options={[
                  { value: "MB", label: "MB" },
                  { value: "GB", label: "GB" },
                ]}
              />
            </div>
          </Group>
          <Group name="containers" legend={t("containers")} state={state}>
            <div className="flex flex-wrap gap-x-6 gap-y-2">
              {containers.map((c) => (
                <Check key={c.value} name={`container_${c.value}`} id={`rules-container-${c.value}`} label={c.label} state={{ ...state, values: undefined }} stored={box(state, `container_${c.value}`, values.containers.includes(c.value))} />
              ))}
            </div>
          </Group>
          <Group name="videoCodecs" legend={t("videoCodecs")} hint={t("videoCodecsHint")} state={state}>
            <div className="flex flex-wrap gap-x-6 gap-y-2">
              {codecs.map((c) => (
                <Check key={c.value} name={`codec_${c.value}`} id={`rules-codec-${c.value}`} label={c.label} state={{ ...state, values: undefined }} stored={box(state, `codec_${c.value}`, values.videoCodecs.includes(c.value))} />
              ))}
            </div>
          </Group>
          <Input
            name="storageBudgetGb"
            id="rules-storageBudget"
            label={t("storageBudget")}
            hint={t("storageBudgetHint", { used: storageUsed })}
            type="number"
            inputMode="decimal"
            step="any"
            min="0"
            state={state}
            stored={values.storageBudgetGb}
          />
          <Input name="filmsPerKim" id="rules-filmsPerKim" label={t("filmsPerKim")} type="number" inputMode="numeric" min="1" max={String(filmsLimit)} state={state} stored={values.filmsPerKim} />
          <Select
            name="subtitles"
            id="rules-subtitles"
            label={t("subtitles")}
            state={state}
            stored={values.subtitles}
            options={(["opsional", "bahasa_daerah", "semua"] as const).map((v) => ({ value: v, label: t(`subtitles_${v}`) }))}
          />
          <Select
            name="eligibleKims"
            id="rules-eligible"
            label={t("eligibleKims")}
            state={state}
            stored={values.eligibleKims}
            options={(["semua", "aktif"] as const).map((v) => ({ value: v, label: t(`eligible_${v}`) }))}
          />
          <TextArea name="text" id="rules-text" label={t("text")} hint={t("textHint")} state={state} stored={values.text} rows={4} />
          {state.impact && <ImpactList impact={state.impact} state={state} />}
        </>
      )}
    </SectionForm>
  );
}

function ImpactList({ impact, state }: { impact: Impact; state: RulesState }) {
  const t = useTranslations("pengaturan.rules");
  return (
    <div className="space-y-3 rounded-md border border-amber-300 bg-amber-50 p-3" data-testid="rule-impact">
      <h3 className="font-semibold">{t("impactTitle")}</h3>
      {impact.entries.length > 0 && (
        <ul className="space-y-2">
          {impact.entries.map((e) => (
            <li key={e.filmId}>
              <p className="font-medium">
                {e.code} · {e.title} · {e.kimName}
              </p>
              <p className="text-sm">{t(`outcome_${e.outcome}`)}</p>
              <ul className="list-disc pl-5 text-sm">
                {e.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      {impact.overLimit.length > 0 && (
        <ul className="list-disc pl-5 text-sm">
          {impact.overLimit.map((k) => (
            <li key={k.kimName}>{t("overLimit", { kim: k.kimName, count: k.entries })}</li>
          ))}
        </ul>
      )}
      <Check name="confirm" id="rules-confirm" label={t("confirm")} state={state} stored={false} required />
    </div>
  );
}
