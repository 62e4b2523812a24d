import { getLocale, getTranslations } from "next-intl/server";
import type { OrganiserAccountRow, OrganiserInvitationRow } from "@/lib/auth/organiser-accounts";
import { formatWib } from "@/lib/format/dates";
import { DisableAccountForm, EnableAccountForm, InvitationActions } from "./organiser-row-actions";

const badge: Record<string, string> = {
  open: "bg-sky-100 text-sky-900",
  expired: "bg-amber-100 text-amber-900",
  revoked: "bg-gray-200 text-gray-800",
  active: "bg-emerald-100 text-emerald-900",
  disabled: "bg-red-100 text-red-900",
  pending: "bg-gray-200 text-gray-800",
  rejected: "bg-gray-200 text-gray-800",
};

export async function OrganiserInvitationList({ invitations }: { invitations: OrganiserInvitationRow[] }) {
  const [t, ts, locale] = await Promise.all([getTranslations("panitia.invitations"), getTranslations("panitia.status"), getLocale()]);
  if (invitations.length === 0) return <p className="text-muted">{t("empty")}</p>;
  return (
    <ul className="space-y-3">
      {invitations.map((i) => (
        // Keyed by what a resend keeps (it changes the token), so a resent row keeps its new link on screen.
        <li key={`${i.email}-${i.createdAt.getTime()}`} className="card">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <p className="font-semibold break-words">{i.name}</p>
            <span className={`badge ${badge[i.state]}`}>{ts(i.state)}</span>
          </div>
          <p className="break-all text-sm">{i.email}</p>
          <p className="text-sm">{i.regionName}</p>
          <p className="text-sm text-muted">
            {t("invitedBy", { name: i.invitedBy, date: formatWib(i.createdAt, locale) })}
            {" · "}
            {i.state === "open" && t("validUntil", { date: formatWib(i.expiresAt, locale) })}
            {i.state === "expired" && t("expiredOn", { date: formatWib(i.expiresAt, locale) })}
            {i.state === "revoked" && t("revokedOn", { date: formatWib(i.revokedAt, locale) })}
          </p>
          {i.state !== "revoked" && <InvitationActions invitationId={i.id} />}
        </li>
      ))}
    </ul>
  );
}

export async function OrganiserAccountList({ accounts }: { accounts: OrganiserAccountRow[] }) {
  const [t, ts, locale] = await Promise.all([getTranslations("panitia.accounts"), getTranslations("panitia.status"), getLocale()]);
  return (
    <ul className="space-y-3">
      {accounts.map((a) => (
        <li key={a.id} className="card">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <p className="font-semibold break-words">
              {a.name}
              {a.isSelf && <span className="font-normal text-muted"> ({t("you")})</span>}
            </p>
            <span className={`badge ${badge[a.status]}`}>{ts(a.status)}</span>
          </div>
          <p className="break-all text-sm">{a.email}</p>
          <p className="text-sm">{a.regionName}</p>
          <p className="text-sm text-muted">
            {t("since", { date: formatWib(a.createdAt, locale) })}
            {a.invitedBy && `, ${t("invitedBy", { name: a.invitedBy })}`}
          </p>
          {!a.passwordSet && <p className="text-sm text-muted">{t("noPassword")}</p>}
          {a.status === "disabled" && a.statusReason && <p className="text-sm">{t("reason", { reason: a.statusReason })}</p>}
          {!a.isSelf && a.status === "active" && <DisableAccountForm userId={a.id} />}
          {!a.isSelf && a.status === "disabled" && <EnableAccountForm userId={a.id} />}
        </li>
      ))}
      {accounts.every((a) => a.isSelf) && <li className="text-muted">{t("empty")}</li>}
    </ul>
  );
}
