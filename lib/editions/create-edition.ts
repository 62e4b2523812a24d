import { and, eq, inArray, or } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/authenticate";
import { organiserCovers } from "@/lib/auth/scope";
import type { Db, DbLike } from "@/lib/db/client";
import { editions, regions } from "@/lib/db/schema";
import { AppError, forbidden } from "@/lib/errors";
import { slugify } from "@/lib/kim/slug";
import { defaultRules, defaultSettings } from "./defaults";
import { checkDateOrder, formNumber, formText, formWibDate, invalid, rules, slugSchema, texts, titleSchema } from "./edition-schemas";

/**
 * A new edition starts as a draft with the default rules and settings; its organiser then
 * completes it on the settings page (lib/editions/lifecycle.ts says when it may open).
 */

export type EditionLevel = "kabupaten" | "provinsi";
export type RegionChoice = { code: string; name: string; level: EditionLevel };

export function requireOrganiser(actor: SessionUser): void {
  if (actor.role !== "organiser" || actor.status !== "active" || !actor.regionCode) throw forbidden();
}

/** Where an organiser may hold an edition: its province (provinsi) and each regency in it (kabupaten), or its own regency. */
export async function organiserRegionChoices(db: Db, actor: SessionUser): Promise<RegionChoice[]> {
  requireOrganiser(actor);
  const scope = actor.regionCode!;
  const rows = await db
    .select({ code: regions.code, name: regions.name, level: regions.level })
    .from(regions)
    .where(and(or(eq(regions.code, scope), eq(regions.parentCode, scope)), inArray(regions.level, ["provinsi", "kabupaten"])))
    .orderBy(regions.code);
  return rows.map((r) => ({ code: r.code, name: r.name, level: r.level as EditionLevel }));
}

const regionRefused = (field: string) => new AppError("invalid", { userMessage: "Pilih wilayah dari daftar.", fieldErrors: { [field]: ["Pilih wilayah dari daftar."] } });

/**
 * The region an edition may be held in, with the level it implies: a province or a regency
 * that exists and, for an organiser, lies in its scope (the operator's CLI passes no actor).
 */
export async function editionRegion(db: DbLike, actor: SessionUser | null, code: string, field = "regionCode"): Promise<{ code: string; level: EditionLevel }> {
  if (actor && !organiserCovers(actor, code)) throw regionRefused(field);
  const [region] = await db.select({ code: regions.code, level: regions.level }).from(regions).where(eq(regions.code, code));
  if (!region || (region.level !== "provinsi" && region.level !== "kabupaten")) throw regionRefused(field);
  return { code: region.code, level: region.level };
}

/** Refuses a slug another edition uses, on the form field that named it. */
export async function assertSlugFree(db: DbLike, slug: string, field = "slug"): Promise<void> {
  const [used] = await db.select({ id: editions.id }).from(editions).where(eq(editions.slug, slug));
  if (used) throw slugTaken(slug, field);
}

export const slugTaken = (slug: string, field = "slug") =>
  new AppError("conflict", { userMessage: `Slug ${slug} sudah dipakai edisi lain.`, fieldErrors: { [field]: [`Slug ${slug} sudah dipakai edisi lain.`] } });

/** The slug typed, or the title's when none was: either must pass the slug rules. */
export function chooseSlug(typed: string | undefined, title: string): string {
  const parsed = slugSchema.safeParse(typed?.trim() ? typed : slugify(title));
  if (!parsed.success) {
    throw invalid("slug", typed?.trim() ? parsed.error.issues[0].message : "Judul ini tidak menghasilkan slug yang sah; tulis slug sendiri.");
  }
  return parsed.data;
}

export const createEditionSchema = z
  .object({
    title: titleSchema,
    slug: z.string().optional(),
    regionCode: z.string({ message: "Pilih wilayah penyelenggara." }).trim().min(1, { message: "Pilih wilayah penyelenggara." }),
    year: formNumber({ message: "Tulis tahun dengan angka." }, rules.year),
    theme: formText(texts.theme),
    description: formText(texts.description),
    submissionOpensAt: formWibDate,
    submissionClosesAt: formWibDate,
    judgingClosesAt: formWibDate,
    announceAt: formWibDate,
  })
  .superRefine((values, ctx) => checkDateOrder(values, ctx));

/** Creates a draft edition in the organiser's scope and returns its slug. */
export async function createEdition(db: Db, actor: SessionUser, input: unknown): Promise<{ id: string; slug: string }> {
  requireOrganiser(actor);
  const values = createEditionSchema.parse(input);
  const slug = chooseSlug(values.slug, values.title);
  const region = await editionRegion(db, actor, values.regionCode);
  await assertSlugFree(db, slug);
  const row = {
    slug,
    title: values.title,
    year: values.year,
    level: region.level,
    regionCode: region.code,
    theme: values.theme,
    description: values.description,
    submissionOpensAt: values.submissionOpensAt,
    submissionClosesAt: values.submissionClosesAt,
    judgingClosesAt: values.judgingClosesAt,
    announceAt: values.announceAt,
    rules: defaultRules,
    settings: defaultSettings,
    status: "draf" as const,
    createdBy: actor.id,
  };
  const [edition] = await insertOrSlugTaken(slug, () => db.insert(editions).values(row).returning({ id: editions.id, slug: editions.slug }));
  await recordAudit(db, { actorId: actor.id, action: "edition.create", entityType: "edition", entityId: edition.id, data: { slug, title: values.title, regionCode: region.code } });
  return edition;
}

/** Runs an insert; two requests racing for one slug: the unique index decides, the loser hears why. */
export async function insertOrSlugTaken<T>(slug: string, insert: () => Promise<T>, field = "slug"): Promise<T> {
  try {
    return await insert();
  } catch (error) {
    for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
      if ((e as { code?: unknown }).code === "23505") throw slugTaken(slug, field);
    }
    throw error;
  }
}
