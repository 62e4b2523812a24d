import { and, eq } from "drizzle-orm";
import type { Actor } from "@/lib/auth/session";
import type { Db } from "@/lib/db/client";
import { certificates, editions, films, placements, specialAwards } from "@/lib/db/schema";
import { resultsArePublic } from "@/lib/editions/list-editions";
import { AppError, notFound } from "@/lib/errors";
import { organiserEdition } from "@/lib/judging/assignment-plan";
import { beritaAcaraPdf } from "./berita-acara";
import { getStorage } from "@/lib/storage";
import { readLogo } from "./document-settings";
import { loadDocumentData, loadPlacementData, type PlacementData } from "./load-results";
import { piagamBundlePdf, piagamEntries, piagamPdf, type PiagamSet } from "./piagam";
import { csvDialects, rekapCsvChunks, rekapXlsxStream } from "./rekap";

type Edition = typeof editions.$inferSelect;

/**
 * GET /api/festival/{slug}/dokumen/{doc}. Who may have what:
 * - an organiser whose region covers the edition: every document, once the results are
 *   sealed (disegel) or published (diumumkan); before that 409. Piagam downloaded before the
 *   results are public are drafts (no date, no code, no QR code: piagam.ts);
 * - the KIM that owns a placement, a special award or a participation certificate: that
 *   piagam only, once the results are public;
 * - a judge: their own judge's piagam only, once the results are public;
 * - anyone else, or any other case: 404, so nothing says whether a document exists.
 */

export type DocumentName =
  | { kind: "rekap-xlsx" }
  | { kind: "rekap-csv"; dialect: keyof typeof csvDialects }
  | { kind: "berita-acara" }
  | { kind: "piagam-set"; set: Exclude<PiagamSet, "semua"> }
  | { kind: "piagam"; code: string };

export function parseDocumentName(doc: string): DocumentName | null {
  if (doc === "rekap.xlsx") return { kind: "rekap-xlsx" };
  if (doc === "rekap.csv") return { kind: "rekap-csv", dialect: "excel" };
  if (doc === "rekap-titik.csv") return { kind: "rekap-csv", dialect: "titik" };
  if (doc === "berita-acara.pdf") return { kind: "berita-acara" };
  if (doc === "piagam.pdf") return { kind: "piagam-set", set: "pemenang" };
  if (doc === "piagam-peserta.pdf") return { kind: "piagam-set", set: "peserta" };
  if (doc === "piagam-juri.pdf") return { kind: "piagam-set", set: "juri" };
  const match = /^piagam-([A-Za-z0-9]{4,64})\.pdf$/.exec(doc);
  return match ? { kind: "piagam", code: match[1].toUpperCase() } : null;
}

const types = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
  pdf: "application/pdf",
};

/** A CSV made piece by piece, sent as the reader takes it (the next film's rows are made on demand). */
function csvStream(chunks: Generator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    pull(controller) {
      const next = chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
}

function attachment(body: Uint8Array | string | ReadableStream<Uint8Array>, type: string, filename: string): Response {
  return new Response(typeof body === "string" || body instanceof ReadableStream ? body : new Uint8Array(body), {
    headers: {
      "Content-Type": type,
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

export async function serveDocument(db: Db, actor: Actor | null, slug: string, doc: string, now = new Date()): Promise<Response> {
  const wanted = parseDocumentName(doc);
  if (!wanted || !actor || actor.status !== "active") throw notFound();
  if (actor.role === "organiser") return organiserDocument(db, actor, slug, wanted, now);
  if (wanted.kind !== "piagam") throw notFound();
  if (actor.role === "kim" && actor.kimId) return ownPiagam(db, await kimCertificateEdition(db, actor.kimId, slug, wanted.code), wanted.code, now);
  if (actor.role === "judge") return ownPiagam(db, await judgeCertificateEdition(db, actor.id, slug, wanted.code), wanted.code, now);
  throw notFound();
}

/** The edition's logo bytes, read only when a PDF is made and the edition has one. */
async function editionLogo(edition: Edition) {
  return edition.documents?.logoKey ? readLogo(await getStorage(), edition.documents) : null;
}

async function organiserDocument(db: Db, actor: Actor, slug: string, wanted: DocumentName, now: Date): Promise<Response> {
  const edition = await organiserEdition(db, actor, slug).catch((error: unknown) => {
    throw error instanceof AppError ? notFound() : error;
  });
  if (edition.status !== "disegel" && edition.status !== "diumumkan") {
    throw new AppError("conflict", { userMessage: "Dokumen hasil baru tersedia setelah hasil penilaian disegel." });
  }
  const name = edition.slug;
  switch (wanted.kind) {
    case "rekap-xlsx":
      return attachment(rekapXlsxStream(await loadDocumentData(db, edition), now), types.xlsx, `rekap-nilai-${name}.xlsx`);
    case "rekap-csv":
      return attachment(csvStream(rekapCsvChunks(await loadDocumentData(db, edition), csvDialects[wanted.dialect])), types.csv, wanted.dialect === "excel" ? `rekap-nilai-${name}.csv` : `rekap-nilai-titik-${name}.csv`);
    case "berita-acara":
      return attachment(await beritaAcaraPdf(await loadDocumentData(db, edition, await editionLogo(edition)), now), types.pdf, `berita-acara-penjurian-${name}.pdf`);
    case "piagam-set": {
      const data = await loadPlacementData(db, edition, await editionLogo(edition));
      const entries = piagamEntries(data, now, wanted.set);
      if (!entries.length) {
        throw new AppError("not_found", {
          userMessage:
            wanted.set === "pemenang"
              ? "Belum ada pemenang yang bisa dibuatkan piagam."
              : wanted.set === "peserta"
                ? "Belum ada piagam peserta: piagam peserta diterbitkan saat hasil disegel."
                : "Belum ada piagam juri: piagam juri diterbitkan saat hasil disegel.",
        });
      }
      const file = wanted.set === "pemenang" ? `piagam-${name}.pdf` : `piagam-${wanted.set}-${name}.pdf`;
      return attachment(await piagamBundlePdf(entries, { letterhead: letterheadOf(data) }), types.pdf, file);
    }
    case "piagam":
      return ownPiagam(db, edition, wanted.code, now, { draftAllowed: true });
  }
}

function letterheadOf(data: PlacementData) {
  return { documents: data.edition.documents, logo: data.logo };
}

/** One piagam by its code. Only the organiser may have a draft; everyone else only a public one. */
async function ownPiagam(db: Db, edition: Edition | undefined, code: string, now: Date, o: { draftAllowed?: boolean } = {}): Promise<Response> {
  if (!edition || (!o.draftAllowed && !resultsArePublic(edition, now))) throw notFound();
  const data = await loadPlacementData(db, edition, await editionLogo(edition));
  const entry = piagamEntries(data, now, "semua").find((e) => e.certificateCode === code);
  if (!entry) throw notFound();
  return attachment(await piagamPdf(entry, { letterhead: letterheadOf(data) }), types.pdf, `piagam-${edition.slug}-${code}.pdf`);
}

/** The edition of a piagam the KIM owns (a placement, a special award or a participation certificate); the ownership rule is in the where clause. */
async function kimCertificateEdition(db: Db, kimId: string, slug: string, code: string): Promise<Edition | undefined> {
  const [found] = await db
    .select({ edition: editions })
    .from(placements)
    .innerJoin(editions, eq(editions.id, placements.editionId))
    .where(and(eq(editions.slug, slug), eq(placements.certificateCode, code), eq(placements.kimId, kimId)))
    .union(
      db
        .select({ edition: editions })
        .from(specialAwards)
        .innerJoin(editions, eq(editions.id, specialAwards.editionId))
        .innerJoin(films, eq(films.id, specialAwards.filmId))
        .where(and(eq(editions.slug, slug), eq(specialAwards.certificateCode, code), eq(films.kimId, kimId))),
    )
    .union(
      db
        .select({ edition: editions })
        .from(certificates)
        .innerJoin(editions, eq(editions.id, certificates.editionId))
        .where(and(eq(editions.slug, slug), eq(certificates.code, code), eq(certificates.kind, "peserta"), eq(certificates.kimId, kimId))),
    );
  return found?.edition;
}

/** The edition of the judge's own judge's piagam. */
async function judgeCertificateEdition(db: Db, userId: string, slug: string, code: string): Promise<Edition | undefined> {
  const [found] = await db
    .select({ edition: editions })
    .from(certificates)
    .innerJoin(editions, eq(editions.id, certificates.editionId))
    .where(and(eq(editions.slug, slug), eq(certificates.code, code), eq(certificates.kind, "juri"), eq(certificates.userId, userId)));
  return found?.edition;
}
