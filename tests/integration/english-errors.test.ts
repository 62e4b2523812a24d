import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as searchArchive } from "@/app/api/v1/arsip/route";
import { registerKimAction } from "@/lib/actions/account-actions";
import { initialFormState } from "@/lib/actions/form-state";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";

// A server action asks next-intl for the reader's language (the NEXT_LOCALE cookie, passed on by
// proxy.ts), which needs Next's request scope; here it answers what the test sets.
const jar = vi.hoisted(() => ({ locale: undefined as string | undefined }));
vi.mock("next-intl/server", () => ({
  getLocale: async () => {
    if (!jar.locale) throw new Error("outside a request");
    return jar.locale;
  },
}));

// The registration action reads the client address from the request headers (its rate limit).
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "203.0.113.5" }) }));

let handle: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  handle = await createTestDatabase();
  await createTestRegions(handle.db);
});
afterAll(() => handle.drop());
beforeEach(() => {
  jar.locale = undefined;
});

const archive = (query: string, cookie?: string) =>
  searchArchive(new Request(`http://layar.test/api/v1/arsip${query}`, { headers: cookie ? { cookie } : {} }), undefined as never);

describe("JSON routes answer in the reader's language", () => {
  it("answers a 422 in English with the English cookie", async () => {
    const res = await archive("?kabupaten=karanganyar", "session=abc; NEXT_LOCALE=en");
    expect(res.status).toBe(422);
    expect(res.headers.get("content-language")).toBe("en");
    expect(await res.json()).toEqual({ error: "Invalid input.", fieldErrors: { kabupaten: ["The regency is a region code, e.g. 33.13."] } });
  });

  it("answers in Indonesian without a cookie or with NEXT_LOCALE=id", async () => {
    for (const cookie of [undefined, "NEXT_LOCALE=id"]) {
      const res = await archive("?kabupaten=karanganyar", cookie);
      expect(res.status).toBe(422);
      expect(await res.json()).toEqual({ error: "Masukan tidak valid.", fieldErrors: { kabupaten: ["Kabupaten berupa kode wilayah, mis. 33.13."] } });
    }
  });

  it("still answers a good request normally", async () => {
    const res = await archive("?kabupaten=33.13", "NEXT_LOCALE=en");
    expect(res.status).toBe(200);
  });
});

describe("server actions answer in the reader's language", () => {
  const form = (values: Record<string, string>) => {
    const data = new FormData();
    for (const [key, value] of Object.entries(values)) data.set(key, value);
    return data;
  };
  const valid = { name: "Agus", email: "agus@layar.test", phone: "", position: "Ketua", kimName: "KIM Dagen", villageCode: "33.13.11.2004", password: "kata-sandi-panjang", confirm: "kata-sandi-panjang" };

  it("translates the message and every field error of a refused form", async () => {
    jar.locale = "en";
    const state = await registerKimAction(initialFormState, form({ ...valid, email: "bukan-email", password: "pendek", confirm: "lain", kimName: "" }));
    expect(state.message).toBe("Please check the highlighted fields.");
    expect(state.fieldErrors).toMatchObject({
      email: ["Enter a valid email address."],
      password: ["The password needs at least 10 characters."],
      kimName: ["Enter the KIM's name."],
    });
    expect(state.values?.email).toBe("bukan-email");
    expect(JSON.stringify(state.fieldErrors)).not.toMatch(/Tulis|Masukkan|minimal/);
  });

  it("translates an AppError raised by the domain after a database read", async () => {
    jar.locale = "en";
    const state = await registerKimAction(initialFormState, form({ ...valid, villageCode: "33.13.11.2999" }));
    expect(state).toMatchObject({ message: "Unknown village.", fieldErrors: { villageCode: ["Choose a village from the list."] } });
  });

  it("keeps Indonesian for the Indonesian reader", async () => {
    jar.locale = "id";
    const state = await registerKimAction(initialFormState, form({ ...valid, villageCode: "33.13.11.2999" }));
    expect(state).toMatchObject({ message: "Desa/kelurahan tidak dikenal.", fieldErrors: { villageCode: ["Pilih desa/kelurahan dari daftar."] } });
  });
});
