import { getTranslations } from "next-intl/server";
import type { SessionUser } from "@/lib/auth/authenticate";
import { getDb } from "@/lib/db/client";
import { listOwnCertificates } from "@/lib/documents/own-certificates";

type Props = { actor: Pick<SessionUser, "id" | "role" | "kimId" | "status">; headingLevel?: 2 | 3 };

/**
 * The signed-in KIM's or judge's own piagam from published editions, as download links
 * (placements, special awards and participation for a KIM; the judge's piagam for a judge).
 * Renders nothing when there is none yet.
 */
export async function OwnCertificates({ actor, headingLevel = 2 }: Props) {
  const [certificates, t] = await Promise.all([listOwnCertificates(getDb(), actor), getTranslations("dokumen.own")]);
  if (certificates.length === 0) return null;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby="h-own-certificates" data-testid="own-certificates">
      <Heading id="h-own-certificates" className={headingLevel === 2 ? "mb-2 text-xl font-semibold" : "mb-2 text-lg font-semibold"}>
        {t("title")}
      </Heading>
      <ul className="space-y-2">
        {certificates.map((c) => (
          <li key={c.code} className="card flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
            <span>
              <span className="font-medium">{c.kind === "peserta" || c.kind === "juri" ? t(`kinds.${c.kind}`) : c.award}</span>
              {c.filmTitle && <span> · {c.filmTitle}</span>}
              <span className="block text-sm text-muted">{c.editionTitle}</span>
            </span>
            <a href={c.href} download>
              {t("download")}
              <span className="sr-only"> ({c.kind === "peserta" || c.kind === "juri" ? t(`kinds.${c.kind}`) : c.award}, {c.editionTitle})</span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
