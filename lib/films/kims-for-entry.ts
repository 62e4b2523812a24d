import { and, asc, count, eq, ilike, inArray, ne } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/lib/db/client";
import { editions, films, kimGroups, regions } from "@/lib/db/schema";
import type { SessionUser } from "@/lib/auth/authenticate";
import { editionRules } from "@/lib/editions/defaults";
import { organiserMayEnter } from "@/lib/editions/submission-window";
import { notFound } from "@/lib/errors";
import { eligibleKimsWhere } from "./entry-eligibility";
import { editionInScope } from "./kim-film";

const district = alias(regions, "district");
const PAGE = 30;

/**
 * The KIMs an organiser may enter a film for in one of its editions (the edition's entry
 * rule: its region, active only when it says so), found by name, each with the film slots
 * it has used. An edition outside the organiser's region is not found.
 */
export async function kimsForEntry(db: Db, actor: SessionUser, slug: string, query = "") {
  const [row] = await db
    .select({ edition: editions, regionName: regions.name })
    .from(editions)
    .innerJoin(regions, eq(regions.code, editions.regionCode))
    .where(and(eq(editions.slug, slug), editionInScope(actor)));
  if (!row) throw notFound();
  const { edition, regionName } = row;
  const rules = editionRules(edition.rules);
  const words = query.trim().slice(0, 80);
  const where = and(eligibleKimsWhere(edition), words ? ilike(kimGroups.name, `%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({ id: kimGroups.id, name: kimGroups.name, status: kimGroups.status, districtName: district.name })
      .from(kimGroups)
      .innerJoin(district, eq(district.code, kimGroups.districtCode))
      .where(where)
      .orderBy(asc(kimGroups.name))
      .limit(PAGE),
    db.select({ total: count() }).from(kimGroups).where(where),
  ]);
  const used = rows.length
    ? await db
        .select({ kimId: films.kimId, n: count() })
        .from(films)
        .where(and(eq(films.editionId, edition.id), inArray(films.kimId, rows.map((r) => r.id)), ne(films.status, "ditarik")))
        .groupBy(films.kimId)
    : [];
  const usedBy = new Map(used.map((u) => [u.kimId, u.n]));
  return {
    edition: { slug: edition.slug, title: edition.title, status: edition.status, regionName },
    open: organiserMayEnter(edition),
    limit: rules.filmsPerKim,
    rules,
    kims: rows.map((k) => ({ ...k, used: usedBy.get(k.id) ?? 0 })),
    total,
    shown: PAGE,
  };
}
