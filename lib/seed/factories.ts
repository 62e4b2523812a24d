import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { DbLike } from "@/lib/db/client";
import {
  categories,
  editions,
  films,
  kimGroups,
  kimStatusHistory,
  regions,
  rubricCriteria,
  users,
} from "@/lib/db/schema";
import { defaultRules, defaultSettings } from "@/lib/editions/defaults";
import { hashPassword } from "@/lib/auth/password";
import { slugify } from "@/lib/kim/slug";

// Small builders shared by the demo seed and the tests, so both make rows the same way.
// Each takes only what matters to the caller and fills the rest with valid values.

/** A minimal region tree (province, regency, district, village) for tests that skip the full import. */
export async function createRegionTree(db: DbLike, codes: { code: string; name: string }[]): Promise<void> {
  const level = (code: string) => (["provinsi", "kabupaten", "kecamatan", "desa"] as const)[code.split(".").length - 1];
  await db
    .insert(regions)
    .values(codes.map(({ code, name }) => ({ code, name, level: level(code), parentCode: code.includes(".") ? code.slice(0, code.lastIndexOf(".")) : null })))
    .onConflictDoNothing();
}

export async function createKim(db: DbLike, values: Partial<typeof kimGroups.$inferInsert> & { name: string; districtCode: string }) {
  const [kim] = await db
    .insert(kimGroups)
    .values({
      slug: slugify(values.name, randomUUID().slice(0, 4)),
      regencyCode: values.districtCode.slice(0, 5),
      ...values,
    })
    .returning();
  // Every KIM starts its status history with the status it was recorded with.
  await db.insert(kimStatusHistory).values({
    kimId: kim.id,
    status: kim.status,
    fromDate: kim.statusSince ?? kim.createdAt.toISOString().slice(0, 10),
    reason: kim.inactiveReason,
    source: "pendaftaran",
  });
  if (!kim.statusSince) await db.update(kimGroups).set({ statusSince: kim.createdAt.toISOString().slice(0, 10) }).where(eq(kimGroups.id, kim.id));
  return kim;
}

let hashCache: { password: string; hash: string } | undefined;

export async function createUser(
  db: DbLike,
  values: Partial<typeof users.$inferInsert> & { email: string; role: "organiser" | "judge" | "kim"; password?: string },
) {
  const password = values.password ?? "kata-sandi-uji-123";
  // Hashing is deliberately slow; builders reuse one hash per password.
  if (hashCache?.password !== password) hashCache = { password, hash: await hashPassword(password) };
  const [user] = await db
    .insert(users)
    .values({ name: values.email.split("@")[0], status: "active", passwordHash: hashCache.hash, ...values, email: values.email.toLowerCase() })
    .returning();
  return user;
}

export async function createEdition(db: DbLike, values: Partial<typeof editions.$inferInsert> & { title: string; regionCode: string }) {
  const [edition] = await db
    .insert(editions)
    .values({
      slug: slugify(values.title),
      level: values.regionCode.includes(".") ? "kabupaten" : "provinsi",
      rules: defaultRules,
      settings: defaultSettings,
      ...values,
    })
    .returning();
  return edition;
}

export const sampleRubric = [
  { name: "Kesesuaian tema", weight: 30 },
  { name: "Ide dan kreativitas", weight: 25 },
  { name: "Teknik produksi", weight: 20 },
  { name: "Dampak dan pesan", weight: 15 },
  { name: "Durasi dan kepatuhan", weight: 10 },
];

export async function createRubric(db: DbLike, editionId: string, criteria = sampleRubric, range = { min: 50, max: 100 }) {
  return db
    .insert(rubricCriteria)
    .values(criteria.map((c, i) => ({ editionId, name: c.name, weight: c.weight, minScore: range.min, maxScore: range.max, position: i })))
    .returning();
}

export async function createCategory(db: DbLike, editionId: string, name: string, position = 0) {
  const [category] = await db.insert(categories).values({ editionId, name, position }).returning();
  return category;
}

export async function createFilm(db: DbLike, values: Partial<typeof films.$inferInsert> & { editionId: string; kimId: string; title: string; code: string }) {
  const [film] = await db.insert(films).values(values).returning();
  return film;
}
