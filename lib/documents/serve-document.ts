import { and, eq } from "drizzle-orm";
import type { Actor } from "@/lib/auth/session";
import type { Db } from "@/lib/db/client";
import { editions, films, placements, specialAwards } from "@/lib/db/schema";
import { resultsArePublic } from "@/lib/editions/list-editions";
import { AppError, notFound } from "@/lib/errors";
import { organiserEdition } from "@/lib/judging/assignment-plan";
import { beritaAcaraPdf } from "./berita-acara";
import { loadDocumentData, loadPlacementData } from "./load-results";
import { piagamBundlePdf, piagamEntries, piagamPdf } from "./piagam";
import { rekapCsv, rekapXlsx } from "./rekap";

/**
 * GET /api/festival/{slug}/dokumen/{doc}. Who may have what:
 * - an organiser whose region covers the edition: every document, once the results are
 *   sealed (disegel) or published (diumumkan); before that 409;
 * - the KIM that owns a placement: that placement's piagam only, once the results are public;
 * - anyone else, or any other case: 404, so nothing says whether a document exists.
 */

export type DocumentName =
  | { kind: "rekap-xlsx" }
  | { kind: "rekap-csv" }
  | { kind: "berita-acara" }
  | { kind: "piagam-all" }
  | { kind: "piagam"; code: string };

export function parseDocumentName(doc: string): DocumentName | null {
  if (doc === "rekap.xlsx") return { kind: "rekap-xlsx" };
  if (doc === "rekap.csv") return { kind: "rekap-csv" };
  if (doc === "berita-acara.pdf") return { kind: "berita-acara" };
  if (doc === "piagam.pdf") return { kind: "piagam-all" };
  const match = /^piagam-([A-Za-z0-9]{4,64})\.pdf$/.exec(doc);
  return match ? { kind: "piagam", code: match[1].toUpperCase() } : null;
}

const types = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
  pdf: "application/pdf",
};

function attachment(body: Uint8Array | string, type: string, filename: string): Response {
  return new Response(typeof body === "string" ? body : new Uint8Array(body), {
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
  if (actor.role === "kim" && actor.kimId && wanted.kind === "piagam") return kimPiagam(db, actor.kimId, slug, wanted.code, now);
  throw notFound();
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
      return attachment(await rekapXlsx(await loadDocumentData(db, edition)), types.xlsx, `rekap-nilai-${name}.xlsx`);
    case "rekap-csv":
      return attachment(rekapCsv(await loadDocumentData(db, edition)), types.csv, `rekap-nilai-${name}.csv`);
    case "berita-acara":
      return attachment(await beritaAcaraPdf(await loadDocumentData(db, edition), now), types.pdf, `berita-acara-penjurian-${name}.pdf`);
    case "piagam-all": {
      const entries = piagamEntries(await loadPlacementData(db, edition), now);
      if (!entries.length) throw new AppError("not_found", { userMessage: "Belum ada pemenang yang bisa dibuatkan piagam." });
      return attachment(await piagamBundlePdf(entries), types.pdf, `piagam-${name}.pdf`);
    }
    case "piagam": {
      const entry = piagamEntries(await loadPlacementData(db, edition), now).find((e) => e.certificateCode === wanted.code);
      if (!entry) throw notFound();
      return attachment(await piagamPdf(entry), types.pdf, `piagam-${name}-${wanted.code}.pdf`);
    }
  }
}

async function kimPiagam(db: Db, kimId: string, slug: string, code: string, now: Date): Promise<Response> {
  // The ownership rule is in the where clause: another KIM's code finds nothing.
  const [edition] = await db
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
    );
  if (!edition || !resultsArePublic(edition.edition, now)) throw notFound();
  const entry = piagamEntries(await loadPlacementData(db, edition.edition), now).find((e) => e.certificateCode === code);
  if (!entry) throw notFound();
  return attachment(await piagamPdf(entry), types.pdf, `piagam-${edition.edition.slug}-${code}.pdf`);
}
