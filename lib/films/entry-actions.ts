import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db/client";
import { categories, editions, films } from "@/lib/db/schema";
import type { SessionUser } from "@/lib/auth/authenticate";
import { entriesOpen } from "@/lib/editions/submission-window";
import { AppError } from "@/lib/errors";
import { newFilmCode } from "./film-code";
import { countActiveEntries, getKimFilm, kimRegency, requireActiveKim } from "./kim-film";

const editable = new Set(["draf", "diunggah", "diperiksa", "ditolak_sistem"]);

function assertOpen(edition: Parameters<typeof entriesOpen>[0], now: Date) {
  const state = entriesOpen(edition, now);
  if (!state.open) throw new AppError("forbidden", { userMessage: state.reason });
}

/** Starts a draft entry in an edition the KIM may enter, within the edition's limit per KIM. */
export async function createDraftFilm(db: Db, actor: SessionUser, input: unknown, now = new Date()): Promise<{ filmId: string }> {
  requireActiveKim(actor);
  const { editionSlug } = z.object({ editionSlug: z.string().min(1).max(120) }).parse(input);
  const regency = await kimRegency(db, actor.kimId);
  return db.transaction(async (tx) => {
    const [edition] = await tx.select().from(editions).where(eq(editions.slug, editionSlug));
    // A KIM enters its own regency's editions and its province's.
    if (!edition || (edition.regionCode !== regency && edition.regionCode !== regency.slice(0, 2))) {
      throw new AppError("not_found", { userMessage: "Festival tidak ditemukan atau tidak terbuka untuk KIM Anda." });
    }
    assertOpen(edition, now);
    const limit = edition.rules?.filmsPerKim ?? 1;
    // Serialise entries of one KIM so a double click cannot slip past the limit.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${actor.kimId}))`);
    if ((await countActiveEntries(tx, actor.kimId, edition.id)) >= limit) {
      throw new AppError("conflict", { userMessage: `Batas ${limit} film per KIM untuk festival ini sudah tercapai. Tarik film lain dulu bila ingin mengganti.` });
    }
    const prefix = `${edition.level === "provinsi" ? "P" : "K"}${String(edition.year ?? now.getFullYear()).slice(2)}`;
    const [film] = await tx
      .insert(films)
      .values({ editionId: edition.id, kimId: actor.kimId, code: newFilmCode(prefix), title: "Film tanpa judul", createdBy: actor.id })
      .returning({ id: films.id });
    await recordAudit(tx, { actorId: actor.id, action: "film.create", entityType: "film", entityId: film.id });
    return { filmId: film.id };
  });
}

const crewSchema = z
  .array(z.object({ name: z.string().trim().min(1, "Tulis nama kru.").max(120), role: z.string().trim().min(1, "Tulis peran kru.").max(60) }))
  .max(40, "Paling banyak 40 kru.");

export const filmDetailsSchema = z.object({
  filmId: z.uuid(),
  title: z.string().trim().min(1, "Tulis judul film.").max(150, "Judul paling panjang 150 karakter."),
  synopsis: z.string().trim().min(20, "Sinopsis minimal 20 karakter.").max(2000, "Sinopsis paling panjang 2.000 karakter."),
  categoryId: z.uuid("Pilih kategori.").optional().or(z.literal("").transform(() => undefined)),
  language: z.string().trim().min(2, "Tulis bahasa film (mis. Bahasa Jawa).").max(60),
  declaredDurationSeconds: z.coerce.number("Tulis durasi dalam detik.").int("Durasi dalam detik bulat.").min(1, "Durasi minimal 1 detik.").max(7200, "Durasi paling lama 2 jam."),
  crew: crewSchema,
  originalityDeclared: z.literal(true, "Centang pernyataan bahwa film ini karya asli KIM Anda."),
  publicationConsent: z.literal(true, "Centang persetujuan publikasi oleh panitia."),
});

/** Saves the entry's details; allowed until the close, never after. */
export async function updateFilmDetails(db: Db, actor: SessionUser, input: unknown, now = new Date()): Promise<void> {
  const data = filmDetailsSchema.parse(input);
  const { film, edition } = await getKimFilm(db, actor, data.filmId);
  assertOpen(edition, now);
  if (!editable.has(film.status)) throw new AppError("conflict", { userMessage: "Film yang sudah ditarik tidak bisa diubah." });
  if (data.categoryId) {
    const [category] = await db.select().from(categories).where(and(eq(categories.id, data.categoryId), eq(categories.editionId, edition.id)));
    if (!category) throw new AppError("invalid", { userMessage: "Pilih kategori dari daftar.", fieldErrors: { categoryId: ["Pilih kategori dari daftar."] } });
  }
  const { filmId, ...values } = data;
  await db.update(films).set({ ...values, categoryId: values.categoryId ?? null, updatedAt: now }).where(eq(films.id, filmId));
}

/** Withdraws an entry before the close; it no longer counts against the limit. */
export async function withdrawFilm(db: Db, actor: SessionUser, input: unknown, now = new Date()): Promise<void> {
  const { filmId } = z.object({ filmId: z.uuid() }).parse(input);
  const { film, edition } = await getKimFilm(db, actor, filmId);
  assertOpen(edition, now);
  if (film.status === "ditarik") return;
  await db.update(films).set({ status: "ditarik", statusReason: "Ditarik oleh KIM.", updatedAt: now }).where(eq(films.id, filmId));
  await recordAudit(db, { actorId: actor.id, action: "film.withdraw", entityType: "film", entityId: filmId });
}
