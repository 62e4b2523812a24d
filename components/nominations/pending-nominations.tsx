import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/lib/db/client";
import { formatWib } from "@/lib/format/dates";
import { pendingNominationsOfKim } from "@/lib/nominations/nominate";
import { AnswerForm } from "./nomination-forms";

/** On /kim: the KIM's films nominated to a provincial festival and waiting for its answer (docs/decisions/0035). */
export async function PendingNominations({ kimId }: { kimId: string }) {
  const pending = await pendingNominationsOfKim(getDb(), kimId);
  if (pending.length === 0) return null;
  const [t, locale] = await Promise.all([getTranslations("nominations.kim"), getLocale()]);
  return (
    <section aria-labelledby="h-nominations" className="card space-y-3" data-testid="pending-nominations">
      <h2 id="h-nominations" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <ul className="divide-y divide-line">
        {pending.map((n) => (
          <li key={n.id} className="space-y-2 py-3">
            <p className="font-medium break-words">{t("line", { film: n.title, edition: n.editionTitle })}</p>
            <p className="text-sm text-muted">{n.open ? t("closes", { date: formatWib(n.closesAt, locale) }) : t("closed")}</p>
            {n.open && <AnswerForm nominationId={n.id} />}
          </li>
        ))}
      </ul>
    </section>
  );
}
