import crypto from "node:crypto";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { and, asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db, DbLike } from "@/lib/db/client";
import { films, kimGroups, specialAwards } from "@/lib/db/schema";
import type { SessionUser } from "@/lib/auth/authenticate";
import { AppError, notFound } from "@/lib/errors";
import { organiserEdition } from "@/lib/judging/assignment-plan";
import { nameText, plainText } from "@/lib/text/sanitise";

// Special awards (Film Favorit, Sutradara Terbaik, ...) sit beside the jury's ranking,
// never inside it: an organiser records who won and how it was decided (the note),
// and each award gets its own piagam code like a placement.

/** Suggestions for the name field; any other name is allowed. */
export const suggestedAwardNames = ["Film Favorit", "Sutradara Terbaik", "Skenario Terbaik", "Sinematografi Terbaik", "Pemeran Terbaik"];

const judgedStatuses = ["diunggah", "lolos_kurasi", "dinilai", "juara"] as const;

export const specialAwardSchema = z.object({
  filmId: z.uuid("Pilih film."),
  name: nameText().trim().min(3, "Nama penghargaan minimal 3 karakter.").max(60, "Nama penghargaan paling panjang 60 karakter."),
  note: plainText().trim().max(300, "Keterangan paling panjang 300 karakter.").optional().default(""),
});

export const removeSpecialAwardSchema = z.object({ awardId: z.uuid(), reason: plainText().trim().min(5, "Tulis alasan menghapus (minimal 5 karakter).").max(300) });

async function editionForAwards(db: Db, actor: SessionUser, slug: string) {
  const edition = await organiserEdition(db, actor, slug);
  if (!["penjurian", "disegel", "diumumkan"].includes(edition.status)) {
    throw new AppError("conflict", { userMessage: "Penghargaan khusus diberikan setelah film dinilai." });
  }
  return edition;
}

/** An edition's special awards with the film and KIM, for the organiser and the documents. */
export async function listSpecialAwards(db: DbLike, editionId: string) {
  return db
    .select({ id: specialAwards.id, name: specialAwards.name, note: specialAwards.note, certificateCode: specialAwards.certificateCode, filmId: films.id, filmCode: films.code, filmTitle: films.title, kimId: kimGroups.id, kimName: kimGroups.name })
    .from(specialAwards)
    .innerJoin(films, eq(films.id, specialAwards.filmId))
    .innerJoin(kimGroups, eq(kimGroups.id, films.kimId))
    .where(eq(specialAwards.editionId, editionId))
    .orderBy(asc(specialAwards.name));
}

/** The films an award can go to: every film of the edition that was judged, with its KIM (organisers only). */
export async function awardableFilms(db: DbLike, editionId: string) {
  return db
    .select({ id: films.id, code: films.code, title: films.title, kimName: kimGroups.name })
    .from(films)
    .innerJoin(kimGroups, eq(kimGroups.id, films.kimId))
    .where(and(eq(films.editionId, editionId), inArray(films.status, [...judgedStatuses])))
    .orderBy(asc(films.code));
}

export async function addSpecialAward(db: Db, actor: SessionUser, slug: string, input: unknown) {
  const edition = await editionForAwards(db, actor, slug);
  const { filmId, name, note } = specialAwardSchema.parse(input);
  const [film] = await db
    .select({ id: films.id })
    .from(films)
    .where(and(eq(films.id, filmId), eq(films.editionId, edition.id), inArray(films.status, [...judgedStatuses])));
  if (!film) throw new AppError("invalid", { userMessage: "Film ini tidak ikut dinilai di festival ini.", fieldErrors: { filmId: ["Pilih film yang ikut dinilai."] } });
  const taken = () =>
    new AppError("conflict", { userMessage: `Penghargaan "${name}" sudah diberikan di festival ini. Hapus dulu bila ingin memindahkannya.`, fieldErrors: { name: ["Nama ini sudah dipakai."] } });
  try {
    return await db.transaction(async (tx) => {
      const [award] = await tx
        .insert(specialAwards)
        .values({ editionId: edition.id, filmId, name, note: note || null, certificateCode: crypto.randomBytes(6).toString("hex").toUpperCase() })
        .returning();
      await recordAudit(tx, { actorId: actor.id, action: "award.add", entityType: "film", entityId: filmId, data: { name, note } });
      return award;
    });
  } catch (error) {
    // The unique index on (edition, lower(name)) decides, also between two requests at once.
    if (isUniqueViolation(error)) throw taken();
    throw error;
  }
}

export async function removeSpecialAward(db: Db, actor: SessionUser, slug: string, input: unknown) {
  const edition = await editionForAwards(db, actor, slug);
  const { awardId, reason } = removeSpecialAwardSchema.parse(input);
  const [removed] = await db.delete(specialAwards).where(and(eq(specialAwards.id, awardId), eq(specialAwards.editionId, edition.id))).returning();
  if (!removed) throw notFound();
  await recordAudit(db, { actorId: actor.id, action: "award.remove", entityType: "film", entityId: removed.filmId, data: { name: removed.name, reason } });
}
