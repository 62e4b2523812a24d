import { getLocale, getTranslations } from "next-intl/server";
import type { SessionUser } from "@/lib/auth/authenticate";
import { getDb } from "@/lib/db/client";
import { formatWib } from "@/lib/format/dates";
import { listJoinRequests } from "@/lib/kim/join-requests";
import { JoinRequestDecision } from "./join-request-decision";

/**
 * Requests to join the signed-in member's KIM: who asks, and the forms to let them in or
 * refuse. Renders nothing when there is none.
 */
export async function JoinRequests({ actor }: { actor: SessionUser }) {
  const [requests, t, locale] = await Promise.all([listJoinRequests(getDb(), actor), getTranslations("kimJoin"), getLocale()]);
  if (requests.length === 0) return null;
  return (
    <section aria-labelledby="h-join-requests" className="card" data-testid="join-requests">
      <h2 id="h-join-requests" className="mb-1 text-lg font-semibold">
        {t("title")}
      </h2>
      <p className="mb-3 text-sm text-muted">{t("intro")}</p>
      <ul className="space-y-4">
        {requests.map((r) => (
          <li key={r.id} className="border-b border-line pb-4 last:border-0 last:pb-0">
            <p className="font-medium">
              {r.name} ({r.position})
            </p>
            <p className="text-sm text-muted">
              {r.email}
              {r.phone ? ` · ${r.phone}` : ""} · {t("asked", { date: formatWib(r.createdAt, locale) })}
            </p>
            <JoinRequestDecision registrationId={r.id} />
          </li>
        ))}
      </ul>
    </section>
  );
}
