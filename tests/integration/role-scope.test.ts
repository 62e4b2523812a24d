import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listOrganiserEditions } from "@/lib/editions/list-organiser-editions";
import { listKimFilms, listOpenEditions } from "@/lib/films/list-kim-films";
import { listJudgeEditions } from "@/lib/judging/judge-progress";
import { editionJudges } from "@/lib/db/schema";
import { createEdition, createFilm, createKim, createUser } from "@/lib/seed/factories";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
type User = Awaited<ReturnType<typeof createUser>>;
let kra: User, jtg: User, wng: User, judge: User, kimA: User, kimB: User, pending: User;
const now = new Date("2026-11-28T00:00:00Z");
const day = 86_400_000;

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  const a = await createKim(handle.db, { name: "KIM A", districtCode: "33.13.08" });
  const b = await createKim(handle.db, { name: "KIM B", districtCode: "33.12.01" });
  kra = await createUser(handle.db, { email: "kra@layar.test", role: "organiser", regionCode: "33.13" });
  jtg = await createUser(handle.db, { email: "jtg@layar.test", role: "organiser", regionCode: "33" });
  wng = await createUser(handle.db, { email: "wng@layar.test", role: "organiser", regionCode: "33.12" });
  judge = await createUser(handle.db, { email: "juri@layar.test", role: "judge", regionCode: "33.72" });
  kimA = await createUser(handle.db, { email: "a@layar.test", role: "kim", kimId: a.id, regionCode: "33.13" });
  kimB = await createUser(handle.db, { email: "b@layar.test", role: "kim", kimId: b.id, regionCode: "33.12" });
  pending = await createUser(handle.db, { email: "p@layar.test", role: "kim", status: "pending", regionCode: "33.13" });
  const open = { status: "pendaftaran" as const, submissionOpensAt: new Date(now.getTime() - day), submissionClosesAt: new Date(now.getTime() + day) };
  const kraEdition = await createEdition(handle.db, { title: "Festival Karanganyar", regionCode: "33.13", ...open });
  await createEdition(handle.db, { title: "Festival Wonogiri", regionCode: "33.12", ...open });
  await createEdition(handle.db, { title: "Lomba Jawa Tengah", regionCode: "33", ...open });
  await createEdition(handle.db, { title: "Festival Sleman", regionCode: "34.04", ...open });
  await createEdition(handle.db, { title: "Festival Karanganyar Tutup", regionCode: "33.13", status: "pendaftaran", submissionOpensAt: new Date(now.getTime() - 9 * day), submissionClosesAt: new Date(now.getTime() - day) });
  await createFilm(handle.db, { editionId: kraEdition.id, kimId: a.id, code: "T-1", title: "Film KIM A" });
  await handle.db.insert(editionJudges).values({ editionId: kraEdition.id, userId: judge.id });
});
afterAll(() => handle.drop());

describe("each role sees only its own data", () => {
  it("organisers see the editions of their region and below, never a neighbour's", async () => {
    expect((await listOrganiserEditions(handle.db, kra)).map((e) => e.title).sort()).toEqual(["Festival Karanganyar", "Festival Karanganyar Tutup"]);
    expect((await listOrganiserEditions(handle.db, jtg)).map((e) => e.title)).toHaveLength(4);
    expect((await listOrganiserEditions(handle.db, wng)).map((e) => e.title)).toEqual(["Festival Wonogiri"]);
  });

  it("non-organisers are refused the organiser's list", async () => {
    for (const actor of [judge, kimA, pending]) await expect(listOrganiserEditions(handle.db, actor)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("a KIM sees its own films only; judges, organisers and pending KIMs are refused", async () => {
    expect((await listKimFilms(handle.db, kimA)).map((f) => f.title)).toEqual(["Film KIM A"]);
    expect(await listKimFilms(handle.db, kimB)).toEqual([]);
    for (const actor of [judge, kra, pending]) await expect(listKimFilms(handle.db, actor)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("a KIM is offered open editions of its regency and province only, and not closed ones", async () => {
    expect((await listOpenEditions(handle.db, "33.13", now)).map((e) => e.title).sort()).toEqual(["Festival Karanganyar", "Lomba Jawa Tengah"]);
    expect((await listOpenEditions(handle.db, "33.12", now)).map((e) => e.title).sort()).toEqual(["Festival Wonogiri", "Lomba Jawa Tengah"]);
  });

  it("a judge sees progress counts for their editions, and nothing that names a KIM", async () => {
    const editions = await listJudgeEditions(handle.db, judge);
    expect(editions).toEqual([expect.objectContaining({ title: "Festival Karanganyar", assigned: 0, submitted: 0 })]);
    expect(JSON.stringify(editions)).not.toContain("KIM A");
    for (const actor of [kra, kimA]) await expect(listJudgeEditions(handle.db, actor)).rejects.toMatchObject({ code: "forbidden" });
  });
});
