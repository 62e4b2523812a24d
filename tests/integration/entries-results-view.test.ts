import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { editions, placements, specialAwards } from "@/lib/db/schema";
import { listKimFilms } from "@/lib/films/list-kim-films";
import { getPublicFilm } from "@/lib/public/get-public-film";
import { createEdition, createFilm, createKim, createUser } from "@/lib/seed/factories";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";

// What a KIM sees of its films around publication (defect: films that did not place stayed
// "Sedang dinilai" forever), and the public page of a film whose only prize is a special
// award (defect: linked from the festival page, but 404).

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
let member: Awaited<ReturnType<typeof createUser>>;
let editionId: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  const kim = await createKim(handle.db, { name: "KIM Manteb", districtCode: "33.13.08" });
  member = await createUser(handle.db, { email: "kim@layar.test", role: "kim", kimId: kim.id, regionCode: "33.13" });
  const edition = await createEdition(handle.db, { slug: "kra-2026", title: "Festival Karanganyar 2026", year: 2026, regionCode: "33.13", status: "disegel", sealedAt: new Date() });
  editionId = edition.id;
  const film = (key: string, status: "dinilai" | "juara" | "dikecualikan" | "didiskualifikasi" | "tidak_lolos_kurasi", statusReason: string | null = null) =>
    createFilm(handle.db, { editionId, kimId: kim.id, code: `K26-${key.toUpperCase()}`, title: `Film ${key}`, status, statusReason }).then((f) => (ids[key] = f.id));
  await film("placed", "juara");
  await film("unplaced", "dinilai");
  await film("special", "dinilai");
  await film("excluded", "dikecualikan", "Menggunakan musik berhak cipta tanpa izin.");
  await film("disqualified", "didiskualifikasi", "Film pernah dipublikasikan sebelum lomba.");
  await film("screened", "tidak_lolos_kurasi", "Durasi melebihi ketentuan.");
  await handle.db.insert(placements).values({ editionId, filmId: ids.placed, kimId: kim.id, placement: "Juara I", rank: 1, score: 90, certificateCode: "ABCDEF123456" });
  await handle.db.insert(specialAwards).values({ editionId, filmId: ids.special, name: "Film Favorit", note: "Pilihan penonton.", certificateCode: "FAV000000001" });
});
afterAll(async () => {
  await handle.drop();
});

const seen = async () => Object.fromEntries((await listKimFilms(handle.db, member)).map((f) => [f.title.replace("Film ", ""), [f.status, f.statusReason, f.placement]]));

describe("a KIM's films around publication", () => {
  it("sealed, not yet public: every judged film reads the same neutral status, without a reason; a disqualification shows at once", async () => {
    expect(await seen()).toEqual({
      placed: ["dinilai", null, null],
      unplaced: ["dinilai", null, null],
      special: ["dinilai", null, null],
      excluded: ["dinilai", null, null],
      disqualified: ["didiskualifikasi", "Film pernah dipublikasikan sebelum lomba.", null],
      screened: ["tidak_lolos_kurasi", "Durasi melebihi ketentuan.", null],
    });
  });

  it("published: a film that did not place reads 'judged', the placed one its placement, the excluded one its status and reason", async () => {
    await handle.db.update(editions).set({ status: "diumumkan", publishedAt: new Date() }).where(eq(editions.id, editionId));
    expect(await seen()).toEqual({
      placed: ["juara", null, "Juara I"],
      unplaced: ["dinilai_selesai", null, null],
      special: ["dinilai_selesai", null, null],
      excluded: ["dikecualikan", "Menggunakan musik berhak cipta tanpa izin.", null],
      disqualified: ["didiskualifikasi", "Film pernah dipublikasikan sebelum lomba.", null],
      screened: ["tidak_lolos_kurasi", "Durasi melebihi ketentuan.", null],
    });
  });
});

describe("a film whose only prize is a special award", () => {
  it("has a public page once results are public, with its award; before that, none", async () => {
    const published = await getPublicFilm(handle.db, ids.special);
    expect(published).toMatchObject({ title: "Film special", placements: [], specialAwards: [{ name: "Film Favorit", note: "Pilihan penonton." }] });
    await handle.db.update(editions).set({ status: "disegel", publishedAt: null }).where(eq(editions.id, editionId));
    expect(await getPublicFilm(handle.db, ids.special)).toBeNull();
    await handle.db.update(editions).set({ status: "diumumkan", publishedAt: new Date() }).where(eq(editions.id, editionId));
  });

  it("gives no page to a film without a placement or an award", async () => {
    expect(await getPublicFilm(handle.db, ids.unplaced)).toBeNull();
    expect(await getPublicFilm(handle.db, ids.excluded)).toBeNull();
  });
});
