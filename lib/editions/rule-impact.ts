import { and, eq, inArray, ne } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/authenticate";
import type { Db, DbLike } from "@/lib/db/client";
import { editions, filmMedia, films, kimGroups, type EditionRules } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { organiserEdition } from "@/lib/judging/assignment-plan";
import { checkFileSize, checkVideoAgainstRules } from "@/lib/video/check-video-against-rules";
import { editionRules, subtitleRequired } from "./defaults";
import {
  codecChoices,
  containerChoices,
  eligibleChoices,
  formCheckbox,
  formNumber,
  formText,
  MAX_DURATION_SECONDS,
  MIN_DURATION_SECONDS,
  MIN_FILE_BYTES,
  MAX_STORAGE_BUDGET_BYTES,
  MIN_STORAGE_BUDGET_BYTES,
  rules,
  subtitleChoices,
  texts,
} from "./edition-schemas";
import { HARD_MAX_BYTES } from "@/lib/uploads/upload-access";

/**
 * An edition's rules for films. Loosening saves at once. Tightening a rule once entries exist
 * first answers with the entries it would affect (their video measured against the new rules
 * from the stored probe and size); only a save with "Saya mengerti" applies it: a video that no
 * longer fits sends its entry to `ditolak_sistem` with the problems, an entry that now lacks a
 * required subtitle goes back to `draf`, and the audit entry lists them. Only entries still being
 * prepared (draf, diunggah, diperiksa, ditolak_sistem) are touched: the rules lock once entries close.
 */

const MB = 1024 ** 2;
const GB = 1024 ** 3;

const choiceBoxes = (prefix: string, choices: readonly string[]) => Object.fromEntries(choices.map((c) => [`${prefix}_${c}`, formCheckbox]));

export const rulesFormSchema = z
  .object({
    maxDurationMinutes: formNumber({ message: "Tulis menit dengan angka." }, (n) => n.int({ message: "Menit harus bilangan bulat." }).min(0, { message: "Menit tidak boleh negatif." })),
    maxDurationSeconds: z.preprocess((v) => (v === undefined || v === "" ? "0" : v), formNumber({ message: "Tulis detik dengan angka." }, (n) => n.int({ message: "Detik harus bilangan bulat." }).min(0, { message: "Detik harus 0 sampai 59." }).max(59, { message: "Detik harus 0 sampai 59." }))),
    minHeight: z.enum(["360", "480", "720", "1080"], { message: "Pilih resolusi minimal." }).transform(Number),
    maxFileSize: formNumber({ message: "Tulis ukuran berkas dengan angka." }, (n) => n.gt(0, { message: "Ukuran berkas harus lebih dari 0." })),
    maxFileUnit: z.enum(["MB", "GB"], { message: "Pilih satuan ukuran." }),
    filmsPerKim: formNumber({ message: "Tulis jumlah film per KIM." }, rules.filmsPerKim),
    subtitles: z.enum(subtitleChoices, { message: "Pilih aturan subtitle." }),
    eligibleKims: z.enum(eligibleChoices, { message: "Pilih KIM yang boleh ikut." }),
    // Blank: no budget. In GB, decimals allowed ("0,5").
    storageBudgetGb: z.preprocess(
      (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : Number(v.trim().replace(",", "."))) : v),
      z.number({ message: "Tulis kuota penyimpanan dalam GB dengan angka, atau kosongkan." }).optional(),
    ),
    text: formText(texts.rulesText),
    ...choiceBoxes("container", containerChoices),
    ...choiceBoxes("codec", codecChoices),
  })
  .transform((form, ctx) => {
    const maxDurationSeconds = form.maxDurationMinutes * 60 + form.maxDurationSeconds;
    if (maxDurationSeconds < MIN_DURATION_SECONDS || maxDurationSeconds > MAX_DURATION_SECONDS) {
      ctx.addIssue({ code: "custom", path: ["maxDurationMinutes"], message: "Durasi maksimal harus antara 10 detik dan 3 jam." });
    }
    const maxFileBytes = Math.round(form.maxFileSize * (form.maxFileUnit === "GB" ? GB : MB));
    if (maxFileBytes < MIN_FILE_BYTES || maxFileBytes > HARD_MAX_BYTES) ctx.addIssue({ code: "custom", path: ["maxFileSize"], message: "Ukuran berkas maksimal harus antara 1 MB dan 8 GB." });
    const boxes = form as unknown as Record<string, boolean>;
    const containers = containerChoices.filter((c) => boxes[`container_${c}`]);
    const videoCodecs = codecChoices.filter((c) => boxes[`codec_${c}`]);
    if (containers.length === 0) ctx.addIssue({ code: "custom", path: ["containers"], message: "Pilih minimal satu format berkas." });
    if (videoCodecs.length === 0) ctx.addIssue({ code: "custom", path: ["videoCodecs"], message: "Pilih minimal satu kodek video." });
    const result: Omit<EditionRules, "uploadGraceMinutes"> = {
      maxDurationSeconds,
      minHeight: form.minHeight,
      maxFileBytes,
      containers: [...containers],
      videoCodecs: [...videoCodecs],
      filmsPerKim: form.filmsPerKim,
      subtitles: form.subtitles,
      eligibleKims: form.eligibleKims,
    };
    if (form.text) result.text = form.text;
    if (form.storageBudgetGb !== undefined) {
      const budget = Math.round(form.storageBudgetGb * GB);
      if (!(budget >= MIN_STORAGE_BUDGET_BYTES && budget <= MAX_STORAGE_BUDGET_BYTES)) ctx.addIssue({ code: "custom", path: ["storageBudgetGb"], message: "Kuota penyimpanan harus antara 100 MB dan 1 PB." });
      result.storageBudgetBytes = budget;
    }
    return result;
  });

const subtitleLevel = { opsional: 0, bahasa_daerah: 1, semua: 2 } as const;
const narrowed = (before: string[], after: string[]) => before.length === 0 ? after.length > 0 : before.some((c) => !after.includes(c));

/** Whether any rule an entry is measured against got stricter. */
export function rulesTightened(before: EditionRules, after: EditionRules): boolean {
  return (
    after.maxDurationSeconds < before.maxDurationSeconds ||
    after.minHeight > before.minHeight ||
    after.maxFileBytes < before.maxFileBytes ||
    narrowed(before.containers, after.containers) ||
    narrowed(before.videoCodecs, after.videoCodecs) ||
    after.filmsPerKim < before.filmsPerKim ||
    subtitleLevel[after.subtitles] > subtitleLevel[before.subtitles]
  );
}

export type AffectedEntry = { filmId: string; code: string; title: string; kimName: string; problems: string[]; outcome: "ditolak_sistem" | "draf" | "tetap" };
export type RuleImpact = { entries: AffectedEntry[]; overLimit: { kimName: string; entries: number }[] };

const preparing = ["draf", "diunggah", "diperiksa", "ditolak_sistem"] as const;
const newlyRequired = { problem: "Film ini kini wajib memiliki berkas subtitle (.srt atau .vtt); unggah subtitle agar film bisa diikutkan." };

function videoProblems(video: { probe: typeof filmMedia.$inferSelect.probe; sizeBytes: number | null } | undefined, rules: EditionRules): string[] {
  if (!video?.probe) return [];
  const size = video.sizeBytes === null ? undefined : checkFileSize(video.sizeBytes, rules);
  return [...checkVideoAgainstRules(video.probe, rules), ...(size ? [size] : [])];
}

/** The entries a change of rules would affect, and KIMs with more entries than the new limit. */
export async function ruleImpact(db: DbLike, editionId: string, before: EditionRules, after: EditionRules): Promise<RuleImpact> {
  if (!rulesTightened(before, after)) return { entries: [], overLimit: [] };
  const rows = await db
    .select({ id: films.id, code: films.code, title: films.title, language: films.language, status: films.status, kimId: films.kimId, kimName: kimGroups.name })
    .from(films)
    .innerJoin(kimGroups, eq(kimGroups.id, films.kimId))
    .where(and(eq(films.editionId, editionId), ne(films.status, "ditarik")))
    .orderBy(films.code);
  const ids = rows.map((r) => r.id);
  const media = ids.length
    ? await db
        .select({ filmId: filmMedia.filmId, kind: filmMedia.kind, probe: filmMedia.probe, sizeBytes: filmMedia.sizeBytes })
        .from(filmMedia)
        .where(and(inArray(filmMedia.filmId, ids), inArray(filmMedia.kind, ["video", "subtitle"]), eq(filmMedia.isCurrent, true), eq(filmMedia.status, "ok")))
    : [];
  const entries: AffectedEntry[] = [];
  for (const film of rows.filter((r) => (preparing as readonly string[]).includes(r.status))) {
    const video = media.find((m) => m.filmId === film.id && m.kind === "video");
    const hasSubtitle = media.some((m) => m.filmId === film.id && m.kind === "subtitle");
    const problems = videoProblems(video, before).length === 0 ? videoProblems(video, after) : [];
    const lacksSubtitle = !hasSubtitle && subtitleRequired(after, film.language) && !subtitleRequired(before, film.language);
    if (problems.length === 0 && !lacksSubtitle) continue;
    const outcome = problems.length ? "ditolak_sistem" : film.status === "ditolak_sistem" ? "tetap" : "draf";
    entries.push({ filmId: film.id, code: film.code, title: film.title, kimName: film.kimName, problems: lacksSubtitle ? [...problems, newlyRequired.problem] : problems, outcome });
  }
  const perKim = new Map<string, { kimName: string; entries: number }>();
  for (const film of rows) {
    const kim = perKim.get(film.kimId) ?? { kimName: film.kimName, entries: 0 };
    kim.entries += 1;
    perKim.set(film.kimId, kim);
  }
  const overLimit = after.filmsPerKim < before.filmsPerKim ? [...perKim.values()].filter((k) => k.entries > after.filmsPerKim) : [];
  return { entries, overLimit };
}

export type RulesResult = { saved: true; impact: RuleImpact } | { saved: false; impact: RuleImpact };

export async function updateRules(db: Db, actor: SessionUser, slug: string, input: unknown): Promise<RulesResult> {
  const edition = await organiserEdition(db, actor, slug);
  if (edition.status !== "draf" && edition.status !== "pendaftaran") {
    throw new AppError("conflict", { userMessage: "Aturan film tidak bisa diubah lagi setelah pendaftaran ditutup." });
  }
  const parsed = rulesFormSchema.parse(input);
  const confirmed = (input as Record<string, unknown>).confirm === "on";
  const before = editionRules(edition.rules);
  const after: EditionRules = { ...parsed, uploadGraceMinutes: before.uploadGraceMinutes };
  return db.transaction(async (tx) => {
    const impact = await ruleImpact(tx, edition.id, before, after);
    if ((impact.entries.length || impact.overLimit.length) && !confirmed) return { saved: false, impact };
    await tx.update(editions).set({ rules: after }).where(eq(editions.id, edition.id));
    for (const entry of impact.entries) await applyToEntry(tx, entry);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "edition.update",
      entityType: "edition",
      entityId: edition.id,
      data: {
        section: "rules",
        before,
        after,
        affected: impact.entries.map((e) => ({ code: e.code, title: e.title, kim: e.kimName, outcome: e.outcome, problems: e.problems })),
        overLimit: impact.overLimit,
      },
    });
    return { saved: true, impact };
  });
}

async function applyToEntry(tx: DbLike, entry: AffectedEntry) {
  const still = and(eq(films.id, entry.filmId), inArray(films.status, [...preparing]));
  if (entry.outcome === "ditolak_sistem") {
    // The video stops counting, as if the check had refused it: the KIM sees why and uploads
    // again, and a later refused upload cannot fall back on it.
    await tx
      .update(filmMedia)
      .set({ status: "rejected", problems: entry.problems, isCurrent: false })
      .where(and(eq(filmMedia.filmId, entry.filmId), eq(filmMedia.kind, "video"), eq(filmMedia.isCurrent, true)));
    await tx.update(filmMedia).set({ isCurrent: false }).where(and(eq(filmMedia.filmId, entry.filmId), eq(filmMedia.kind, "judge_video")));
    await tx.update(films).set({ status: "ditolak_sistem", statusReason: entry.problems.join(" "), updatedAt: new Date() }).where(still);
  } else if (entry.outcome === "draf") {
    await tx.update(films).set({ status: "draf", statusReason: newlyRequired.problem, updatedAt: new Date() }).where(still);
  }
}
