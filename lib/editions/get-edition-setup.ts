import { asc, count, eq } from "drizzle-orm";
import type { SessionUser } from "@/lib/auth/authenticate";
import type { Db } from "@/lib/db/client";
import { categories, films, rubricCriteria } from "@/lib/db/schema";
import { organiserEdition } from "@/lib/judging/assignment-plan";
import { regionName } from "@/lib/regions/region-name";
import { editionRules, editionSettings } from "./defaults";
import { organiserRegionChoices } from "./create-edition";
import { eligibleKims, listDeadlineExtensions } from "./extend-deadline";
import { entriesEndAt, readinessOf } from "./lifecycle";
import { editionStoredBytes } from "@/lib/uploads/storage-room";
import { rubricLockedAt } from "./update-rubric";

/** Everything the settings page shows for one edition of the organiser's scope (not found otherwise). */
export async function getEditionSetup(db: Db, actor: SessionUser, slug: string, now = new Date()) {
  const edition = await organiserEdition(db, actor, slug);
  const [cats, usage, criteria, entries, lockedAt, missing, endsAt, extensions, kims, regionChoices, region] = await Promise.all([
    db.select().from(categories).where(eq(categories.editionId, edition.id)).orderBy(asc(categories.position)),
    db.select({ categoryId: films.categoryId, n: count() }).from(films).where(eq(films.editionId, edition.id)).groupBy(films.categoryId),
    db.select().from(rubricCriteria).where(eq(rubricCriteria.editionId, edition.id)).orderBy(asc(rubricCriteria.position)),
    db.select({ n: count() }).from(films).where(eq(films.editionId, edition.id)),
    rubricLockedAt(db, edition.id),
    readinessOf(db, edition, now),
    entriesEndAt(db, edition),
    listDeadlineExtensions(db, edition.id),
    edition.status === "pendaftaran" ? eligibleKims(db, edition) : Promise.resolve([]),
    organiserRegionChoices(db, actor),
    regionName(db, edition.regionCode),
  ]);
  const filmsIn = new Map(usage.map((u) => [u.categoryId, u.n]));
  // Against the storage budget: what the edition's media take now, pending uploads counted whole.
  const storageUsedBytes = await editionStoredBytes(db, edition.id);
  return {
    edition,
    rules: editionRules(edition.rules),
    settings: editionSettings(edition.settings),
    categories: cats.map((c) => ({ ...c, films: filmsIn.get(c.id) ?? 0 })),
    criteria,
    entries: entries[0].n,
    rubricLockedAt: lockedAt,
    missing,
    entriesEndAt: endsAt,
    extensions,
    eligibleKims: kims,
    regionChoices,
    regionName: region,
    storageUsedBytes,
  };
}

export type EditionSetup = Awaited<ReturnType<typeof getEditionSetup>>;
