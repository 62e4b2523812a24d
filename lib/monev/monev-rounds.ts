import { and, asc, count, desc, eq, isNotNull } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/authenticate";
import type { Db, DbLike } from "@/lib/db/client";
import { kimGroups, monevCriteria, monevRounds, monevSheets, regions } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { formNumber, invalid, rules } from "@/lib/editions/edition-schemas";
import { nameText } from "@/lib/text/sanitise";
import { inRegion, organiserMonev, requireOrganiser } from "./monev-access";

/**
 * A yearly Monev of the KIMs of an organiser's region: created for one year (one per region
 * and year), draf while the organiser writes the criteria, berjalan while sheets are filled,
 * selesai once closed (lib/monev/close-monev.ts). Every query is scoped to the organiser's
 * region in its where clause.
 */

export type MonevStatus = (typeof monevRounds.$inferSelect)["status"];

/** The Monevs of the organiser's region (its regencies' for a province), newest year first, with how many sheets have a total. */
export async function listMonevRounds(db: Db, actor: SessionUser) {
  const scope = requireOrganiser(actor);
  const scored = db
    .select({ monevId: monevSheets.monevId, n: count().as("n") })
    .from(monevSheets)
    .where(isNotNull(monevSheets.total))
    .groupBy(monevSheets.monevId)
    .as("scored");
  return db
    .select({ id: monevRounds.id, year: monevRounds.year, title: monevRounds.title, status: monevRounds.status, regionCode: monevRounds.regionCode, regionName: regions.name, closedAt: monevRounds.closedAt, scored: scored.n })
    .from(monevRounds)
    .innerJoin(regions, eq(regions.code, monevRounds.regionCode))
    .leftJoin(scored, eq(scored.monevId, monevRounds.id))
    .where(inRegion(monevRounds.regionCode, scope))
    .orderBy(desc(monevRounds.year), asc(monevRounds.regionCode));
}

const createSchema = z.object({
  year: formNumber({ message: "Tulis tahun dengan angka." }, rules.year),
  title: nameText({ message: "Tulis judul Monev." }).trim().min(5, { message: "Judul minimal 5 karakter." }).max(150, { message: "Judul paling panjang 150 karakter." }).optional().or(z.literal("")),
  threshold: formNumber({ message: "Tulis ambang dengan angka." }, (n) => n.min(0, { message: "Ambang antara 0 dan 100." }).max(100, { message: "Ambang antara 0 dan 100." })).optional(),
});

/** A Monev for one year of the organiser's own region; one per region and year. */
export async function createMonevRound(db: Db, actor: SessionUser, input: Record<string, string>) {
  const scope = requireOrganiser(actor);
  const values = createSchema.parse({ ...input, threshold: input.threshold?.trim() ? input.threshold : undefined });
  const [region] = await db.select({ name: regions.name }).from(regions).where(eq(regions.code, scope));
  const [existing] = await db.select({ id: monevRounds.id }).from(monevRounds).where(and(eq(monevRounds.regionCode, scope), eq(monevRounds.year, values.year)));
  if (existing) throw invalid("year", `Monev tahun ${values.year} untuk wilayah ini sudah ada.`);
  const title = values.title || `Monev KIM ${region?.name ?? scope} ${values.year}`;
  return db.transaction(async (tx) => {
    const [round] = await tx
      .insert(monevRounds)
      .values({ regionCode: scope, year: values.year, title, activeThreshold: String(values.threshold ?? 60), createdBy: actor.id })
      .returning();
    await recordAudit(tx, { actorId: actor.id, action: "monev.create", entityType: "monev", entityId: round.id, data: { year: round.year, regionCode: scope, threshold: round.activeThreshold } });
    return round;
  });
}

/** Draf → berjalan once there is a criterion; berjalan → draf again only while no sheet has a score. */
export async function setMonevStatus(db: Db, actor: SessionUser, monevId: string, next: "draf" | "berjalan") {
  const round = await organiserMonev(db, actor, monevId);
  if (round.status === "selesai") throw new AppError("conflict", { userMessage: "Monev ini sudah selesai." });
  if (round.status === next) return round;
  if (next === "berjalan") {
    const [{ n }] = await db.select({ n: count() }).from(monevCriteria).where(eq(monevCriteria.monevId, round.id));
    if (n === 0) throw new AppError("conflict", { userMessage: "Tambahkan minimal satu kriteria sebelum Monev dimulai." });
  } else if (await monevHasScores(db, round.id)) {
    throw new AppError("conflict", { userMessage: "Sudah ada nilai; Monev tidak bisa kembali ke draf." });
  }
  await db.transaction(async (tx) => {
    await tx.update(monevRounds).set({ status: next }).where(eq(monevRounds.id, round.id));
    await recordAudit(tx, { actorId: actor.id, action: "monev.status", entityType: "monev", entityId: round.id, data: { from: round.status, to: next } });
  });
  return { ...round, status: next };
}

/** True once any sheet of the Monev holds a score (the criteria lock then). */
export async function monevHasScores(db: DbLike, monevId: string): Promise<boolean> {
  const rows = await db.select({ scores: monevSheets.scores }).from(monevSheets).where(eq(monevSheets.monevId, monevId));
  return rows.some((r) => Object.keys(r.scores ?? {}).length > 0);
}

/** The KIMs a Monev assesses: every KIM of its region, by kecamatan then name. */
export async function monevKims(db: DbLike, regionCode: string) {
  return db
    .select({ id: kimGroups.id, name: kimGroups.name, slug: kimGroups.slug, status: kimGroups.status, districtCode: kimGroups.districtCode, districtName: regions.name })
    .from(kimGroups)
    .innerJoin(regions, eq(regions.code, kimGroups.districtCode))
    .where(inRegion(kimGroups.regencyCode, regionCode))
    .orderBy(asc(regions.name), asc(kimGroups.name));
}
