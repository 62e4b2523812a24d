"use client";

import { useLocale, useTranslations } from "next-intl";
import { scoreStep, type Criterion } from "./sheet-values";

type Props = {
  criterion: Criterion;
  share: number;
  score: string;
  comment: string;
  error?: string;
  readOnly: boolean;
  onChange: (field: "score" | "comment", value: string) => void;
};

/** One rubric criterion: its weight and range, a score and a comment, and its error read out with both. */
export function CriterionField({ criterion: c, share, score, comment, error, readOnly, onChange }: Props) {
  const t = useTranslations("judging.sheet");
  const locale = useLocale();
  const number = (n: number) => new Intl.NumberFormat(locale === "en" ? "en-GB" : "id-ID", { maximumFractionDigits: 1 }).format(n);
  const errorId = `kriteria-${c.id}-error`;
  const hintId = `kriteria-${c.id}-hint`;
  const described = [hintId, error ? errorId : null].filter(Boolean).join(" ");
  return (
    <div className="card" data-criterion={c.id}>
      <fieldset className="space-y-3">
        <legend className="text-lg font-semibold">{c.name}</legend>
        <p id={hintId} className="text-sm text-muted">
          {t("weight", { weight: number(share) })} · {t("range", { min: number(c.minScore), max: number(c.maxScore) })}
          {c.description ? ` · ${c.description}` : ""}
        </p>
        <div>
          <label htmlFor={`nilai-${c.id}`} className="mb-1 block font-medium">
            {t("score", { name: c.name })}
          </label>
          <input
            id={`nilai-${c.id}`}
            name={`nilai-${c.id}`}
            type="number"
            inputMode="decimal"
            min={c.minScore}
            max={c.maxScore}
            step={scoreStep(c)}
            value={score}
            disabled={readOnly}
            onChange={(e) => onChange("score", e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={described}
            className="field max-w-40 disabled:bg-gray-100"
            autoComplete="off"
          />
        </div>
        <div>
          <label htmlFor={`komentar-${c.id}`} className="mb-1 block font-medium">
            {t("comment", { name: c.name })}
          </label>
          <textarea
            id={`komentar-${c.id}`}
            name={`komentar-${c.id}`}
            rows={3}
            maxLength={2000}
            value={comment}
            disabled={readOnly}
            onChange={(e) => onChange("comment", e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            className="field disabled:bg-gray-100"
          />
        </div>
        {error && (
          <p id={errorId} className="text-sm text-danger" data-testid="criterion-error">
            {error}
          </p>
        )}
      </fieldset>
    </div>
  );
}
