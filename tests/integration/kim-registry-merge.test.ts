import { getTableConfig, type PgTable } from "drizzle-orm/pg-core";
import { and, eq, is } from "drizzle-orm";
import { PgTable as PgTableClass } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/lib/db/schema";
import { auditLog, certificates, deadlineExtensions, films, kimGroups, kimStatusHistory, monevRounds, monevSheets, placements, users } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { MOVED, mergeKims, previewMerge } from "@/lib/kim/merge-kims";
import { createEdition, createFilm, createKim, createUser } from "@/lib/seed/factories";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
type User = Awaited<ReturnType<typeof createUser>>;
let karanganyar: User, wonogiri: User;
const rejection = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as AppError);

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  karanganyar = await createUser(handle.db, { email: "admin.kra@layar.test", role: "organiser", regionCode: "33.13" });
  wonogiri = await createUser(handle.db, { email: "admin.wng@layar.test", role: "organiser", regionCode: "33.12" });
});
afterAll(() => handle.drop());

describe("merging two records of one KIM", () => {
  it("covers every foreign key to kim_groups.id in the schema", () => {
    const referencing = (Object.values(schema) as unknown[])
      .filter((t): t is PgTable => is(t, PgTableClass))
      .flatMap((t) => {
        const config = getTableConfig(t);
        return config.foreignKeys.filter((fk) => fk.reference().foreignTable === kimGroups).map((fk) => `${config.name}.${fk.reference().columns[0].name}`);
      });
    const moved = MOVED.map((m) => `${getTableConfig(m.table).name}.${m.column.name}`);
    expect(referencing.length).toBeGreaterThan(8);
    for (const ref of referencing) expect(moved, ref).toContain(ref);
  });

  it("previews, then moves films, awards, members, history and sheets onto the kept record in one go, audited with a snapshot", async () => {
    const keep = await createKim(handle.db, { name: "KIM Dagen Maju", districtCode: "33.13.11", villageCode: "33.13.11.2004" });
    const duplicate = await createKim(handle.db, { name: "KIM Dagen Majoe", districtCode: "33.13.11", villageCode: "33.13.11.2004", contactPhone: "0812 1111 2222", description: "Dari data lama" });
    const edition = await createEdition(handle.db, { title: "Festival Gabung", regionCode: "33.13" });
    const film = await createFilm(handle.db, { editionId: edition.id, kimId: duplicate.id, title: "Film Dobel", code: "GAB-1" });
    await handle.db.insert(placements).values({ editionId: edition.id, kimId: duplicate.id, filmId: film.id, placement: "Juara I", rank: 1 });
    await handle.db.insert(certificates).values({ code: "PST-GAB-1", editionId: edition.id, kind: "peserta", filmId: film.id, kimId: duplicate.id });
    const member = await createUser(handle.db, { email: "anggota.dobel@layar.test", role: "kim", kimId: duplicate.id });
    // Both records have a sheet in the same Monev and an extension in the same edition: the kept ones stay.
    const [round] = await handle.db.insert(monevRounds).values({ regionCode: "33.13", year: 2026, title: "Monev 2026" }).returning();
    await handle.db.insert(monevSheets).values([{ monevId: round.id, kimId: keep.id, notes: "kept" }, { monevId: round.id, kimId: duplicate.id, notes: "dropped" }]);
    await handle.db.insert(deadlineExtensions).values([
      { editionId: edition.id, kimId: keep.id, closesAt: new Date(), reason: "kept", createdBy: karanganyar.id },
      { editionId: edition.id, kimId: duplicate.id, closesAt: new Date(), reason: "dropped", createdBy: karanganyar.id },
    ]);

    const preview = await previewMerge(handle.db, karanganyar, keep.id, duplicate.id);
    expect(preview.moves).toMatchObject({ films: 1, placements: 1, certificates: 1, members: 1, statusHistory: 1, monevSheets: 1, extensions: 1 });
    expect(preview.dropped).toEqual({ monevSheets: 1, extensions: 1, placements: 0 });
    expect(preview.filled).toEqual(expect.arrayContaining(["contactPhone", "description"]));

    expect((await rejection(mergeKims(handle.db, karanganyar, { keepId: keep.id, duplicateId: duplicate.id }))) as unknown).toBeTruthy();
    expect(await handle.db.select().from(kimGroups).where(eq(kimGroups.id, duplicate.id))).toHaveLength(1);

    await mergeKims(handle.db, karanganyar, { keepId: keep.id, duplicateId: duplicate.id, confirm: "ya" });
    expect(await handle.db.select().from(kimGroups).where(eq(kimGroups.id, duplicate.id))).toHaveLength(0);
    expect((await handle.db.select().from(films).where(eq(films.id, film.id)))[0].kimId).toBe(keep.id);
    expect((await handle.db.select().from(placements).where(eq(placements.filmId, film.id)))[0].kimId).toBe(keep.id);
    expect((await handle.db.select().from(certificates).where(eq(certificates.code, "PST-GAB-1")))[0].kimId).toBe(keep.id);
    expect((await handle.db.select().from(users).where(eq(users.id, member.id)))[0].kimId).toBe(keep.id);
    expect((await handle.db.select().from(monevSheets).where(eq(monevSheets.kimId, keep.id))).map((s) => s.notes)).toEqual(["kept"]);
    expect((await handle.db.select().from(deadlineExtensions).where(eq(deadlineExtensions.kimId, keep.id))).map((s) => s.reason)).toEqual(["kept"]);
    expect(await handle.db.select().from(kimStatusHistory).where(eq(kimStatusHistory.kimId, keep.id))).toHaveLength(2);
    const [kept] = await handle.db.select().from(kimGroups).where(eq(kimGroups.id, keep.id));
    expect(kept).toMatchObject({ name: "KIM Dagen Maju", slug: keep.slug, contactPhone: "0812 1111 2222", description: "Dari data lama" });
    const [audit] = await handle.db.select().from(auditLog).where(eq(auditLog.action, "kim.merge"));
    expect(audit).toMatchObject({ actorId: karanganyar.id, entityId: keep.id });
    expect((audit.data as { removed: { id: string; name: string } }).removed).toMatchObject({ id: duplicate.id, name: "KIM Dagen Majoe" });
  });

  it("keeps the kept record's award when both hold the same placement of an edition", async () => {
    const keep = await createKim(handle.db, { name: "KIM Karangpandan", districtCode: "33.13.08" });
    const duplicate = await createKim(handle.db, { name: "KIM Karangpandan (arsip)", districtCode: "33.13.08" });
    const edition = await createEdition(handle.db, { title: "Festival Arsip 2019", regionCode: "33.13" });
    await handle.db.insert(placements).values([
      { editionId: edition.id, kimId: keep.id, placement: "Juara II", note: "kept" },
      { editionId: edition.id, kimId: duplicate.id, placement: "Juara II", note: "dropped" },
      { editionId: edition.id, kimId: duplicate.id, placement: "Juara Harapan I", note: "moved" },
    ]);
    expect((await previewMerge(handle.db, karanganyar, keep.id, duplicate.id)).dropped.placements).toBe(1);
    await mergeKims(handle.db, karanganyar, { keepId: keep.id, duplicateId: duplicate.id, confirm: "ya" });
    expect((await handle.db.select().from(placements).where(eq(placements.kimId, keep.id))).map((p) => p.note).sort()).toEqual(["kept", "moved"]);
  });

  it("keeps the kept record's status when the duplicate's history is newer", async () => {
    const keep = await createKim(handle.db, { name: "KIM Lawu", districtCode: "33.13.08" });
    await handle.db.insert(kimStatusHistory).values({ kimId: keep.id, status: "tidak_aktif", fromDate: "2020-01-01", reason: "Vakum", source: "organiser" });
    await handle.db.update(kimGroups).set({ status: "tidak_aktif", inactiveReason: "Vakum", statusSince: "2020-01-01" }).where(eq(kimGroups.id, keep.id));
    // Recorded as aktif today (its first history row is today's); the kept record's own row is older.
    const duplicate = await createKim(handle.db, { name: "KIM Lawu (ganda)", districtCode: "33.13.08" });
    await handle.db.delete(kimStatusHistory).where(and(eq(kimStatusHistory.kimId, keep.id), eq(kimStatusHistory.status, "aktif")));
    await mergeKims(handle.db, karanganyar, { keepId: keep.id, duplicateId: duplicate.id, confirm: "ya" });
    const [kept] = await handle.db.select().from(kimGroups).where(eq(kimGroups.id, keep.id));
    expect(kept).toMatchObject({ status: "tidak_aktif", inactiveReason: "Vakum" });
    const history = await handle.db.select().from(kimStatusHistory).where(eq(kimStatusHistory.kimId, keep.id));
    expect(history.map((h) => h.status).sort()).toEqual(["aktif", "tidak_aktif", "tidak_aktif"]);
  });

  it("refuses a KIM with itself, and a KIM outside the organiser's region is not found (nothing moves)", async () => {
    const keep = await createKim(handle.db, { name: "KIM Jaten", districtCode: "33.13.11" });
    const foreign = await createKim(handle.db, { name: "KIM Pracimantoro", districtCode: "33.12.01" });
    expect((await rejection(mergeKims(handle.db, karanganyar, { keepId: keep.id, duplicateId: keep.id, confirm: "ya" })))?.fieldErrors?.duplicateId).toBeDefined();
    expect((await rejection(mergeKims(handle.db, karanganyar, { keepId: keep.id, duplicateId: foreign.id, confirm: "ya" })))?.code).toBe("not_found");
    expect((await rejection(previewMerge(handle.db, wonogiri, foreign.id, keep.id)))?.code).toBe("not_found");
    expect(await handle.db.select().from(kimGroups).where(eq(kimGroups.id, foreign.id))).toHaveLength(1);
  });
});
