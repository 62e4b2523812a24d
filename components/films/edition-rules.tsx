import { getLocale, getTranslations } from "next-intl/server";
import type { EditionRules as Rules } from "@/lib/db/schema";
import { formatBytes } from "@/lib/format/bytes";
import { formatDuration } from "@/lib/format/duration";
import { containerLabel, listChoices, normaliseName } from "@/lib/video/label-media";

type RuleFacts = Pick<Rules, "maxDurationSeconds" | "minHeight" | "maxFileBytes" | "containers" | "filmsPerKim" | "subtitles" | "eligibleKims">;
type Criterion = { name: string; description: string | null; percent: number; minScore: number; maxScore: number };

type Props = {
  rules: RuleFacts;
  /** The organiser's own words about the rules (rules.text). */
  text?: string | null;
  /** The edition's region, for "who may enter". */
  regionName?: string;
  categories?: { name: string; description: string | null }[];
  rubric?: Criterion[];
  /** Id of the section's heading (a page may show the rules once). */
  headingId: string;
  /** 2 on a page of its own; 3 inside a card. */
  level?: 2 | 3;
  /** Only what the uploader checks (next to it on the entry page), the rest folded away. */
  compact?: boolean;
};

// Durations, sizes and lists are formatted in Indonesian by lib/format; English readers get
// the same values with English units (as lib/i18n/translate-message.ts carries them).
function localised(locale: string) {
  const en = locale === "en";
  return {
    duration: (s: number) => (en ? formatDuration(s).replace(/(\d+) jam/g, "$1 h").replace(/(\d+) menit/g, "$1 min").replace(/(\d+) detik/g, "$1 s") : formatDuration(s)),
    bytes: (n: number) => (en ? formatBytes(n).replace(/(\d),(\d)/g, "$1.$2") : formatBytes(n)),
    choices: (items: string[]) => (en ? listChoices(items).replace(/,? atau /g, (sep) => (sep.startsWith(",") ? ", or " : " or ")) : listChoices(items)),
    number: (n: number) => (en ? String(n) : String(n).replace(".", ",")),
  };
}

/**
 * The rules an edition holds a film to, as the public festival page, the KIM's "send a
 * film" page, the entry page and the organiser's upload page show them: the same wording
 * everywhere, from the edition's stored rules (read through editionRules()).
 */
export async function EditionRules({ rules, text, regionName, categories = [], rubric = [], headingId, level = 2, compact = false }: Props) {
  const [t, locale] = await Promise.all([getTranslations("kirim.rules"), getLocale()]);
  const f = localised(locale);
  const Heading = level === 2 ? "h2" : "h3";
  const Sub = level === 2 ? "h3" : "h4";
  const longSide = Math.ceil((rules.minHeight * 16) / 9 / 2) * 2;
  const technical: [string, string][] = [
    [t("maxDuration"), f.duration(rules.maxDurationSeconds)],
    [t("minResolution"), t("minResolutionValue", { min: rules.minHeight, landscape: `${longSide}×${rules.minHeight}`, portrait: `${rules.minHeight}×${longSide}` })],
    [t("maxSize"), f.bytes(rules.maxFileBytes)],
    [t("formats"), rules.containers.length ? f.choices(rules.containers.map((c) => containerLabel(normaliseName(c)))) : t("formatsAny")],
    [t("subtitles"), t(`subtitles_${rules.subtitles}`)],
  ];
  const entry: [string, string][] = [
    [t("filmsPerKim"), t("filmsPerKimValue", { count: rules.filmsPerKim })],
    [t("eligible"), t(`eligible_${rules.eligibleKims}`, { region: regionName ?? t("thisRegion") })],
  ];
  const more = (
    <>
      {text && (
        <div>
          <Sub className="font-semibold">{t("other")}</Sub>
          <p className="max-w-2xl whitespace-pre-line">{text}</p>
        </div>
      )}
      {categories.length > 0 && (
        <div>
          <Sub className="font-semibold">{t("categories")}</Sub>
          <ul className="list-disc space-y-1 pl-5" data-testid="rules-categories">
            {categories.map((c) => (
              <li key={c.name}>
                {c.name}
                {c.description && <span className="text-sm text-muted"> — {c.description}</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
      {rubric.length > 0 && (
        <div>
          <Sub className="font-semibold">{t("rubric")}</Sub>
          <ol className="list-decimal space-y-1 pl-5" data-testid="rules-rubric">
            {rubric.map((c) => (
              <li key={c.name}>
                <span className="font-medium">{c.name}</span> · {t("weight", { percent: f.number(c.percent) })} · {t("range", { min: f.number(c.minScore), max: f.number(c.maxScore) })}
                {c.description && <span className="block text-sm text-muted">{c.description}</span>}
              </li>
            ))}
          </ol>
        </div>
      )}
    </>
  );

  return (
    <section aria-labelledby={headingId} className="space-y-3" data-testid="edition-rules">
      <Heading id={headingId} className={level === 2 ? "text-xl font-semibold" : "font-semibold"}>
        {t("title")}
      </Heading>
      <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
        {[...technical, ...(compact ? [] : entry)].map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="font-medium">{term}</dt>
            <dd className="mb-2 break-words sm:mb-0">{value}</dd>
          </div>
        ))}
      </dl>
      {compact
        ? (categories.length > 0 || rubric.length > 0 || !!text) && (
            <details>
              <summary className="cursor-pointer">{t("more")}</summary>
              <div className="mt-2 space-y-3">{more}</div>
            </details>
          )
        : more}
    </section>
  );
}
