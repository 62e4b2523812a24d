import { getTranslations } from "next-intl/server";
import type { previewMerge } from "@/lib/kim/merge-kims";
import { KimMergeForm } from "./kim-admin-forms";

type Preview = Awaited<ReturnType<typeof previewMerge>>;

/** Choose the duplicate (a GET form), then read what moves and confirm (the server checks the box). */
export async function MergeSection({ kimId, candidates, chosen, preview }: { kimId: string; candidates: { id: string; name: string; districtName: string }[]; chosen: string | null; preview: Preview | null }) {
  const t = await getTranslations("kimRegistry.merge");
  const moves = preview ? Object.entries(preview.moves).filter(([, n]) => n > 0) : [];
  const dropped = preview ? Object.entries(preview.dropped).filter(([, n]) => n > 0) : [];
  return (
    <section aria-labelledby="h-merge" className="space-y-3">
      <h2 id="h-merge" className="text-xl font-semibold">
        {t("heading")}
      </h2>
      <p className="text-sm text-muted">{t("intro")}</p>
      <form method="get" action={`/admin/kim/${kimId}`} className="card space-y-3">
        <div>
          <label htmlFor="gabung" className="mb-1 block font-medium">
            {t("duplicate")}
          </label>
          <select id="gabung" name="gabung" defaultValue={chosen ?? ""} className="field">
            <option value="">{t("chooseDuplicate")}</option>
            {candidates.map((c) => (
              <option key={c.id} value={c.id}>
                {`${c.name} (${c.districtName})`}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-quiet">
          {t("preview")}
        </button>
      </form>
      {preview && (
        <div className="card space-y-3" data-testid="merge-preview">
          <h3 className="text-lg font-semibold break-words">{t("previewHeading", { duplicate: preview.duplicate.name, keep: preview.keep.name })}</h3>
          {moves.length === 0 ? (
            <p>{t("nothing")}</p>
          ) : (
            <table className="w-full text-sm">
              <caption className="text-left font-medium">{t("moves")}</caption>
              <tbody>
                {moves.map(([key, n]) => (
                  <tr key={key} className="border-b border-line">
                    <th scope="row" className="py-1 pr-2 text-left font-normal">
                      {t(`kinds.${key}` as "kinds.films")}
                    </th>
                    <td className="py-1 text-right">{n}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {dropped.length > 0 && (
            <div>
              <p>{t("dropped")}</p>
              <ul className="list-disc pl-5">
                {dropped.map(([key, n]) => (
                  <li key={key}>{t(`droppedKinds.${key}` as "droppedKinds.placements", { count: n })}</li>
                ))}
              </ul>
            </div>
          )}
          {preview.filled.length > 0 && <p>{t("filled", { fields: preview.filled.map((f) => t(`fields.${f}` as "fields.address")).join(", ") })}</p>}
          <p className="text-sm text-muted">{t("statusAfter")}</p>
          <KimMergeForm keepId={preview.keep.id} duplicateId={preview.duplicate.id} keepName={preview.keep.name} duplicateName={preview.duplicate.name} />
        </div>
      )}
    </section>
  );
}
