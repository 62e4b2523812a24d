// Placement names as stored (and as the podium reads), with the short keys used in
// URLs (?juara=juara-1) and message keys (publik.placement.juara1).

export const placementNames = ["Juara I", "Juara II", "Juara III", "Juara Harapan I", "Juara Harapan II", "Juara Harapan III"] as const;
export type PlacementName = (typeof placementNames)[number];

export const placementSlugs = ["juara-1", "juara-2", "juara-3", "harapan-1", "harapan-2", "harapan-3"] as const;
export type PlacementSlug = (typeof placementSlugs)[number];

export function placementSlug(name: PlacementName): PlacementSlug {
  return placementSlugs[placementNames.indexOf(name)];
}

export function placementFromSlug(slug: PlacementSlug): PlacementName {
  return placementNames[placementSlugs.indexOf(slug)];
}

/** "Juara Harapan II" -> "harapan2": the key of its label in messages. */
export function placementKey(name: PlacementName): string {
  return placementSlug(name).replace("-", "");
}

export function podiumIndex(name: PlacementName): number {
  return placementNames.indexOf(name);
}

/** Juara I-III count as themselves; all Harapan places count together, as medal tables do. */
export type MedalCounts = { juara1: number; juara2: number; juara3: number; harapan: number; total: number };

export function emptyMedals(): MedalCounts {
  return { juara1: 0, juara2: 0, juara3: 0, harapan: 0, total: 0 };
}

export function addMedal(counts: MedalCounts, name: PlacementName): MedalCounts {
  const i = podiumIndex(name);
  const key = i === 0 ? "juara1" : i === 1 ? "juara2" : i === 2 ? "juara3" : "harapan";
  return { ...counts, [key]: counts[key] + 1, total: counts.total + 1 };
}

/** Medal-table order: more Juara I first, then II, III, Harapan. */
export function compareMedals(a: MedalCounts, b: MedalCounts): number {
  return b.juara1 - a.juara1 || b.juara2 - a.juara2 || b.juara3 - a.juara3 || b.harapan - a.harapan;
}

/** Groups rows by edition year, newest first; rows whose year the source does not give come last. */
export function groupByYear<T extends { year: number | null }>(rows: T[]): { year: number | null; items: T[] }[] {
  const groups = new Map<number | null, T[]>();
  for (const row of rows) groups.set(row.year, [...(groups.get(row.year) ?? []), row]);
  return [...groups.entries()]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : b - a))
    .map(([year, items]) => ({ year, items }));
}
