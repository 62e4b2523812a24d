import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Db, DbLike } from "@/lib/db/client";
import { categories, editions, films } from "@/lib/db/schema";
import type { SessionUser } from "@/lib/auth/authenticate";
import { editionRules } from "@/lib/editions/defaults";
import { entriesOpen, organiserMayEnter } from "@/lib/editions/submission-window";
import { AppError } from "@/lib/errors";
import { kimMayEnter } from "./entry-eligibility";
import { settleEntryStatus } from "./entry-status";
import { newFilmCode } from "./film-code";
import { countActiveEntries, editionInScope, entryWindow, getEntryFilm, getKimFilm, kimExtension, kimFacts, notEditable, onBehalfData, requireActiveKim } from "./kim-film";
import { nameText, plainText } from "@/lib/text/sanitise";
import { notifyEntryReceived } from "@/lib/messages/events";
import { notifySafely } from "@/lib/messages/queue";

function assertWindow(state: { open: true } | { open: false; reason: string }) {
  if (!state.open) throw new AppError("forbidden", { userMessage: state.reason });
}

// A slot is used the moment the entry exists, so creating one asks for a ticked confirmation
// (checked here, on the server: the form works without JavaScript).
const confirmed = z.preprocess((v) => v === true || v === "on" || v === "true", z.literal(true, "Centang konfirmasi bahwa film ini memakai satu slot film KIM."));

const kimEntrySchema = z.object({ editionSlug: z.string().min(1).max(120), confirmSlot: confirmed });
const organiserEntrySchema = z.object({ editionSlug: z.string().min(1).max(120), kimId: z.uuid("Pilih KIM."), confirmSlot: confirmed });

type Kim = Awaited<ReturnType<typeof kimFacts>>;
type Edition = typeof editions.$inferSelect;

/** Inserts an entry for `kim` within the edition's limit of films per KIM (serialised per KIM). */
async function insertEntry(tx: DbLike, edition: Edition, kim: Kim, createdBy: string, now: Date): Promise<string> {
  const limit = editionRules(edition.rules).filmsPerKim;
  // Serialise entries of one KIM so a double click cannot slip past the limit.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${kim.id}))`);
  if ((await countActiveEntries(tx, kim.id, edition.id)) >= limit) {
    throw new AppError("conflict", { userMessage: `Batas ${limit} film per KIM untuk festival ini sudah tercapai. Tarik film lain dulu bila ingin mengganti.` });
  }
  const prefix = `${edition.level === "provinsi" ? "P" : "K"}${String(edition.year ?? now.getFullYear()).slice(2)}`;
  const [film] = await tx.insert(films).values({ editionId: edition.id, kimId: kim.id, code: newFilmCode(prefix), title: "Film tanpa judul", createdBy }).returning({ id: films.id });
  return film.id;
}

/**
 * Starts a draft entry in an edition the KIM may enter (region, active-only rule), while
 * entries are open for it (its own extension counts), within the limit per KIM, once the KIM
 * confirmed it uses a slot.
 */
export async function createDraftFilm(db: Db, actor: SessionUser, input: unknown, now = new Date()): Promise<{ filmId: string }> {
  requireActiveKim(actor);
  const { editionSlug } = kimEntrySchema.parse(input);
  const kim = await kimFacts(db, actor.kimId);
  const created = await db.transaction(async (tx) => {
    const [edition] = await tx.select().from(editions).where(eq(editions.slug, editionSlug));
    if (!edition || edition.status === "draf") throw new AppError("not_found", { userMessage: "Festival tidak ditemukan atau tidak terbuka untuk KIM Anda." });
    const eligible = kimMayEnter(edition, kim);
    if (!eligible.ok) throw new AppError(eligible.why === "region" ? "not_found" : "forbidden", { userMessage: eligible.reason });
    assertWindow(entriesOpen(edition, now, await kimExtension(tx, edition.id, kim.id)));
    const filmId = await insertEntry(tx, edition, kim, actor.id, now);
    await recordAudit(tx, { actorId: actor.id, action: "film.create", entityType: "film", entityId: filmId, editionId: edition.id });
    return { filmId };
  });
  await notifySafely("entry received", () => notifyEntryReceived(db, created.filmId));
  return created;
}

/**
 * An organiser enters a film for a KIM (delivered on a flash disk): an edition in the
 * organiser's region that still takes entries (also after its close date), a KIM that may
 * enter it, within that KIM's limit. The entry is the KIM's; the audit names both.
 */
export async function createFilmForKim(db: Db, actor: SessionUser, input: unknown): Promise<{ filmId: string; slug: string }> {
  const scope = editionInScope(actor);
  const { editionSlug, kimId } = organiserEntrySchema.parse(input);
  const created = await db.transaction(async (tx) => {
    const [edition] = await tx.select().from(editions).where(and(eq(editions.slug, editionSlug), scope));
    if (!edition) throw new AppError("not_found", { userMessage: "Festival tidak ditemukan." });
    assertWindow(organiserMayEnter(edition));
    const kim = await kimFacts(tx, kimId).catch(() => null);
    const eligible = kim ? kimMayEnter(edition, kim) : null;
    if (!kim || !eligible?.ok) {
      throw new AppError("invalid", {
        userMessage: "KIM ini tidak bisa ikut festival ini (di luar wilayahnya, atau festival hanya untuk KIM aktif).",
        fieldErrors: { kimId: ["KIM ini tidak bisa ikut festival ini (di luar wilayahnya, atau festival hanya untuk KIM aktif)."] },
      });
    }
    const filmId = await insertEntry(tx, edition, kim, actor.id, new Date());
    await recordAudit(tx, { actorId: actor.id, action: "film.create", entityType: "film", entityId: filmId, editionId: edition.id, data: onBehalfData({ kim, onBehalf: true }) });
    return { filmId, slug: edition.slug };
  });
  await notifySafely("entry received", () => notifyEntryReceived(db, created.filmId));
  return created;
}

const crewSchema = z
  .array(z.object({ name: nameText().trim().min(1, "Tulis nama kru.").max(120), role: nameText().trim().min(1, "Tulis peran kru.").max(60) }))
  .max(40, "Paling banyak 40 kru.");

export const filmDetailsSchema = z.object({
  filmId: z.uuid(),
  title: nameText().trim().min(1, "Tulis judul film.").max(150, "Judul paling panjang 150 karakter."),
  synopsis: plainText().trim().min(20, "Sinopsis minimal 20 karakter.").max(2000, "Sinopsis paling panjang 2.000 karakter."),
  categoryId: z.uuid("Pilih kategori.").optional().or(z.literal("").transform(() => undefined)),
  language: nameText().trim().min(2, "Tulis bahasa film (mis. Bahasa Jawa).").max(60),
  declaredDurationSeconds: z.coerce.number("Tulis durasi dalam detik.").int("Durasi dalam detik bulat.").min(1, "Durasi minimal 1 detik.").max(7200, "Durasi paling lama 2 jam."),
  crew: crewSchema,
  originalityDeclared: z.literal(true, "Centang pernyataan bahwa film ini karya asli KIM Anda."),
  publicationConsent: z.literal(true, "Centang persetujuan publikasi oleh panitia."),
});

/**
 * Saves the entry's details: the KIM until its close, an organiser (for the KIM) while the
 * edition takes entries. A changed language may change whether a subtitle is needed.
 */
export async function updateFilmDetails(db: Db, actor: SessionUser, input: unknown, now = new Date()): Promise<{ editionSlug: string }> {
  const data = filmDetailsSchema.parse(input);
  const entry = await getEntryFilm(db, actor, data.filmId);
  const { film, edition } = entry;
  assertWindow(entryWindow(entry, now));
  const locked = notEditable(film.status);
  if (locked) throw new AppError("conflict", { userMessage: locked.reason });
  if (data.categoryId) {
    const [category] = await db.select().from(categories).where(and(eq(categories.id, data.categoryId), eq(categories.editionId, edition.id)));
    if (!category) throw new AppError("invalid", { userMessage: "Pilih kategori dari daftar.", fieldErrors: { categoryId: ["Pilih kategori dari daftar."] } });
  }
  const { filmId, ...values } = data;
  await db.transaction(async (tx) => {
    await tx.update(films).set({ ...values, categoryId: values.categoryId ?? null, updatedAt: now }).where(eq(films.id, filmId));
    if (values.language !== film.language) await settleEntryStatus(tx, filmId, now);
    if (entry.onBehalf) await recordAudit(tx, { actorId: actor.id, action: "film.update", entityType: "film", entityId: filmId, editionId: edition.id, data: onBehalfData(entry) });
  });
  return { editionSlug: edition.slug };
}

/** Withdraws an entry before the (KIM's) close; it no longer counts against the limit. */
export async function withdrawFilm(db: Db, actor: SessionUser, input: unknown, now = new Date()): Promise<void> {
  const { filmId } = z.object({ filmId: z.uuid() }).parse(input);
  const entry = await getKimFilm(db, actor, filmId);
  assertWindow(entryWindow(entry, now));
  if (entry.film.status === "ditarik") return;
  await db.update(films).set({ status: "ditarik", statusReason: "Ditarik oleh KIM.", updatedAt: now }).where(eq(films.id, filmId));
  await recordAudit(db, { actorId: actor.id, action: "film.withdraw", entityType: "film", entityId: filmId, editionId: entry.edition.id });
}
