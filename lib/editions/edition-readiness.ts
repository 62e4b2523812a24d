import type { EditionDates } from "./edition-schemas";

/**
 * What a draft still lacks before entries can open, in words an organiser acts on. Pure: the
 * settings page lists it, and lifecycle.ts refuses to open registration while it is not empty.
 */

export type Missing = { key: string; message: string };

type Criterion = { name: string; weight: number; minScore: number; maxScore: number };

export function editionReadiness(edition: EditionDates, categoryCount: number, criteria: Criterion[], now: Date): Missing[] {
  const missing: Missing[] = [];
  if (categoryCount === 0) missing.push({ key: "categories", message: "belum ada kategori film" });
  const valid = criteria.filter((c) => c.name.trim() && c.weight > 0 && c.minScore >= 0 && c.minScore < c.maxScore);
  if (valid.length === 0) missing.push({ key: "rubric", message: "belum ada kriteria penilaian (nama, bobot lebih dari 0, rentang nilai)" });
  if (!edition.submissionOpensAt) missing.push({ key: "submissionOpensAt", message: "tanggal pembukaan pendaftaran belum diisi" });
  if (!edition.submissionClosesAt) missing.push({ key: "submissionClosesAt", message: "tanggal penutupan pendaftaran belum diisi" });
  if (!edition.judgingClosesAt) missing.push({ key: "judgingClosesAt", message: "tanggal penutupan penilaian belum diisi" });
  if (!edition.announceAt) missing.push({ key: "announceAt", message: "tanggal pengumuman belum diisi" });
  const { submissionOpensAt: open, submissionClosesAt: close, judgingClosesAt: judging, announceAt: announce } = edition;
  if (open && close && judging && announce && !(open < close && close <= judging && judging <= announce)) {
    missing.push({ key: "order", message: "urutan tanggal belum benar (pembukaan, penutupan pendaftaran, penutupan penilaian, pengumuman)" });
  }
  if (close && close <= now) missing.push({ key: "closePassed", message: "tanggal penutupan pendaftaran sudah lewat" });
  return missing;
}
