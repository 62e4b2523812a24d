// The query plans of the national-scale public requests (issue 17): the archive search and the
// KIM directory of a province, as lib/ builds them, run with EXPLAIN ANALYZE on a database that
// holds national data (bench/scale-load.ts made it).
//   npx tsx bench/scale-plans.ts --dir /tmp/skala            a PGlite data directory
//   npx tsx bench/scale-plans.ts --database-url postgres://…  a PostgreSQL database
import { and, asc, count, desc, eq, inArray, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { openDatabase } from "@/lib/db/client";
import { editions, films, kimGroups, placements, regions } from "@/lib/db/schema";
import { resultsArePublicWhere } from "@/lib/editions/list-editions";
import { kimsOfRegion } from "@/lib/kim/list-kims";
import { hasWords, wordPrefixQuery } from "@/lib/public/text-search";

const args = process.argv.slice(2);
const value = (name: string) => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
};
const databaseUrl = value("--database-url");
const dir = value("--dir");
if (!databaseUrl && !dir) {
  console.error("Pemakaian: npx tsx bench/scale-plans.ts --dir <data PGlite> | --database-url <postgres://…>");
  process.exit(2);
}

const handle = openDatabase(databaseUrl, dir ?? "/nonexistent");
const { db } = handle;
const regency = alias(regions, "regency");
const words = wordPrefixQuery("sawah")!;
const now = new Date();
const searchWhere = and(
  resultsArePublicWhere(now),
  or(
    inArray(placements.filmId, db.select({ id: films.id }).from(films).where(hasWords(films.title, words))),
    inArray(placements.kimId, db.select({ id: kimGroups.id }).from(kimGroups).where(hasWords(kimGroups.name, words))),
  ),
);

// The twenty ids the page query answers, for the query that reads their rows.
const pageIds = (
  await db
    .select({ id: placements.id })
    .from(placements)
    .innerJoin(editions, eq(editions.id, placements.editionId))
    .where(searchWhere)
    .orderBy(sql`${editions.year} desc nulls last`, asc(editions.title), asc(placements.placement), desc(placements.id))
    .limit(20)
).map((r) => r.id);

const queries: [string, { toSQL(): { sql: string; params: unknown[] } }][] = [
  [
    "archive search ?q=sawah: one page of placement ids and the count of all matches (page 11, as lib/public/search-archive.ts asks it)",
    db
      .select({ id: placements.id, total: sql<number>`count(*) over ()` })
      .from(placements)
      .innerJoin(editions, eq(editions.id, placements.editionId))
      .where(searchWhere)
      .orderBy(sql`${editions.year} desc nulls last`, asc(editions.title), asc(placements.placement), desc(placements.id))
      .limit(20)
      .offset(200),
  ],
  ["archive search ?q=sawah: the count alone (asked only for a page past the end)", db.select({ n: count() }).from(placements).innerJoin(editions, eq(editions.id, placements.editionId)).where(searchWhere)],
  [
    "archive search: the page's twenty rows with KIM, film and regency",
    db
      .select({ edition: editions.slug, placement: placements.placement, film: films.title, kim: kimGroups.name, regency: regency.name })
      .from(placements)
      .innerJoin(editions, eq(editions.id, placements.editionId))
      .innerJoin(kimGroups, eq(kimGroups.id, placements.kimId))
      .innerJoin(regency, eq(regency.code, kimGroups.regencyCode))
      .leftJoin(films, eq(films.id, placements.filmId))
      .where(inArray(placements.id, pageIds)),
  ],
  [
    "KIM directory of province 33: first page of 100",
    db
      .select({ slug: kimGroups.slug, name: kimGroups.name })
      .from(kimGroups)
      .where(kimsOfRegion("33"))
      .orderBy(asc(kimGroups.regencyCode), asc(kimGroups.districtCode), asc(kimGroups.name), asc(kimGroups.id))
      .limit(101),
  ],
  ["KIM directory of province 33: the counts", db.select({ total: count() }).from(kimGroups).where(kimsOfRegion("33"))],
];

try {
  for (const [title, query] of queries) {
    const { sql: text, params } = query.toSQL();
    const client = handle.kind === "pglite" ? (handle as unknown as { db: { $client: { query: (q: string, p: unknown[]) => Promise<{ rows: Record<string, string>[] }> } } }).db.$client : undefined;
    const rows = client
      ? (await client.query(`explain (analyze, costs off) ${text}`, params)).rows
      : ((await db.execute(sql.raw(`explain (analyze, costs off) ${inline(text, params)}`))) as unknown as { rows: Record<string, string>[] }).rows;
    console.log(`\n== ${title} (${handle.kind}) ==`);
    for (const row of rows) console.log(Object.values(row)[0]);
  }
} finally {
  await handle.close();
}

/** The parameters written into the text (EXPLAIN over node-postgres takes no parameters here). */
function inline(text: string, params: unknown[]): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const v = params[Number(n) - 1];
    return v instanceof Date ? `'${v.toISOString()}'` : typeof v === "number" ? String(v) : `'${String(v).replace(/'/g, "''")}'`;
  });
}
