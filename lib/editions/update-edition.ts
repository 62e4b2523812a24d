import { count, eq } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/authenticate";
import type { Db, DbLike } from "@/lib/db/client";
import { editions, films } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { organiserEdition } from "@/lib/judging/assignment-plan";
import { editionRules } from "./defaults";
import { assertSlugFree, editionRegion, insertOrSlugTaken } from "./create-edition";
import { datesFormSchema, fieldProblems, identityFormSchema, invalid, slugSchema, toWibIso } from "./edition-schemas";

/**
 * The identity and the dates of an edition, each saved on its own from the settings page. What
 * is already in use stays put: the region once a film is entered, the slug (its URL) once the
 * edition left the draft, the entry dates once entries opened (the close moves only through an
 * extension, which tells the KIMs: lib/editions/extend-deadline.ts), every date once sealed.
 */

export type Edition = typeof editions.$inferSelect;

export const isSealed = (edition: Pick<Edition, "status">) => edition.status === "disegel" || edition.status === "diumumkan";

export async function filmCount(db: DbLike, editionId: string): Promise<number> {
  const [{ n }] = await db.select({ n: count() }).from(films).where(eq(films.editionId, editionId));
  return n;
}

export async function updateIdentity(db: Db, actor: SessionUser, slug: string, input: unknown): Promise<{ slug: string }> {
  const edition = await organiserEdition(db, actor, slug);
  const values = identityFormSchema.parse(input);
  const change: Partial<Edition> = { title: values.title, theme: values.theme, description: values.description, year: values.year };
  if (values.regionCode && values.regionCode !== edition.regionCode) {
    if ((await filmCount(db, edition.id)) > 0) throw invalid("regionCode", "Wilayah tidak bisa diubah lagi: sudah ada film yang didaftarkan.");
    const region = await editionRegion(db, actor, values.regionCode);
    Object.assign(change, { regionCode: region.code, level: region.level });
  }
  if (values.slug !== undefined && values.slug.trim().toLowerCase() !== edition.slug) {
    if (edition.status !== "draf") throw invalid("slug", "Slug hanya bisa diubah selama edisi masih draf.");
    const parsed = slugSchema.safeParse(values.slug);
    if (!parsed.success) throw invalid("slug", parsed.error.issues[0].message);
    await assertSlugFree(db, parsed.data);
    change.slug = parsed.data;
  }
  const pick = (e: Partial<Edition>) => ({ title: e.title, theme: e.theme, description: e.description, year: e.year, level: e.level, regionCode: e.regionCode, slug: e.slug });
  await insertOrSlugTaken(change.slug ?? slug, () => db.update(editions).set(change).where(eq(editions.id, edition.id)));
  await recordAudit(db, { actorId: actor.id, action: "edition.update", entityType: "edition", entityId: edition.id, data: { section: "identity", before: pick(edition), after: pick({ ...edition, ...change }) } });
  return { slug: change.slug ?? edition.slug };
}

const dateAudit = (e: Pick<Edition, "submissionOpensAt" | "submissionClosesAt" | "judgingClosesAt" | "announceAt">, grace: number) => ({
  submissionOpensAt: toWibIso(e.submissionOpensAt),
  submissionClosesAt: toWibIso(e.submissionClosesAt),
  judgingClosesAt: toWibIso(e.judgingClosesAt),
  announceAt: toWibIso(e.announceAt),
  uploadGraceMinutes: grace,
});

// A datetime-local input holds minutes: a date typed back unchanged keeps its stored seconds.
const minute = (d: Date | null) => (d ? Math.floor(d.getTime() / 60_000) : null);
const sameTime = (a: Date | null, b: Date | null) => minute(a) === minute(b);
const keepStored = (typed: Date | null, stored: Date | null) => (sameTime(typed, stored) ? stored : typed);

export async function updateDates(db: Db, actor: SessionUser, slug: string, input: unknown, now = new Date()): Promise<void> {
  const edition = await organiserEdition(db, actor, slug);
  if (isSealed(edition)) throw new AppError("conflict", { userMessage: "Hasil sudah disegel: tanggal tidak bisa diubah lagi." });
  const values = datesFormSchema.parse(input);
  const { uploadGraceMinutes, ...typed } = values;
  const dates = {
    submissionOpensAt: keepStored(typed.submissionOpensAt, edition.submissionOpensAt),
    submissionClosesAt: keepStored(typed.submissionClosesAt, edition.submissionClosesAt),
    judgingClosesAt: keepStored(typed.judgingClosesAt, edition.judgingClosesAt),
    announceAt: keepStored(typed.announceAt, edition.announceAt),
  };
  if (edition.status !== "draf") {
    const errors: Record<string, string[]> = {};
    if (!sameTime(dates.submissionOpensAt, edition.submissionOpensAt)) errors["submissionOpensAt"] = ["Tanggal pembukaan tidak bisa diubah setelah pendaftaran dibuka."];
    if (!sameTime(dates.submissionClosesAt, edition.submissionClosesAt)) {
      errors["submissionClosesAt"] = ["Setelah pendaftaran dibuka, batasnya hanya bisa diperpanjang lewat bagian Perpanjangan batas (KIM diberi tahu lewat email)."];
    }
    if (!dates.judgingClosesAt) errors["judgingClosesAt"] = ["Tanggal ini wajib diisi setelah pendaftaran dibuka."];
    if (!dates.announceAt) errors["announceAt"] = ["Tanggal ini wajib diisi setelah pendaftaran dibuka."];
    if (edition.status === "penjurian" && dates.judgingClosesAt && !sameTime(dates.judgingClosesAt, edition.judgingClosesAt) && dates.judgingClosesAt <= now) {
      errors["judgingClosesAt"] = ["Pilih waktu setelah sekarang."];
    }
    if (Object.keys(errors).length) throw fieldProblems(errors);
  }
  const rules = editionRules(edition.rules);
  await db.update(editions).set({ ...dates, rules: { ...rules, uploadGraceMinutes } }).where(eq(editions.id, edition.id));
  await recordAudit(db, {
    actorId: actor.id,
    action: "edition.update",
    entityType: "edition",
    entityId: edition.id,
    data: { section: "dates", before: dateAudit(edition, rules.uploadGraceMinutes), after: dateAudit(dates, uploadGraceMinutes) },
  });
}
