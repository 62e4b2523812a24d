import { and, desc, eq, inArray } from "drizzle-orm";
import type { SessionUser } from "@/lib/auth/authenticate";
import type { DbLike } from "@/lib/db/client";
import { certificates, editions, films, placements, specialAwards } from "@/lib/db/schema";
import { resultsArePublic } from "@/lib/editions/list-editions";

/**
 * The piagam a KIM or a judge may download themselves (serve-document.ts has the same rule):
 * a KIM its placements, special awards and participation certificates, a judge their judge's
 * certificates, each only from editions whose results are public. Newest edition first.
 */
export type OwnCertificate = {
  code: string;
  kind: "juara" | "khusus" | "peserta" | "juri";
  award: string; // "Juara I", a special award's name, "Peserta", "Dewan Juri"
  filmTitle: string | null;
  editionSlug: string;
  editionTitle: string;
  year: number | null;
  href: string; // the PDF
};

const editionColumns = { editionSlug: editions.slug, editionTitle: editions.title, year: editions.year, status: editions.status, scheduledPublishAt: editions.scheduledPublishAt, publishedAt: editions.publishedAt };
const sealedOrPublished = inArray(editions.status, ["disegel", "diumumkan"]);

export async function listOwnCertificates(db: DbLike, actor: Pick<SessionUser, "id" | "role" | "kimId" | "status">, now = new Date()): Promise<OwnCertificate[]> {
  if (actor.status !== "active") return [];
  type Row = Omit<OwnCertificate, "href"> & { status: string; scheduledPublishAt: Date | null; publishedAt: Date | null };
  let rows: Row[] = [];
  if (actor.role === "kim" && actor.kimId) {
    const kimId = actor.kimId;
    const [placed, special, participation] = await Promise.all([
      db
        .select({ ...editionColumns, code: placements.certificateCode, award: placements.placement, filmTitle: films.title })
        .from(placements)
        .innerJoin(editions, eq(editions.id, placements.editionId))
        .leftJoin(films, eq(films.id, placements.filmId))
        .where(and(eq(placements.kimId, kimId), sealedOrPublished)),
      db
        .select({ ...editionColumns, code: specialAwards.certificateCode, award: specialAwards.name, filmTitle: films.title })
        .from(specialAwards)
        .innerJoin(films, eq(films.id, specialAwards.filmId))
        .innerJoin(editions, eq(editions.id, specialAwards.editionId))
        .where(and(eq(films.kimId, kimId), sealedOrPublished)),
      db
        .select({ ...editionColumns, code: certificates.code, filmTitle: films.title })
        .from(certificates)
        .innerJoin(films, eq(films.id, certificates.filmId))
        .innerJoin(editions, eq(editions.id, certificates.editionId))
        .where(and(eq(certificates.kind, "peserta"), eq(certificates.kimId, kimId), sealedOrPublished))
        .orderBy(films.code),
    ]);
    rows = [
      ...placed.flatMap((r) => (r.code ? [{ ...r, code: r.code, kind: "juara" as const }] : [])),
      ...special.flatMap((r) => (r.code ? [{ ...r, code: r.code, kind: "khusus" as const }] : [])),
      ...participation.map((r) => ({ ...r, kind: "peserta" as const, award: "Peserta" })),
    ];
  } else if (actor.role === "judge") {
    const own = await db
      .select({ ...editionColumns, code: certificates.code })
      .from(certificates)
      .innerJoin(editions, eq(editions.id, certificates.editionId))
      .where(and(eq(certificates.kind, "juri"), eq(certificates.userId, actor.id), sealedOrPublished))
      .orderBy(desc(editions.year));
    rows = own.map((r) => ({ ...r, kind: "juri" as const, award: "Dewan Juri", filmTitle: null }));
  }
  const order = { juara: 0, khusus: 1, peserta: 2, juri: 3 };
  return rows
    .filter((r) => resultsArePublic(r, now))
    .sort((a, b) => (b.year ?? 0) - (a.year ?? 0) || a.editionTitle.localeCompare(b.editionTitle, "id") || order[a.kind] - order[b.kind])
    .map((r) => ({
      code: r.code,
      kind: r.kind,
      award: r.award,
      filmTitle: r.filmTitle,
      editionSlug: r.editionSlug,
      editionTitle: r.editionTitle,
      year: r.year,
      href: `/api/festival/${r.editionSlug}/dokumen/piagam-${r.code}.pdf`,
    }));
}
