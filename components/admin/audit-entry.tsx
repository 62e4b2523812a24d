import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { auditHref, type AuditRow } from "@/lib/audit/list-audit";
import { formatWib } from "@/lib/format/dates";

type Translate = Awaited<ReturnType<typeof getTranslations>>;

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isoTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** "results.seal" in words, or the code itself when it has none yet. */
export function actionLabel(t: Translate, action: string): string {
  const key = `actions.${action.replace(/[.-]/g, "_")}`;
  return t.has(key) ? t(key) : action;
}

// Shown first when present: what a reader of the log looks for.
const firstKeys = ["reason", "kimName", "name", "email"];
const statusKeys = new Set(["status", "previousStatus"]);
const rank = (key: string) => (firstKeys.includes(key) ? firstKeys.indexOf(key) : firstKeys.length);

/** The top-level values of an entry's data, readable: ids named, statuses and times in words, long text cut, nested data counted. */
function summary(data: Record<string, unknown> | null, names: Map<string, string>, t: Translate, filmStatus: Translate, locale: string): { label: string; value: string }[] {
  const out: { label: string; value: string }[] = [];
  const entries = Object.entries(data ?? {}).sort(([a], [b]) => rank(a) - rank(b));
  for (const [key, raw] of entries) {
    const label = t.has(`dataKeys.${key}`) ? t(`dataKeys.${key}`) : key;
    const text = (value: unknown): string | null => {
      if (value === null || value === undefined || value === "") return null;
      if (typeof value === "boolean") return value ? t("entry.yes") : t("entry.no");
      if (typeof value === "number") return String(value);
      if (typeof value === "string") {
        if (statusKeys.has(key) && filmStatus.has(value)) return filmStatus(value);
        if (uuid.test(value)) return names.get(value.toLowerCase()) ?? null;
        if (isoTime.test(value) && !Number.isNaN(Date.parse(value))) return formatWib(new Date(value), locale);
        return value.length > 160 ? `${value.slice(0, 157)}…` : value;
      }
      return null;
    };
    let value: string | null;
    if (Array.isArray(raw)) value = raw.every((v) => typeof v === "string" && uuid.test(v)) && raw.length <= 5 ? raw.map(text).filter(Boolean).join(", ") || null : t("entry.items", { count: raw.length });
    else if (raw && typeof raw === "object") value = null;
    else value = text(raw);
    if (value && !out.some((o) => o.label === label && o.value === value)) out.push({ label, value });
  }
  return out.slice(0, 8);
}

/** What the entry is about, by name: a film, an edition, an account, a registration, an invitation. */
function subject(row: AuditRow, t: Translate): string {
  if (row.entityType === "score_sheet" && row.filmCode) return t("entry.sheet", { code: row.filmCode });
  if (row.filmCode) return t("entry.film", { code: row.filmCode, title: row.filmTitle ?? "" });
  if (row.entityType === "edition" && row.editionTitle) return t("entry.edition", { title: row.editionTitle });
  if (row.subjectName) return t("entry.user", { name: row.subjectName });
  if (row.registrationKim) return t("entry.registration", { name: row.registrationKim });
  if (row.invitationName) return t("entry.invitation", { name: row.invitationName });
  const type = t.has(`entityTypes.${row.entityType}`) ? t(`entityTypes.${row.entityType}`) : row.entityType;
  // An id nobody can name is left out rather than shown raw.
  return row.entityId && !uuid.test(row.entityId) && !/^[0-9a-f]{16}$/.test(row.entityId) ? `${type} ${row.entityId}` : type;
}

export async function AuditEntry({ row, names }: { row: AuditRow; names: Map<string, string> }) {
  const [t, filmStatus, locale] = await Promise.all([getTranslations("audit"), getTranslations("filmStatus"), getLocale()]);
  const facts = summary(row.data, names, t, filmStatus, locale);
  const about = subject(row, t);
  return (
    <li className="card space-y-1" data-testid="audit-entry" data-action={row.action}>
      <p className="text-sm text-muted">
        <time dateTime={row.at.toISOString()}>{formatWib(row.at, locale)}</time>
      </p>
      <p className="font-semibold">{actionLabel(t, row.action)}</p>
      <p className="text-sm">
        <span className="sr-only">{t("entry.who")}: </span>
        {row.actorId && row.actorName ? (
          <>
            {row.actorName}
            {row.actorRole && <span className="text-muted"> ({t(`roles.${row.actorRole}`)})</span>} · <Link href={auditHref({ akun: row.actorId })}>{t("entry.byAccount")}</Link>
          </>
        ) : (
          t("entry.system")
        )}
      </p>
      <p className="text-sm break-words">
        <span className="sr-only">{t("entry.about")}: </span>
        {about}
        {row.editionTitle && row.entityType !== "edition" && row.editionSlug && (
          <>
            {" · "}
            <Link href={auditHref({ edisi: row.editionSlug })}>{t("entry.inEdition", { title: row.editionTitle })}</Link>
          </>
        )}
      </p>
      {facts.length > 0 && (
        <dl className="grid grid-cols-[auto_1fr] gap-x-2 text-sm">
          {facts.map((f, i) => (
            <div key={i} className="contents">
              <dt className="text-muted">{f.label}</dt>
              <dd className="break-words">{f.value}</dd>
            </div>
          ))}
        </dl>
      )}
      {row.data && Object.keys(row.data).length > 0 && (
        <details className="text-sm">
          <summary className="cursor-pointer">{t("entry.details")}</summary>
          <pre className="mt-1 overflow-x-auto rounded bg-gray-50 p-2 text-xs">{JSON.stringify(row.data, null, 2)}</pre>
        </details>
      )}
    </li>
  );
}
