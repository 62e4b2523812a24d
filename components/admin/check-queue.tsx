import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { EditionCheckQueue } from "@/lib/jobs/queue-status";
import { formatWib } from "@/lib/format/dates";

/** The edition's video checks on the organiser's film list: how many wait, run or retry, and the ones that failed every attempt. */
export async function CheckQueue({ queue, slug }: { queue: EditionCheckQueue; slug: string }) {
  const [t, locale] = await Promise.all([getTranslations("checkQueue"), getLocale()]);
  const busy = queue.waiting + queue.running + queue.retrying;
  return (
    <section aria-labelledby="check-queue-title" className="card space-y-2" data-testid="check-queue">
      <h2 id="check-queue-title" className="font-semibold">
        {t("title")}
      </h2>
      <p className="text-sm">
        {busy === 0 ? t("idle") : t("busy", { waiting: queue.waiting, running: queue.running, retrying: queue.retrying })}{" "}
        <span className="text-muted">{t("depth", { count: queue.queueDepth })}</span>
      </p>
      {queue.failures.length > 0 && (
        <div className="space-y-1">
          <h3 className="text-sm font-medium text-danger">{t("failedTitle", { count: queue.failures.length })}</h3>
          <ul className="space-y-1 text-sm" data-testid="check-failures">
            {queue.failures.map((f, i) => (
              <li key={`${f.filmId}-${i}`} className="break-words">
                <Link href={`/admin/festival/${slug}/film/${f.filmId}`}>
                  {f.code} · {f.title}
                </Link>{" "}
                · {f.kimName} · {formatWib(f.at, locale)} · {t("attempts", { count: f.attempts })}
                {f.error && <span className="block text-muted">{t("error", { error: f.error })}</span>}
              </li>
            ))}
          </ul>
          <p className="text-sm text-muted">{t("failedHint")}</p>
        </div>
      )}
    </section>
  );
}
