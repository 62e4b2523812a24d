import { and, asc, count, eq, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { hashToken, newToken } from "@/lib/auth/tokens";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/authenticate";
import type { Db, DbLike } from "@/lib/db/client";
import { categories, editions, filmMedia, filmNominations, filmRenditions, films, judgeAssignments, kimGroups, placements, regions } from "@/lib/db/schema";
import { editionRules } from "@/lib/editions/defaults";
import { AppError, notFound } from "@/lib/errors";
import { newFilmCode } from "@/lib/films/film-code";
import { organiserEdition } from "@/lib/judging/assignment-plan";
import { plainText } from "@/lib/text/sanitise";
import { editionIntake, filmRuleProblems, mapCategory, nominationWindow, provinceOf, quotaProblem, takesNominations, type FilmFacts } from "./rules";

/**
 * From regency to province (issue 15, docs/decisions/0035). A regency organiser nominates
 * films of its published edition into a provincial edition of its province that takes
 * nominations; the provincial rules and the quota are checked first; the KIM confirms by a
 * link (its members only), and the confirmation copies the film into the provincial edition
 * with a new code and rows that point at the same stored files (nothing is uploaded again).
 */

type Edition = typeof editions.$inferSelect;
type Nomination = typeof filmNominations.$inferSelect;


/** The films of a published result a regency may send: placed or judged, never withdrawn or disqualified. */
const sendableStatuses = ["juara", "dinilai", "lolos_kurasi", "diunggah", "diperiksa"] as const;

/** The source edition of a nomination: the regency organiser's own, published, regency edition. */
async function sourceEdition(db: DbLike, actor: SessionUser, slug: string): Promise<Edition> {
  const edition = await organiserEdition(db, actor, slug);
  // A province organiser covers the regency's edition but the choice is the regency's own.
  if (edition.level !== "kabupaten" || actor.regionCode !== edition.regionCode) throw new AppError("forbidden", { userMessage: "Hanya panitia kabupaten/kota penyelenggara yang bisa mengirim nominasi dari festival ini." });
  if (edition.status !== "diumumkan") throw new AppError("conflict", { userMessage: "Nominasi hanya bisa dikirim dari festival yang hasilnya sudah diumumkan." });
  return edition;
}

/** The provincial editions of the source's province that take nominations (open or not). */
async function provincialTargets(db: DbLike, source: Edition) {
  const rows = await db
    .select()
    .from(editions)
    .where(and(eq(editions.level, "provinsi"), eq(editions.regionCode, provinceOf(source.regionCode)), eq(editions.isHistorical, false)))
    .orderBy(asc(editions.submissionClosesAt));
  return rows.filter((e) => takesNominations(e) && e.status !== "draf");
}

/** What a film brings to a check: its language, current accepted video, subtitle and category. */
async function filmFacts(db: DbLike, filmIds: string[]) {
  if (filmIds.length === 0) return new Map<string, FilmFacts & { categoryName: string | null }>();
  const [media, rows] = await Promise.all([
    db
      .select({ filmId: filmMedia.filmId, kind: filmMedia.kind, probe: filmMedia.probe, sizeBytes: filmMedia.sizeBytes })
      .from(filmMedia)
      .where(and(inArray(filmMedia.filmId, filmIds), eq(filmMedia.status, "ok"), eq(filmMedia.isCurrent, true))),
    db.select({ id: films.id, language: films.language, categoryName: categories.name }).from(films).leftJoin(categories, eq(categories.id, films.categoryId)).where(inArray(films.id, filmIds)),
  ]);
  return new Map(
    rows.map((f) => {
      const video = media.find((m) => m.filmId === f.id && m.kind === "video");
      return [f.id, { language: f.language, categoryName: f.categoryName, video: video ? { probe: video.probe, sizeBytes: video.sizeBytes } : null, hasSubtitle: media.some((m) => m.filmId === f.id && m.kind === "subtitle") }];
    }),
  );
}

async function standingFrom(db: DbLike, targetId: string, regionCode: string): Promise<number> {
  const [{ n }] = await db
    .select({ n: count() })
    .from(filmNominations)
    .where(and(eq(filmNominations.targetEditionId, targetId), eq(filmNominations.regionCode, regionCode), inArray(filmNominations.status, ["menunggu_kim", "dikonfirmasi"])));
  return n;
}

/** The nominate page of a regency edition: the provincial editions, the films, what each check says, the nominations sent. */
export async function getNominationChoices(db: Db, actor: SessionUser, slug: string, now = new Date()) {
  const source = await sourceEdition(db, actor, slug);
  const targets = await provincialTargets(db, source);
  const sourceFilms = await db
    .select({ id: films.id, code: films.code, title: films.title, status: films.status, kimId: films.kimId, kimName: kimGroups.name, placement: placements.placement, rank: placements.rank })
    .from(films)
    .innerJoin(kimGroups, eq(kimGroups.id, films.kimId))
    .leftJoin(placements, and(eq(placements.filmId, films.id), eq(placements.editionId, source.id)))
    .where(and(eq(films.editionId, source.id), inArray(films.status, [...sendableStatuses])))
    .orderBy(sql`${placements.rank} asc nulls last`, asc(films.title));
  const facts = await filmFacts(
    db,
    sourceFilms.map((f) => f.id),
  );
  const sent = await db
    .select({ id: filmNominations.id, sourceFilmId: filmNominations.sourceFilmId, targetEditionId: filmNominations.targetEditionId, status: filmNominations.status, reason: filmNominations.reason, createdAt: filmNominations.createdAt })
    .from(filmNominations)
    .where(eq(filmNominations.sourceEditionId, source.id))
    .orderBy(asc(filmNominations.createdAt));
  return {
    source,
    targets: await Promise.all(
      targets.map(async (target) => {
        const intake = editionIntake(target.intake);
        const window = nominationWindow(target, now);
        const standing = await standingFrom(db, target.id, source.regionCode);
        const rules = editionRules(target.rules);
        return {
          edition: target,
          intake,
          window,
          standing,
          films: sourceFilms.map((f) => {
            const live = sent.find((s) => s.sourceFilmId === f.id && s.targetEditionId === target.id && (s.status === "menunggu_kim" || s.status === "dikonfirmasi"));
            const problems = [quotaProblem(intake, f, standing), ...filmRuleProblems(rules, facts.get(f.id)!)].filter((p): p is string => p !== null);
            return { ...f, problems, nomination: live ?? null };
          }),
        };
      }),
    ),
    sent,
  };
}

const nominateSchema = z.object({ target: z.uuid("Pilih festival provinsi."), films: z.array(z.uuid()).min(1, "Pilih paling sedikit satu film.").max(50) });

export type NominationSent = { nominationId: string; token: string; filmId: string; kimId: string };

/**
 * Nominates films of the organiser's published regency edition into a provincial edition.
 * Every film is checked (quota, provincial rules) before anything is stored; one refusal
 * stops the whole send with the film named. Returns the links' tokens (only here: stored hashed).
 */
export async function nominateFilms(db: Db, actor: SessionUser, slug: string, input: unknown, now = new Date()): Promise<NominationSent[]> {
  const values = nominateSchema.parse(input);
  return db.transaction(async (tx) => {
    const source = await sourceEdition(tx, actor, slug);
    const [target] = await tx.select().from(editions).where(eq(editions.id, values.target));
    if (!target || !takesNominations(target) || target.regionCode !== provinceOf(source.regionCode) || target.status === "draf") throw new AppError("not_found", { userMessage: "Festival provinsi tidak ditemukan atau tidak menerima nominasi." });
    const window = nominationWindow(target, now);
    if (!window.open) throw new AppError("conflict", { userMessage: window.reason });
    // Serialise one regency's sends into one edition, so two tabs cannot both take the last slot.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`nominasi:${target.id}:${source.regionCode}`}))`);
    const intake = editionIntake(target.intake);
    const rules = editionRules(target.rules);
    const rows = await tx
      .select({ id: films.id, title: films.title, kimId: films.kimId, status: films.status, placement: placements.placement, rank: placements.rank })
      .from(films)
      .leftJoin(placements, and(eq(placements.filmId, films.id), eq(placements.editionId, source.id)))
      .where(and(eq(films.editionId, source.id), inArray(films.id, values.films)));
    if (rows.length !== new Set(values.films).size) throw notFound();
    const facts = await filmFacts(
      tx,
      rows.map((r) => r.id),
    );
    let standing = await standingFrom(tx, target.id, source.regionCode);
    const sent: NominationSent[] = [];
    for (const film of rows) {
      if (!(sendableStatuses as readonly string[]).includes(film.status)) throw new AppError("conflict", { userMessage: `Film "${film.title}" tidak bisa dinominasikan: film ini tidak termasuk hasil festival.` });
      const [live] = await tx
        .select({ id: filmNominations.id })
        .from(filmNominations)
        .where(and(eq(filmNominations.sourceFilmId, film.id), eq(filmNominations.targetEditionId, target.id), inArray(filmNominations.status, ["menunggu_kim", "dikonfirmasi"])));
      if (live) throw new AppError("conflict", { userMessage: `Film "${film.title}" sudah dinominasikan ke festival ini.` });
      const quota = quotaProblem(intake, film, standing);
      if (quota) throw new AppError("conflict", { userMessage: `Film "${film.title}" tidak bisa dinominasikan: ${quota}` });
      const problems = filmRuleProblems(rules, facts.get(film.id)!);
      if (problems.length) throw new AppError("conflict", { userMessage: `Film "${film.title}" tidak memenuhi aturan festival provinsi: ${problems.join(" ")}` });
      const { token, hash } = newToken();
      const [row] = await tx
        .insert(filmNominations)
        .values({ sourceFilmId: film.id, sourceEditionId: source.id, targetEditionId: target.id, kimId: film.kimId, regionCode: source.regionCode, sourcePlacement: film.placement, sourceRank: film.rank, tokenHash: hash, nominatedBy: actor.id })
        .returning({ id: filmNominations.id });
      standing += 1;
      await recordAudit(tx, { actorId: actor.id, action: "nomination.create", entityType: "nomination", entityId: row.id, editionId: target.id, data: { sourceEdition: source.slug, filmId: film.id, placement: film.placement } });
      sent.push({ nominationId: row.id, token, filmId: film.id, kimId: film.kimId });
    }
    return sent;
  });
}

/** A nomination by its link, with what the KIM's page shows. Null when the link is unknown. */
export async function nominationByToken(db: DbLike, token: string) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  return nominationWhere(db, eq(filmNominations.tokenHash, hashToken(token)));
}

/** The same by its id (the KIM's dashboard, signed in). */
export async function nominationById(db: DbLike, id: string) {
  if (!z.uuid().safeParse(id).success) return null;
  return nominationWhere(db, eq(filmNominations.id, id));
}

async function nominationWhere(db: DbLike, where: ReturnType<typeof eq>) {
  const [row] = await db
    .select({ nomination: filmNominations, filmTitle: films.title, filmSynopsis: films.synopsis, kimName: kimGroups.name, regionName: regions.name })
    .from(filmNominations)
    .innerJoin(films, eq(films.id, filmNominations.sourceFilmId))
    .innerJoin(kimGroups, eq(kimGroups.id, filmNominations.kimId))
    .innerJoin(regions, eq(regions.code, filmNominations.regionCode))
    .where(where);
  if (!row) return null;
  const [[target], [source], [promoted]] = await Promise.all([
    db.select().from(editions).where(eq(editions.id, row.nomination.targetEditionId)),
    db.select({ title: editions.title, slug: editions.slug }).from(editions).where(eq(editions.id, row.nomination.sourceEditionId)),
    row.nomination.promotedFilmId ? db.select({ code: films.code }).from(films).where(eq(films.id, row.nomination.promotedFilmId)) : Promise.resolve([]),
  ]);
  // The copy's code in the provincial edition, told to the KIM once it confirmed.
  return { ...row, target, source, promotedCode: promoted?.code ?? null };
}

/** Only an active member of the nominated KIM answers its link (another KIM's member is refused). */
function assertKimMember(actor: SessionUser, nomination: Pick<Nomination, "kimId">) {
  if (actor.role !== "kim" || actor.status !== "active" || actor.kimId !== nomination.kimId) throw new AppError("forbidden", { userMessage: "Tautan nominasi ini untuk anggota KIM yang filmnya dinominasikan." });
}

const answerSchema = z.object({
  token: z.string().max(100).optional(),
  nominationId: z.string().max(40).optional(),
  reason: plainText().trim().max(500, "Alasan paling panjang 500 karakter.").optional(),
});

const findAnswered = (db: DbLike, v: { token?: string; nominationId?: string }) => (v.token ? nominationByToken(db, v.token) : v.nominationId ? nominationById(db, v.nominationId) : Promise.resolve(null));

/**
 * The KIM confirms: in one transaction the nomination becomes dikonfirmasi (only from
 * menunggu_kim: a second click finds nothing to change and makes no second film) and the
 * film is copied into the provincial edition.
 */
export async function confirmNomination(db: Db, actor: SessionUser, input: unknown, now = new Date()): Promise<{ filmId: string; code: string; nominationId: string }> {
  const values = answerSchema.parse(input);
  return db.transaction(async (tx) => {
    const found = await findAnswered(tx, values);
    if (!found) throw notFound();
    assertKimMember(actor, found.nomination);
    const window = nominationWindow(found.target, now);
    if (!window.open) throw new AppError("conflict", { userMessage: window.reason });
    const [taken] = await tx
      .update(filmNominations)
      .set({ status: "dikonfirmasi", decidedBy: actor.id, decidedAt: now })
      .where(and(eq(filmNominations.id, found.nomination.id), eq(filmNominations.status, "menunggu_kim")))
      .returning();
    if (!taken) throw new AppError("conflict", { userMessage: "Nominasi ini sudah dijawab sebelumnya." });
    const promoted = await promoteFilm(tx, taken, found.target, actor.id, now);
    await recordAudit(tx, { actorId: actor.id, action: "nomination.confirm", entityType: "nomination", entityId: taken.id, editionId: taken.targetEditionId, data: { filmId: promoted.filmId, code: promoted.code } });
    return { ...promoted, nominationId: taken.id };
  });
}

/** The KIM declines (optionally saying why); only while the nomination waits. */
export async function declineNomination(db: Db, actor: SessionUser, input: unknown, now = new Date()): Promise<void> {
  const { reason, ...which } = answerSchema.parse(input);
  await db.transaction(async (tx) => {
    const found = await findAnswered(tx, which);
    if (!found) throw notFound();
    assertKimMember(actor, found.nomination);
    const [taken] = await tx
      .update(filmNominations)
      .set({ status: "ditolak_kim", reason: reason || null, decidedBy: actor.id, decidedAt: now })
      .where(and(eq(filmNominations.id, found.nomination.id), eq(filmNominations.status, "menunggu_kim")))
      .returning({ id: filmNominations.id });
    if (!taken) throw new AppError("conflict", { userMessage: "Nominasi ini sudah dijawab sebelumnya." });
    await recordAudit(tx, { actorId: actor.id, action: "nomination.decline", entityType: "nomination", entityId: taken.id, editionId: found.nomination.targetEditionId, data: reason ? { reason } : undefined });
  });
}

const withdrawSchema = z.object({ nominationId: z.uuid("Nominasi tidak ditemukan.") });

/**
 * The regency's organiser withdraws a nomination its KIM has not answered yet (dibatalkan): the
 * link then says so and the quota slot is free again. A confirmed one is the province's to return.
 */
export async function withdrawNomination(db: Db, actor: SessionUser, slug: string, input: unknown, now = new Date()): Promise<void> {
  const source = await sourceEdition(db, actor, slug);
  const { nominationId } = withdrawSchema.parse(input);
  await db.transaction(async (tx) => {
    const [taken] = await tx
      .update(filmNominations)
      .set({ status: "dibatalkan", decidedBy: actor.id, decidedAt: now })
      .where(and(eq(filmNominations.id, nominationId), eq(filmNominations.sourceEditionId, source.id), eq(filmNominations.status, "menunggu_kim")))
      .returning({ id: filmNominations.id, target: filmNominations.targetEditionId });
    if (!taken) throw new AppError("conflict", { userMessage: "Nominasi ini sudah dijawab KIM atau sudah dibatalkan." });
    await recordAudit(tx, { actorId: actor.id, action: "nomination.withdraw", entityType: "nomination", entityId: taken.id, editionId: taken.target });
  });
}

/** The film code prefix of a provincial entry, as direct entries have it (lib/films/entry-actions.ts). */
export const provincialPrefix = (edition: Pick<Edition, "year">, now: Date) => `P${String(edition.year ?? now.getFullYear()).slice(2)}`;

/**
 * Copies a nominated film into the provincial edition (inside the caller's transaction): a new
 * code, the same title, synopsis, crew, language and declarations, the category of the same
 * name (else the province's first), status diunggah, and new media rows (and HLS rendition
 * rows) that point at the same stored files. Also used by the demo seed.
 */
export async function promoteFilm(tx: DbLike, nomination: Nomination, target: Pick<Edition, "id" | "year">, actorId: string | null, now: Date, codePrefix = provincialPrefix(target, now)) {
  const [source] = await tx.select({ film: films, categoryName: categories.name }).from(films).leftJoin(categories, eq(categories.id, films.categoryId)).where(eq(films.id, nomination.sourceFilmId));
  const targetCategories = await tx.select({ id: categories.id, name: categories.name }).from(categories).where(eq(categories.editionId, target.id)).orderBy(asc(categories.position));
  const f = source.film;
  const code = newFilmCode(codePrefix);
  const [film] = await tx
    .insert(films)
    .values({
      editionId: target.id,
      kimId: f.kimId,
      categoryId: mapCategory(source.categoryName, targetCategories),
      code,
      title: f.title,
      synopsis: f.synopsis,
      language: f.language,
      declaredDurationSeconds: f.declaredDurationSeconds,
      crew: f.crew,
      originalityDeclared: f.originalityDeclared,
      publicationConsent: f.publicationConsent,
      status: "diunggah",
      isSample: f.isSample,
      submittedAt: now,
      promotedFromFilmId: f.id,
      createdBy: actorId,
    })
    .returning({ id: films.id });
  const media = await tx
    .select()
    .from(filmMedia)
    .where(and(eq(filmMedia.filmId, f.id), eq(filmMedia.status, "ok"), eq(filmMedia.isCurrent, true), inArray(filmMedia.kind, ["video", "judge_video", "poster", "subtitle"])));
  for (const m of media) {
    const [copy] = await tx
      .insert(filmMedia)
      .values({ filmId: film.id, kind: m.kind, storageDriver: m.storageDriver, storageKey: m.storageKey, originalName: m.originalName, mimeType: m.mimeType, sizeBytes: m.sizeBytes, sha256: m.sha256, probe: m.probe, status: "ok", problems: [], isCurrent: true })
      .returning({ id: filmMedia.id });
    if (m.kind !== "judge_video") continue;
    const [rendition] = await tx.select().from(filmRenditions).where(eq(filmRenditions.mediaId, m.id));
    if (rendition) {
      await tx.insert(filmRenditions).values({ ...rendition, mediaId: copy.id, filmId: film.id, createdAt: now, updatedAt: now });
    }
  }
  await tx.update(filmNominations).set({ promotedFilmId: film.id }).where(eq(filmNominations.id, nomination.id));
  return { filmId: film.id, code };
}

/** The province's page: nominations into its edition, per regency, as they arrive. */
export async function listIncomingNominations(db: Db, actor: SessionUser, slug: string) {
  const edition = await organiserEdition(db, actor, slug);
  if (edition.level !== "provinsi") throw notFound();
  const rows = await db
    .select({
      id: filmNominations.id,
      regionCode: filmNominations.regionCode,
      regionName: regions.name,
      status: filmNominations.status,
      reason: filmNominations.reason,
      sourcePlacement: filmNominations.sourcePlacement,
      createdAt: filmNominations.createdAt,
      decidedAt: filmNominations.decidedAt,
      title: films.title,
      kimName: kimGroups.name,
      promotedFilmId: filmNominations.promotedFilmId,
      sourceTitle: editions.title,
    })
    .from(filmNominations)
    .innerJoin(films, eq(films.id, filmNominations.sourceFilmId))
    .innerJoin(kimGroups, eq(kimGroups.id, filmNominations.kimId))
    .innerJoin(regions, eq(regions.code, filmNominations.regionCode))
    .innerJoin(editions, eq(editions.id, filmNominations.sourceEditionId))
    .where(eq(filmNominations.targetEditionId, edition.id))
    .orderBy(asc(regions.name), asc(filmNominations.createdAt));
  const codes = rows.some((r) => r.promotedFilmId)
    ? new Map(
        (
          await db
            .select({ id: films.id, code: films.code })
            .from(films)
            .where(
              inArray(
                films.id,
                rows.flatMap((r) => (r.promotedFilmId ? [r.promotedFilmId] : [])),
              ),
            )
        ).map((r) => [r.id, r.code]),
      )
    : new Map<string, string>();
  const byRegion = new Map<string, { regionCode: string; regionName: string; items: (typeof rows[number] & { code: string | null })[] }>();
  for (const r of rows) {
    const group = byRegion.get(r.regionCode) ?? { regionCode: r.regionCode, regionName: r.regionName, items: [] };
    group.items.push({ ...r, code: r.promotedFilmId ? (codes.get(r.promotedFilmId) ?? null) : null });
    byRegion.set(r.regionCode, group);
  }
  return { edition, intake: editionIntake(edition.intake), regions: [...byRegion.values()] };
}

const returnSchema = z.object({
  nominationId: z.uuid("Pilih nominasi."),
  reason: plainText({ message: "Tulis alasan pengembalian." }).trim().min(5, "Tulis alasan pengembalian (minimal 5 karakter).").max(500, "Alasan paling panjang 500 karakter."),
});

/**
 * The province returns a nomination with a reason (until its results are sealed): the
 * nomination becomes dikembalikan, the promoted copy is withdrawn (ditarik, the reason shown
 * to the KIM) and its open judging assignments closed. Stored files stay (shared).
 */
export async function returnNomination(db: Db, actor: SessionUser, slug: string, input: unknown, now = new Date()) {
  const { nominationId, reason } = returnSchema.parse(input);
  return db.transaction(async (tx) => {
    const edition = await organiserEdition(tx, actor, slug);
    if (edition.level !== "provinsi") throw notFound();
    if (edition.status === "disegel" || edition.status === "diumumkan") throw new AppError("conflict", { userMessage: "Hasil sudah disegel: nominasi tidak bisa dikembalikan lagi." });
    const [taken] = await tx
      .update(filmNominations)
      .set({ status: "dikembalikan", reason, decidedBy: actor.id, decidedAt: now })
      .where(and(eq(filmNominations.id, nominationId), eq(filmNominations.targetEditionId, edition.id), inArray(filmNominations.status, ["menunggu_kim", "dikonfirmasi"])))
      .returning();
    if (!taken) throw new AppError("conflict", { userMessage: "Nominasi tidak ditemukan atau sudah tidak berlaku." });
    if (taken.promotedFilmId) {
      await tx.update(films).set({ status: "ditarik", statusReason: `Dikembalikan oleh panitia provinsi: ${reason}`, updatedAt: now }).where(eq(films.id, taken.promotedFilmId));
      await tx
        .update(judgeAssignments)
        .set({ removedAt: now, removedReason: "Nominasi dikembalikan oleh panitia provinsi." })
        .where(and(eq(judgeAssignments.filmId, taken.promotedFilmId), isNull(judgeAssignments.removedAt)));
    }
    await recordAudit(tx, { actorId: actor.id, action: "nomination.return", entityType: "nomination", entityId: taken.id, editionId: edition.id, data: { reason, filmId: taken.promotedFilmId } });
    return { nomination: taken, edition };
  });
}

/** Nominations waiting for a KIM's answer (for /kim): the provincial edition and the film. */
export async function pendingNominationsOfKim(db: Db, kimId: string, now = new Date()) {
  const rows = await db
    .select({ id: filmNominations.id, title: films.title, target: editions, createdAt: filmNominations.createdAt })
    .from(filmNominations)
    .innerJoin(films, eq(films.id, filmNominations.sourceFilmId))
    .innerJoin(editions, eq(editions.id, filmNominations.targetEditionId))
    .where(and(eq(filmNominations.kimId, kimId), eq(filmNominations.status, "menunggu_kim")))
    .orderBy(asc(filmNominations.createdAt));
  return rows.map((r) => ({ id: r.id, title: r.title, editionTitle: r.target.title, closesAt: r.target.submissionClosesAt, open: nominationWindow(r.target, now).open }));
}
