import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { confirmKimImportAction, previewKimImportAction } from "@/lib/actions/kim-import-actions";
import { initialFormState } from "@/lib/actions/form-state";
import { kimGroups, kimImportBatches } from "@/lib/db/schema";
import { createUser } from "@/lib/seed/factories";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";

// The import's server actions: each checks the session itself, refuses in the reader's language
// next to the file field, opens the preview, and a second click on "Impor" lands on the result.

const session = vi.hoisted(() => ({ userId: null as string | null, locale: undefined as string | undefined }));
vi.mock("next/headers", async (importOriginal) => {
  const original = await importOriginal<typeof import("next/headers")>();
  const { sessionCookieStore } = await import("@/tests/setup/session-cookies");
  return { ...original, cookies: () => sessionCookieStore(session.userId) };
});
vi.mock("next/cache", async (importOriginal) => ({ ...(await importOriginal<typeof import("next/cache")>()), revalidatePath: () => undefined, revalidateTag: () => undefined }));
vi.mock("next-intl/server", () => ({
  getLocale: async () => {
    if (!session.locale) throw new Error("outside a request");
    return session.locale;
  },
}));

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
let organiserId: string;

const upload = (name: string, bytes: Buffer | string) => {
  const data = new FormData();
  data.set("file", new File([new Uint8Array(typeof bytes === "string" ? Buffer.from(bytes) : bytes)], name));
  return data;
};
/** The path a redirect() inside the action points to (Next throws it). */
const redirectOf = async (run: Promise<unknown>) =>
  run.then(
    () => null,
    (error: unknown) => {
      const digest = (error as { digest?: string }).digest ?? "";
      if (!digest.startsWith("NEXT_REDIRECT")) throw error;
      return digest.split(";")[2];
    },
  );

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
  organiserId = (await createUser(handle.db, { email: "admin.kra@layar.test", role: "organiser", regionCode: "33.13" })).id;
});
afterAll(() => handle.drop());

describe("the import actions", () => {
  it("refuse without a session and a non-spreadsheet in the reader's language, storing nothing", async () => {
    session.userId = null;
    expect(await previewKimImportAction(initialFormState, upload("daftar.csv", "Nama KIM;Kecamatan\nKIM A;Jaten"))).toMatchObject({ message: "Silakan masuk terlebih dahulu." });
    session.userId = organiserId;
    session.locale = "en";
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);
    expect(await previewKimImportAction(initialFormState, upload("daftar.xlsx", png))).toMatchObject({
      fieldErrors: { file: ["This file is a PNG image, not XLSX or CSV. Choose the KIM list file from Excel or a spreadsheet app."] },
    });
    expect(await previewKimImportAction(initialFormState, new FormData())).toMatchObject({ fieldErrors: { file: ["Choose an XLSX or CSV file with the KIM list."] } });
    session.locale = undefined;
    expect(await handle.db.select().from(kimImportBatches)).toEqual([]);
  });

  it("open the preview, import the ticked rows, and answer a second click with the result page", async () => {
    session.userId = organiserId;
    const to = await redirectOf(previewKimImportAction(initialFormState, upload("daftar.csv", "Nama KIM;Desa;Kecamatan\nKIM Aksi Satu;Dagen;Jaten\nKIM Aksi Dua;;Karangpandan\n")));
    expect(to).toMatch(/^\/admin\/kim\/impor\/[0-9a-f-]{36}$/);
    const id = to!.split("/").pop()!;
    const confirm = () => {
      const data = new FormData();
      data.set("batch", id);
      data.append("tambah", "2");
      return confirmKimImportAction(initialFormState, data);
    };
    expect(await redirectOf(confirm())).toBe(`/admin/kim/impor/${id}`);
    expect(await redirectOf(confirm())).toBe(`/admin/kim/impor/${id}`);
    expect(await handle.db.select({ name: kimGroups.name }).from(kimGroups)).toEqual([{ name: "KIM Aksi Satu" }]);
    const [batch] = await handle.db.select().from(kimImportBatches).where(eq(kimImportBatches.id, id));
    expect(batch).toMatchObject({ status: "diimpor", importedCount: 1 });
  });
});
