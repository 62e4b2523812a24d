import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/authenticate";
import type { Db, DbLike } from "@/lib/db/client";
import { editionIntake, intakeSchema } from "@/lib/nominations/rules";
import { categories, editions, rubricCriteria, type EditionDocuments, type EditionRules, type EditionSettings } from "@/lib/db/schema";
import { AppError, notFound } from "@/lib/errors";
import { editionRules, editionSettings } from "./defaults";
import { assertSlugFree, editionRegion, insertOrSlugTaken } from "./create-edition";
import {
  checkDateOrder,
  codecChoices,
  containerChoices,
  criterionNameSchema,
  categoryNameSchema,
  eligibleChoices,
  minHeightChoices,
  rules,
  slugSchema,
  subtitleChoices,
  texts,
  titleSchema,
  toWibIso,
} from "./edition-schemas";

/**
 * One JSON file for everything an edition is set up with (docs/edition-format.md): a province
 * hands it to its regencies as a template, an office keeps it as a backup. Importing always makes
 * a new draft; films, judges and results never travel in it. Export → import → export gives the
 * same file but for the slug (tests/integration/edition-format.test.ts).
 */

export const editionFormatName = "layar-edition";
export const editionFormatVersion = 1;

const isoDate = z
  .iso.datetime({ offset: true, message: "Tulis tanggal seperti 2027-01-20T23:59:00+07:00." })
  .transform((value) => new Date(value))
  .nullable();

const number = () => z.number();
const unique = <T>(items: T[]) => new Set(items).size === items.length;

const placement = rules.placements(number());

export const editionFileSchema = z
  .strictObject({
    format: z.literal(editionFormatName, { message: "Berkas ini bukan pengaturan edisi Layar (format harus \"layar-edition\")." }),
    version: z.literal(editionFormatVersion, { message: "Versi format ini belum dikenal; Layar membaca versi 1." }),
    slug: slugSchema,
    title: titleSchema,
    level: z.enum(["kabupaten", "provinsi"]),
    regionCode: z.string().regex(/^\d{2}(\.\d{2})?$/, { message: "Kode wilayah harus kode provinsi (33) atau kabupaten/kota (33.13)." }),
    year: rules.year(number()).nullable(),
    theme: texts.theme.nullable(),
    description: texts.description.nullable(),
    dates: z
      .strictObject({ submissionOpensAt: isoDate, submissionClosesAt: isoDate, judgingClosesAt: isoDate, announceAt: isoDate })
      .superRefine((dates, ctx) => checkDateOrder(dates, ctx)),
    rules: z.strictObject({
      maxDurationSeconds: rules.durationSeconds(number()),
      minHeight: number().refine((h) => (minHeightChoices as readonly number[]).includes(h), { message: "Resolusi minimal harus 360, 480, 720, atau 1080." }),
      maxFileBytes: rules.fileBytes(number()),
      containers: z.array(z.enum(containerChoices)).min(1, { message: "Pilih minimal satu format berkas." }).refine(unique, { message: "Ada format yang tercantum dua kali." }),
      videoCodecs: z.array(z.enum(codecChoices)).min(1, { message: "Pilih minimal satu kodek video." }).refine(unique, { message: "Ada kodek yang tercantum dua kali." }),
      filmsPerKim: rules.filmsPerKim(number()),
      uploadGraceMinutes: rules.grace(number()),
      subtitles: z.enum(subtitleChoices),
      eligibleKims: z.enum(eligibleChoices),
      // Optional: files written before the budget existed have no key (null: no budget).
      storageBudgetBytes: rules.storageBudgetBytes(number()).nullable().optional(),
      text: texts.rulesText.nullable(),
    }),
    judging: z.strictObject({
      judgesPerFilm: rules.judgesPerFilm(number()),
      assignmentMode: z.enum(["k", "all"]),
      rankingMethod: z.enum(["mean", "zscore"]),
      placements: z.strictObject({ juara: placement, harapan: placement }),
      screeningRound: z.boolean(),
      tieBreak: z.array(z.string()).max(3, { message: "Paling banyak 3 kriteria penentu seri." }),
    }),
    visibility: z.strictObject({ showOtherJudgesScores: z.boolean(), showJuryCommentsToKim: z.boolean() }),
    categories: z
      .array(z.strictObject({ name: categoryNameSchema, description: texts.categoryDescription.nullable(), juara: placement.nullable(), harapan: placement.nullable() }))
      .max(30, { message: "Paling banyak 30 kategori." }),
    rubric: z
      .array(
        z
          .strictObject({ name: criterionNameSchema, description: texts.criterionDescription.nullable(), weight: rules.weight(number()), minScore: rules.minScore(number()), maxScore: rules.maxScore(number()) })
          .superRefine((c, ctx) => {
            if (c.minScore >= c.maxScore) ctx.addIssue({ code: "custom", path: ["maxScore"], message: "Nilai tertinggi harus lebih besar dari nilai terendah." });
          }),
      )
      .max(30, { message: "Paling banyak 30 kriteria." }),
    // Issue 15: how a provincial edition takes films (absent: direct entries only).
    intake: intakeSchema.optional(),
    documents: z.strictObject({
      signatoryName: texts.signatoryName.nullable(),
      signatoryPosition: texts.signatoryPosition.nullable(),
      signatoryNip: texts.signatoryNip.nullable(),
      beritaAcaraNumber: texts.beritaAcaraNumber.nullable(),
    }),
  })
  .superRefine((file, ctx) => {
    if ((file.level === "provinsi") !== !file.regionCode.includes(".")) {
      ctx.addIssue({ code: "custom", path: ["level"], message: "Tingkat tidak cocok dengan kode wilayah: provinsi memakai kode provinsi, kabupaten memakai kode kabupaten/kota." });
    }
    const seen = (names: string[], path: string, message: string) =>
      names.forEach((name, i) => {
        if (names.findIndex((n) => n.toLowerCase() === name.toLowerCase()) < i) ctx.addIssue({ code: "custom", path: [path, i, "name"], message });
      });
    seen(file.categories.map((c) => c.name), "categories", "Nama kategori ini sudah dipakai di atasnya.");
    seen(file.rubric.map((c) => c.name), "rubric", "Nama kriteria ini sudah dipakai di atasnya.");
    const names = file.rubric.map((c) => c.name.toLowerCase());
    file.judging.tieBreak.forEach((name, i) => {
      if (!names.includes(name.trim().toLowerCase())) ctx.addIssue({ code: "custom", path: ["judging", "tieBreak", i], message: "Kriteria penentu seri harus salah satu nama di rubric." });
      else if (file.judging.tieBreak.findIndex((n) => n.trim().toLowerCase() === name.trim().toLowerCase()) < i) ctx.addIssue({ code: "custom", path: ["judging", "tieBreak", i], message: "Kriteria ini sudah disebut di atasnya." });
    });
  });

export type EditionFile = z.output<typeof editionFileSchema>;
/** What the file holds as JSON (dates as ISO text). */
export type EditionFileJson = z.input<typeof editionFileSchema>;

// ---------- export ----------

type EditionRow = typeof editions.$inferSelect;

/** The edition's settings as the file describes them (dates as Date), read in one place for export and duplicate. */
export async function editionToFile(db: DbLike, edition: EditionRow): Promise<EditionFile> {
  const [cats, criteria] = await Promise.all([
    db.select().from(categories).where(eq(categories.editionId, edition.id)).orderBy(asc(categories.position), asc(categories.name)),
    db.select().from(rubricCriteria).where(eq(rubricCriteria.editionId, edition.id)).orderBy(asc(rubricCriteria.position), asc(rubricCriteria.name)),
  ]);
  const r = editionRules(edition.rules);
  const s = editionSettings(edition.settings);
  const d: EditionDocuments = edition.documents ?? {};
  const criterionName = new Map(criteria.map((c) => [c.id, c.name]));
  return {
    format: editionFormatName,
    version: editionFormatVersion,
    slug: edition.slug,
    title: edition.title,
    level: edition.level,
    regionCode: edition.regionCode,
    year: edition.year,
    theme: edition.theme,
    description: edition.description,
    dates: { submissionOpensAt: edition.submissionOpensAt, submissionClosesAt: edition.submissionClosesAt, judgingClosesAt: edition.judgingClosesAt, announceAt: edition.announceAt },
    rules: {
      maxDurationSeconds: r.maxDurationSeconds,
      minHeight: r.minHeight,
      maxFileBytes: r.maxFileBytes,
      containers: r.containers as EditionFile["rules"]["containers"],
      videoCodecs: r.videoCodecs as EditionFile["rules"]["videoCodecs"],
      filmsPerKim: r.filmsPerKim,
      uploadGraceMinutes: r.uploadGraceMinutes,
      subtitles: r.subtitles,
      eligibleKims: r.eligibleKims,
      storageBudgetBytes: r.storageBudgetBytes ?? null,
      text: r.text ?? null,
    },
    judging: {
      judgesPerFilm: s.judgesPerFilm,
      assignmentMode: s.assignmentMode,
      rankingMethod: s.rankingMethod,
      placements: { juara: s.placements.juara, harapan: s.placements.harapan },
      screeningRound: s.screeningRound,
      tieBreak: (s.tieBreak ?? []).map((id) => criterionName.get(id)).filter((name): name is string => Boolean(name)),
    },
    visibility: { showOtherJudgesScores: s.showOtherJudgesScores, showJuryCommentsToKim: s.showJuryCommentsToKim },
    categories: cats.map((c) => ({ name: c.name, description: c.description, juara: c.juara, harapan: c.harapan })),
    rubric: criteria.map((c) => ({ name: c.name, description: c.description, weight: c.weight, minScore: c.minScore, maxScore: c.maxScore })),
    ...(edition.intake && edition.level === "provinsi" ? { intake: editionIntake(edition.intake) } : {}),
    documents: {
      signatoryName: d.signatoryName ?? null,
      signatoryPosition: d.signatoryPosition ?? null,
      signatoryNip: d.signatoryNip ?? null,
      beritaAcaraNumber: d.beritaAcaraNumber ?? null,
    },
  };
}

/** The file's JSON text: dates in WIB with their offset, two-space indents, a final newline. */
export function editionFileText(file: EditionFile): string {
  const dates = Object.fromEntries(Object.entries(file.dates).map(([k, v]) => [k, toWibIso(v)]));
  return `${JSON.stringify({ ...file, dates }, null, 2)}\n`;
}

/** `npm run admin -- export-edition SLUG` and the settings page's download: any edition by slug (callers check who asks). */
export async function exportEdition(db: DbLike, slug: string): Promise<string> {
  const [edition] = await db.select().from(editions).where(eq(editions.slug, slug));
  if (!edition) throw new AppError("not_found", { userMessage: `Edisi dengan slug ${slug} tidak ditemukan.` });
  return editionFileText(await editionToFile(db, edition));
}

// ---------- import ----------

/** `rubric[2].weight`: how a person finds the place in the file. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) out += typeof part === "number" ? `[${part}]` : out ? `.${String(part)}` : String(part);
  return out || "(berkas)";
}

// Generic problems of a hand-edited file, in Indonesian; the schema's own messages come first.
const fileErrors: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === "unrecognized_keys") return { message: "Kolom ini tidak dikenal." };
  if (issue.code === "invalid_value") return { message: `Nilai harus salah satu dari: ${issue.values.map((v) => JSON.stringify(v)).join(", ")}.` };
  if (issue.code !== "invalid_type") return { message: "Nilai ini tidak sah." };
  if (issue.input === undefined) return { message: "Kolom ini wajib ada." };
  switch (issue.expected) {
    case "string":
      return { message: "Jenis nilai salah: seharusnya teks." };
    case "number":
      return { message: "Jenis nilai salah: seharusnya angka." };
    case "boolean":
      return { message: "Jenis nilai salah: seharusnya true atau false." };
    case "array":
      return { message: "Jenis nilai salah: seharusnya daftar [...]." };
    case "object":
      return { message: "Jenis nilai salah: seharusnya objek {...}." };
    default:
      return { message: "Jenis nilai salah." };
  }
};

/** Every problem of a parsed file as "path: message", unknown keys one by one. */
function fileProblems(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.flatMap((issue) =>
    issue.code === "unrecognized_keys" ? issue.keys.map((key) => ({ path: jsonPath([...issue.path, key]), message: issue.message })) : [{ path: jsonPath(issue.path), message: issue.message }],
  );
}

function refuseFile(problems: { path: string; message: string }[]) {
  const [first] = problems;
  return new AppError("invalid", {
    userMessage: `Berkas tidak sesuai format di ${first.path}: ${first.message}`,
    fieldErrors: { file: problems.slice(0, 10).map((p) => `Berkas tidak sesuai format di ${p.path}: ${p.message}`) },
  });
}

/**
 * Reads an edition file. `npm run admin -- export-edition x > f.json` without the admin
 * script's own care would start with npm's "> layar@0.1.0 admin" banner: lines starting with
 * ">" before the JSON are skipped.
 */
export function parseEditionFile(text: string): EditionFile {
  const json = text.replace(/^\uFEFF/, "").replace(/^(?:\s*>[^\n]*\n)+/, "");
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    const at = /position (\d+)/.exec(error instanceof Error ? error.message : "");
    if (!at) throw new AppError("invalid", { userMessage: "Berkas ini bukan JSON yang sah.", fieldErrors: { file: ["Berkas ini bukan JSON yang sah."] } });
    const before = json.slice(0, Number(at[1])).split("\n");
    const where = `baris ${before.length}, kolom ${before[before.length - 1].length + 1}`;
    throw new AppError("invalid", { userMessage: `Berkas ini bukan JSON yang sah (${where}).`, fieldErrors: { file: [`Berkas ini bukan JSON yang sah (${where}).`] } });
  }
  const parsed = editionFileSchema.safeParse(data, { error: fileErrors });
  if (!parsed.success) throw refuseFile(fileProblems(parsed.error));
  return parsed.data;
}

/**
 * A new draft edition holding everything the file describes. With an actor (the settings
 * page) the region must be in the organiser's scope; the operator's CLI may import any region.
 */
export async function createFromFile(db: Db, file: EditionFile, actorId: string | null): Promise<EditionRow> {
  return db.transaction(async (tx) => {
    const rulesRow: EditionRules = { ...file.rules, text: file.rules.text ?? undefined, storageBudgetBytes: file.rules.storageBudgetBytes ?? undefined };
    if (!file.rules.text) delete rulesRow.text;
    if (file.rules.storageBudgetBytes == null) delete rulesRow.storageBudgetBytes;
    const settings: EditionSettings = { ...file.judging, ...file.visibility, placements: { ...file.judging.placements }, tieBreak: [] };
    const documents: EditionDocuments = Object.fromEntries(Object.entries(file.documents).filter(([, v]) => v)) as EditionDocuments;
    const [edition] = await tx
      .insert(editions)
      .values({
        slug: file.slug,
        title: file.title,
        year: file.year,
        level: file.level,
        regionCode: file.regionCode,
        theme: file.theme,
        description: file.description,
        ...file.dates,
        rules: rulesRow,
        settings,
        documents: Object.keys(documents).length ? documents : null,
        intake: file.level === "provinsi" && file.intake && file.intake.mode !== "langsung" ? file.intake : null,
        status: "draf",
        createdBy: actorId,
      })
      .returning();
    if (file.categories.length) {
      await tx.insert(categories).values(file.categories.map((c, position) => ({ editionId: edition.id, name: c.name, description: c.description, juara: c.juara, harapan: c.harapan, position })));
    }
    const criteria = file.rubric.length
      ? await tx
          .insert(rubricCriteria)
          .values(file.rubric.map((c, position) => ({ editionId: edition.id, name: c.name, description: c.description, weight: c.weight, minScore: c.minScore, maxScore: c.maxScore, position })))
          .returning({ id: rubricCriteria.id, name: rubricCriteria.name })
      : [];
    const idOf = new Map(criteria.map((c) => [c.name.toLowerCase(), c.id]));
    settings.tieBreak = file.judging.tieBreak.map((name) => idOf.get(name.trim().toLowerCase())!);
    if (settings.tieBreak.length) await tx.update(editions).set({ settings }).where(eq(editions.id, edition.id));
    return { ...edition, settings };
  });
}

/** Checks what the file cannot say by itself (region, slug, scope) and creates the draft. */
export async function importEdition(db: Db, fileText: string, actor: SessionUser | null): Promise<{ id: string; slug: string }> {
  if (actor && (actor.role !== "organiser" || actor.status !== "active")) throw notFound();
  const file = parseEditionFile(fileText);
  await editionRegion(db, actor, file.regionCode, "file").catch((error: unknown) => {
    if (!(error instanceof AppError)) throw error;
    const code = file.regionCode;
    throw new AppError("invalid", {
      userMessage: actor ? `Wilayah ${code} tidak dikenal atau di luar wilayah Anda.` : `Wilayah ${code} tidak dikenal.`,
      fieldErrors: { file: [actor ? `Wilayah ${code} tidak dikenal atau di luar wilayah Anda.` : `Wilayah ${code} tidak dikenal.`] },
    });
  });
  await assertSlugFree(db, file.slug, "file");
  const edition = await insertOrSlugTaken(file.slug, () => createFromFile(db, file, actor?.id ?? null), "file");
  await recordAudit(db, { actorId: actor?.id ?? null, action: "edition.import", entityType: "edition", entityId: edition.id, data: { slug: file.slug, title: file.title, via: actor ? "web" : "cli" } });
  return { id: edition.id, slug: edition.slug };
}
