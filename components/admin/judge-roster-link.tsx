"use client";

import { useTranslations } from "next-intl";

/** A fresh invitation link to copy, and the same link ready for WhatsApp. */
export function InvitationLink({ link, id, label }: { link: string; id: string; label?: string }) {
  const t = useTranslations("invite");
  return (
    <div>
      <label htmlFor={id} className="mb-1 block font-medium">
        {label ?? t("link")}
      </label>
      <input id={id} readOnly value={link} className="field font-mono text-sm" onFocus={(e) => e.currentTarget.select()} />
      <a className="mt-2 inline-block" href={`https://wa.me/?text=${encodeURIComponent(t("whatsappText", { link }))}`} target="_blank" rel="noreferrer">
        {t("whatsapp")}
      </a>
    </div>
  );
}
