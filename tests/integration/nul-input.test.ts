import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as searchArchive } from "@/app/api/v1/arsip/route";
import { GET as getEdition } from "@/app/api/v1/editions/[slug]/route";
import { GET as getKim } from "@/app/api/v1/kim/[slug]/route";
import { runFormAction } from "@/lib/actions/form-state";
import { films } from "@/lib/db/schema";
import { isUnstorableText } from "@/lib/errors";
import { createEdition, createKim } from "@/lib/seed/factories";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";

// Defect: a NUL byte in a path, a query or a form field answered 500 (PostgreSQL refuses it).
// Addresses with one are a 400 before any query; a field the schemas do not clean that still
// reaches the database is a 422 with a sentence. Runs on PGlite and, with TEST_DATABASE_URL,
// on a PostgreSQL server: both refuse NUL with the same SQLSTATE.

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
let editionId: string, kimId: string;
const req = (path: string) => new Request(`http://layar.test${path}`);
const params = <T>(value: T) => ({ params: Promise.resolve(value) });

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  kimId = (await createKim(handle.db, { name: "KIM Manteb", districtCode: "33.13.08" })).id;
  editionId = (await createEdition(handle.db, { slug: "festival-nul", title: "Festival NUL", regionCode: "33.13", status: "pendaftaran" })).id;
});
afterAll(() => handle.drop());

const refusal = async (work: Promise<unknown>) => work.then(() => null, (error: unknown) => error);

describe("the database's refusal of NUL", () => {
  it("is recognised in text and in JSON, through Drizzle's wrapping", async () => {
    const inText = await refusal(handle.db.insert(films).values({ editionId, kimId, code: "NUL-1", title: "Judul\u0000" }));
    expect(isUnstorableText(inText)).toBe(true);
    const inJson = await refusal(handle.db.insert(films).values({ editionId, kimId, code: "NUL-2", title: "Judul", crew: [{ name: "Sri\u0000", role: "Sutradara" }] }));
    expect(isUnstorableText(inJson)).toBe(true);
  });

  it("reaches a form as a sentence, not a server error", async () => {
    const state = await runFormAction({}, async () => {
      await handle.db.insert(films).values({ editionId, kimId, code: "NUL-3", title: "Judul\u0000" });
    });
    expect(state).toEqual({ message: "Isian berisi karakter yang tidak diizinkan (mis. karakter NUL). Hapus karakter itu lalu kirim lagi.", values: {} });
  });
});

describe("a NUL byte in an API address", () => {
  it.each([
    ["/api/v1/editions/%00", () => getEdition(req("/api/v1/editions/%00"), params({ slug: "\u0000" }))],
    ["/api/v1/kim/%00", () => getKim(req("/api/v1/kim/%00"), params({ slug: "\u0000" }))],
    ["/api/v1/arsip?q=%00", () => searchArchive(req("/api/v1/arsip?q=%00"), undefined as never)],
    ["/api/v1/arsip?tema=a%00b", () => searchArchive(req("/api/v1/arsip?tema=a%00b"), undefined as never)],
  ])("%s is a 400 with a sentence", async (_path, call) => {
    const answer = await call();
    expect(answer.status).toBe(400);
    expect(await answer.json()).toEqual({ error: "Alamat berisi karakter yang tidak diizinkan." });
  });
});
