"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { cancelKimImportAction, confirmKimImportAction, previewKimImportAction } from "@/lib/actions/kim-import-actions";
import { initialFormState } from "@/lib/actions/form-state";
import { FormMessage, SubmitButton } from "@/components/ui/form";

/** The file field and its refusal, read out with it. */
export function KimImportUploadForm() {
  const t = useTranslations("kimImport");
  const [state, action] = useActionState(previewKimImportAction, initialFormState);
  const errors = state.fieldErrors?.file ?? [];
  return (
    <form action={action} className="space-y-3">
      <div>
        <label htmlFor="import-file" className="mb-1 block font-medium">
          {t("file")}
        </label>
        <p id="import-file-hint" className="mb-1 text-sm text-muted">
          {t("fileHint")} {t("limits")}
        </p>
        <input
          id="import-file"
          name="file"
          type="file"
          required
          accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          className="field w-full"
          aria-invalid={errors.length ? true : undefined}
          aria-describedby={`import-file-hint${errors.length ? " import-file-error" : ""}`}
        />
        {errors.length > 0 && (
          <p id="import-file-error" className="mt-1 text-sm text-danger">
            {errors[0]}
          </p>
        )}
      </div>
      <SubmitButton label={t("preview")} />
      {!errors.length && <FormMessage state={state} />}
    </form>
  );
}

/** A preview row as the page hands it over: texts already in the reader's language. */
export type PreviewRow = { rowNumber: number; name: string; place: string; status: string; contact: string; notes: string[]; problems: string[]; existing?: string };

function RowText({ row }: { row: PreviewRow }) {
  const t = useTranslations("kimImport");
  return (
    <>
      <span className="block text-sm text-muted">
        {t("row", { row: row.rowNumber })}
        {row.place && ` · ${row.place}`}
        {row.status && ` · ${row.status}`}
      </span>
      {row.contact && <span className="block text-sm text-muted">{row.contact}</span>}
      {row.existing && <span className="block text-sm">{row.existing}</span>}
      {[...row.problems, ...row.notes].map((text) => (
        <span key={text} className={`block text-sm ${row.problems.includes(text) ? "text-danger" : "text-muted"}`}>
          {text}
        </span>
      ))}
    </>
  );
}

/**
 * The rows to add (ticked), the KIMs already listed (update only when ticked) and one button.
 * The list works without JavaScript; the button is disabled while the import runs.
 */
export function KimImportConfirmForm({ batchId, fresh, known }: { batchId: string; fresh: PreviewRow[]; known: PreviewRow[] }) {
  const t = useTranslations("kimImport");
  const [state, action] = useActionState(confirmKimImportAction, initialFormState);
  return (
    <form action={action} className="space-y-6">
      <input type="hidden" name="batch" value={batchId} />
      <section aria-labelledby="h-new" className="space-y-2">
        <h2 id="h-new" className="text-xl font-semibold">
          {t("newTitle")} ({fresh.length})
        </h2>
        <p className="text-sm text-muted">{t("newHint")}</p>
        {fresh.length === 0 ? (
          <p>{t("none")}</p>
        ) : (
          <ul className="space-y-2" data-testid="import-new">
            {fresh.map((row) => (
              <li key={row.rowNumber} className="card flex gap-3">
                <input id={`tambah-${row.rowNumber}`} type="checkbox" name="tambah" value={row.rowNumber} defaultChecked className="mt-1 h-5 w-5 shrink-0" />
                <label htmlFor={`tambah-${row.rowNumber}`} className="min-w-0 break-words">
                  <span className="block font-medium">{row.name}</span>
                  <RowText row={row} />
                </label>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="h-known" className="space-y-2">
        <h2 id="h-known" className="text-xl font-semibold">
          {t("existingTitle")} ({known.length})
        </h2>
        <p className="text-sm text-muted">{t("existingHint")}</p>
        {known.length === 0 ? (
          <p>{t("none")}</p>
        ) : (
          <ul className="space-y-2" data-testid="import-known">
            {known.map((row) => (
              <li key={row.rowNumber} className="card space-y-1 break-words">
                <span className="block font-medium">{row.name}</span>
                <RowText row={row} />
                <span className="flex items-center gap-2">
                  <input id={`perbarui-${row.rowNumber}`} type="checkbox" name="perbarui" value={row.rowNumber} className="h-5 w-5" />
                  <label htmlFor={`perbarui-${row.rowNumber}`}>{t("update", { name: row.name })}</label>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <div className="space-y-2">
        <SubmitButton label={t("confirm")} />
        <FormMessage state={state} />
      </div>
    </form>
  );
}

export function KimImportCancelForm({ batchId }: { batchId: string }) {
  const t = useTranslations("kimImport");
  const [state, action] = useActionState(cancelKimImportAction, initialFormState);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="batch" value={batchId} />
      <button type="submit" className="btn-quiet w-full sm:w-auto">
        {t("cancel")}
      </button>
      <FormMessage state={state} />
    </form>
  );
}
