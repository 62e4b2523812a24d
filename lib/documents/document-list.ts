import { and, count, eq, isNotNull } from "drizzle-orm";
import type { DbLike } from "@/lib/db/client";
import { certificates, editions, placements, specialAwards } from "@/lib/db/schema";
import { resultsArePublic } from "@/lib/editions/list-editions";

type Edition = typeof editions.$inferSelect;

/** Every document an organiser can download (serve-document.ts), in the order the documents page lists them. */
export const organiserDocuments = ["rekap.xlsx", "rekap.csv", "rekap-titik.csv", "berita-acara.pdf", "piagam.pdf", "piagam-peserta.pdf", "piagam-juri.pdf"] as const;
export type OrganiserDocument = (typeof organiserDocuments)[number];

/**
 * When each of an edition's documents can be downloaded, for the documents page:
 * - "later": the results are not sealed yet (the route answers 409);
 * - "none": sealed, but there is nothing to print (no winner, no certificate issued);
 * - "draft": a piagam before the results are public (no date, code or QR code);
 * - "ready": the document as it stays (a piagam: dated and verifiable).
 */
export type DocumentAvailability = { doc: OrganiserDocument; state: "later" | "none" | "draft" | "ready"; count?: number };

export async function documentAvailability(db: DbLike, edition: Edition, now = new Date()): Promise<{ documents: DocumentAvailability[]; public: boolean; publicFrom: Date | null }> {
  const sealed = edition.status === "disegel" || edition.status === "diumumkan";
  const isPublic = resultsArePublic(edition, now);
  const [[winners], [special], issued] = await Promise.all([
    db.select({ n: count() }).from(placements).where(and(eq(placements.editionId, edition.id), isNotNull(placements.certificateCode))),
    db.select({ n: count() }).from(specialAwards).where(and(eq(specialAwards.editionId, edition.id), isNotNull(specialAwards.certificateCode))),
    db.select({ kind: certificates.kind, n: count() }).from(certificates).where(eq(certificates.editionId, edition.id)).groupBy(certificates.kind),
  ]);
  const counts: Record<string, number> = {
    "piagam.pdf": winners.n + special.n,
    "piagam-peserta.pdf": issued.find((r) => r.kind === "peserta")?.n ?? 0,
    "piagam-juri.pdf": issued.find((r) => r.kind === "juri")?.n ?? 0,
  };
  const documents = organiserDocuments.map((doc): DocumentAvailability => {
    if (!sealed) return { doc, state: "later" };
    if (!(doc in counts)) return { doc, state: "ready" };
    const n = counts[doc];
    return { doc, state: n === 0 ? "none" : isPublic ? "ready" : "draft", count: n };
  });
  return { documents, public: isPublic, publicFrom: isPublic ? (edition.publishedAt ?? edition.scheduledPublishAt) : edition.scheduledPublishAt };
}
