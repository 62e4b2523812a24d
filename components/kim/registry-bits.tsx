import { getTranslations } from "next-intl/server";
import { formatDateWib, formatWib } from "@/lib/format/dates";
import { whatsappLink } from "@/lib/kim/whatsapp";
import { ChangeDecision } from "./kim-admin-forms";

/** A registry day (YYYY-MM-DD, a WIB day) in words. */
export function dayLabel(day: string | null | undefined, locale: string): string {
  return day ? formatDateWib(new Date(`${day}T12:00:00+07:00`), locale) : "—";
}

/** WhatsApp click-to-chat and mailto links for a contact, where known. */
export function ContactLinks({ phone, email }: { phone: string | null; email: string | null }) {
  const wa = whatsappLink(phone);
  if (!wa && !email) return null;
  return (
    <span className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
      {wa && (
        <a href={wa} target="_blank" rel="noreferrer" data-testid="kim-whatsapp">
          WhatsApp {phone}
        </a>
      )}
      {email && (
        <a href={`mailto:${email}`} className="break-all">
          {email}
        </a>
      )}
    </span>
  );
}

export type PendingRequest = { id: string; kimId?: string; kimName?: string; name: string | null; villageName: string | null; note: string | null; requestedBy: string | null; createdAt: Date };

/** Change requests waiting for the organiser, each with its decision forms. */
export async function PendingRequests({ requests, locale, showKim }: { requests: PendingRequest[]; locale: string; showKim: boolean }) {
  const t = await getTranslations("kimRegistry.requests");
  if (requests.length === 0) return <p className="text-muted">{t("none")}</p>;
  return (
    <ul className="space-y-3" data-testid="change-requests">
      {requests.map((r) => (
        <li key={r.id} className="card space-y-1">
          {showKim && r.kimId && (
            <p className="font-medium">
              <a href={`/admin/kim/${r.kimId}`}>{r.kimName}</a>
            </p>
          )}
          {r.name && <p className="break-words">{t("newName", { name: r.name })}</p>}
          {r.villageName && <p>{t("newVillage", { name: r.villageName })}</p>}
          {r.note && <p className="text-sm break-words whitespace-pre-line">{t("note", { note: r.note })}</p>}
          <p className="text-sm text-muted">{t("by", { name: r.requestedBy ?? "—", date: formatWib(r.createdAt, locale) })}</p>
          <ChangeDecision requestId={r.id} />
        </li>
      ))}
    </ul>
  );
}
