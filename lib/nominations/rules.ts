import { z } from "zod";
import type { EditionIntake, EditionRules, VideoProbe } from "@/lib/db/schema";
import { subtitleRequired } from "@/lib/editions/defaults";
import { formatWib } from "@/lib/format/dates";
import { checkFileSize, checkVideoAgainstRules } from "@/lib/video/check-video-against-rules";

/**
 * The pure rules of nominations (issue 15, docs/decisions/0035): how a provincial edition
 * takes its films, whether a regency's film fits the quota, whether it meets the provincial
 * rules (checked before the KIM is asked), and until when nominations are taken.
 */

export const intakeModes = ["langsung", "nominasi", "keduanya"] as const;
export const quotaKinds = ["peringkat", "pilihan"] as const;
export const MAX_QUOTA = 20;

/** The intake as the edition file carries it (lib/editions/edition-format.ts). */
export const intakeSchema = z.strictObject({ mode: z.enum(intakeModes), quotaKind: z.enum(quotaKinds), quotaPerRegency: z.number().int().min(1).max(MAX_QUOTA) });

/** An edition's intake with every field present; null (older rows, regency editions) is direct entries only. */
export function editionIntake(stored: Partial<EditionIntake> | null | undefined): EditionIntake {
  return { mode: stored?.mode ?? "langsung", quotaKind: stored?.quotaKind ?? "peringkat", quotaPerRegency: stored?.quotaPerRegency ?? 3 };
}

/** Whether an edition takes nominations from its regencies. */
export function takesNominations(edition: { level: string; intake: Partial<EditionIntake> | null | undefined }): boolean {
  return edition.level === "provinsi" && editionIntake(edition.intake).mode !== "langsung";
}

/** Whether an edition takes direct entries from KIMs (a nominations-only edition does not). */
export function takesDirectEntries(intake: Partial<EditionIntake> | null | undefined): boolean {
  return editionIntake(intake).mode !== "nominasi";
}

export const directEntryRefusal = { reason: "Festival ini hanya menerima film kiriman (nominasi) dari panitia kabupaten/kota, bukan pendaftaran langsung dari KIM." }.reason;

type Window = { status: string; submissionClosesAt: Date | null };

/** Nominations are taken while the provincial edition takes entries, until its entry close. */
export function nominationWindow(edition: Window, now: Date): { open: true } | { open: false; reason: string } {
  if (edition.status !== "pendaftaran" || !edition.submissionClosesAt) return { open: false, reason: "Festival provinsi ini tidak sedang menerima nominasi." };
  if (now >= edition.submissionClosesAt) return { open: false, reason: `Nominasi sudah ditutup ${formatWib(edition.submissionClosesAt)}.` };
  return { open: true };
}

/**
 * Whether one more film from a regency fits the quota: "peringkat" takes only films placed
 * within the top N of the regency's published ranking (rank in its category); "pilihan" any
 * published film, up to N nominations standing (waiting or confirmed) per regency.
 */
export function quotaProblem(intake: EditionIntake, film: { rank: number | null }, standing: number): string | null {
  const n = intake.quotaPerRegency;
  const problems: string[] = [];
  if (intake.quotaKind === "peringkat") {
    if (film.rank === null || film.rank > n) problems.push(`Festival provinsi hanya menerima film peringkat 1–${n} dari hasil kabupaten/kota; film ini tidak termasuk.`);
  } else if (standing >= n) problems.push(`Kuota ${n} film per kabupaten/kota sudah terpakai.`);
  return problems[0] ?? null;
}

export type FilmFacts = {
  language: string | null;
  /** The current accepted video (its probe and size), null when there is none. */
  video: { probe: VideoProbe | null; sizeBytes: number | null } | null;
  hasSubtitle: boolean;
};

/** What the provincial rules refuse in a film, in the video check's own words; empty when it passes. */
export function filmRuleProblems(rules: EditionRules, film: FilmFacts): string[] {
  const problems: string[] = [];
  if (!film.video || !film.video.probe) {
    problems.push("Film ini tidak punya video yang lolos pemeriksaan.");
    return problems;
  }
  problems.push(...checkVideoAgainstRules(film.video.probe, rules));
  const size = film.video.sizeBytes === null ? undefined : checkFileSize(film.video.sizeBytes, rules);
  if (size) problems.push(size);
  if (subtitleRequired(rules, film.language) && !film.hasSubtitle) problems.push("Aturan festival provinsi meminta subtitle untuk film ini, tetapi film ini tidak punya berkas subtitle.");
  return problems;
}

/** The provincial category of the same name (case and spacing ignored), else the province's first. */
export function mapCategory(sourceName: string | null, target: { id: string; name: string }[]): string | null {
  const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, " ");
  const same = sourceName ? target.find((c) => norm(c.name) === norm(sourceName)) : undefined;
  return (same ?? target[0])?.id ?? null;
}

/** The province a regency lies in: "33.13" → "33". */
export const provinceOf = (regionCode: string) => regionCode.split(".")[0];

/** A promoted copy's media are the regency film's stored files: they are not replaced from the province (the shared bytes stay). */
export function promotedMediaLocked(film: { promotedFromFilmId: string | null }): { reason: string } | null {
  return film.promotedFromFilmId ? { reason: "Film ini dikirim dari festival kabupaten/kota: videonya, poster dan subtitle dipakai dari sana dan tidak bisa diganti di sini." } : null;
}
