import { getTranslations } from "next-intl/server";
import { embedCode, whatsAppHref } from "@/lib/sharing/share-links";

/**
 * The public pages' share block, plain HTML (they are lean pages, no React runtime): a
 * WhatsApp link with the text filled in and, for a film, the embed code in a <details> with
 * a read-only textarea to copy from (docs/decisions/0037-sharing.md).
 */
export async function ShareLinks({ text, embed, headingId }: { text: string; embed?: { id: string; title: string; baseUrl: string }; headingId: string }) {
  const t = await getTranslations("sharing");
  return (
    <section aria-labelledby={headingId} className="space-y-3" data-testid="share">
      <h2 id={headingId} className="text-xl font-semibold">
        {t("heading")}
      </h2>
      <p>
        <a href={whatsAppHref(text)} className="btn" target="_blank" rel="noopener noreferrer" aria-describedby={`${headingId}-wa`} data-testid="share-whatsapp">
          {t("whatsapp")}
        </a>
        <span id={`${headingId}-wa`} className="mt-1 block text-sm text-muted">
          {t("whatsappHint")}
        </span>
      </p>
      {embed && (
        <details className="card max-w-2xl" data-testid="embed-code">
          <summary className="cursor-pointer font-medium">{t("embed.summary")}</summary>
          <label htmlFor={`${headingId}-embed`} className="mt-3 block font-medium">
            {t("embed.label")}
          </label>
          <textarea id={`${headingId}-embed`} readOnly rows={4} className="field mt-1 font-mono text-sm" aria-describedby={`${headingId}-embed-hint`} defaultValue={embedCode(t, embed, embed.baseUrl)} />
          <p id={`${headingId}-embed-hint`} className="mt-1 text-sm text-muted">
            {t("embed.hint")}
          </p>
        </details>
      )}
    </section>
  );
}
