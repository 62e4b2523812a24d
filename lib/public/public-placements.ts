import type { SQL } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { listWinners } from "./list-winners";
import { omit } from "./omit";
import { podiumIndex } from "./placements";
import type { PublishedEdition } from "./published-editions";

/**
 * Placements in the given published editions of the KIMs matching `kimWhere`
 * (one KIM, or the KIMs of a region), each with its edition, newest year first.
 */
export async function listPublicPlacements(db: Db, published: PublishedEdition[], kimWhere: SQL) {
  if (published.length === 0) return [];
  const byId = new Map(published.map((e, i) => [e.id, { ...e, order: i }]));
  const rows = await listWinners(db, [...byId.keys()], kimWhere);
  return rows
    .map(({ editionId, ...r }) => {
      const e = byId.get(editionId)!;
      return {
        ...r,
        order: e.order,
        year: e.year,
        edition: { slug: e.slug, title: e.title, year: e.year, periodNote: e.periodNote, level: e.level, regionCode: e.regionCode, regionName: e.regionName, theme: e.theme },
      };
    })
    .sort((a, b) => a.order - b.order || podiumIndex(a.placement) - podiumIndex(b.placement) || a.kimName.localeCompare(b.kimName))
    .map((r) => omit(r, "order"));
}

export type PublicPlacement = Awaited<ReturnType<typeof listPublicPlacements>>[number];
