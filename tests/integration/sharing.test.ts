import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { createTranslator } from "next-intl";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { editions, filmEmbedViews, filmMedia, placements, specialAwards } from "@/lib/db/schema";
import { getFestivalPage } from "@/lib/public/get-festival-page";
import { getPublicFilm } from "@/lib/public/get-public-film";
import { festivalMetadata, filmMetadata, type Translate } from "@/lib/public/share-metadata";
import { wibDay } from "@/lib/format/dates";
import { embedViewsOfKim, recordEmbedView } from "@/lib/sharing/embed-views";
import { ensureOgImage } from "@/lib/sharing/og-image";
import { editionOgSource, filmOgSource } from "@/lib/sharing/og-sources";
import { serveOgImage } from "@/lib/sharing/serve-og";
import { createEdition, createFilm, createKim } from "@/lib/seed/factories";
import { setStorage } from "@/lib/storage";
import { LocalStorage } from "@/lib/storage/local";
import { createTestDatabase } from "../setup/database";
import { createTestRegions } from "../setup/regions";

// Sharing (docs/decisions/0037-sharing.md): the link-preview image of a published film and
// edition, made once and kept; nothing for a film or edition that is not public, sealed
// included; the embed player and its view counter.

function messages(locale: "id" | "en") {
  const root = path.resolve("messages");
  const all = JSON.parse(fs.readFileSync(path.join(root, `${locale}.json`), "utf8"));
  for (const f of fs.readdirSync(path.join(root, locale))) all[f.replace(/\.json$/, "")] = JSON.parse(fs.readFileSync(path.join(root, locale, f), "utf8"));
  return all;
}
vi.mock("next-intl/server", () => ({
  getTranslations: async (arg?: { locale?: "id" | "en"; namespace?: string }) =>
    createTranslator({ locale: arg?.locale ?? "id", messages: messages(arg?.locale ?? "id"), namespace: arg?.namespace as never, onError: (e) => { throw e; } }),
}));
const { GET: embedRoute } = await import("@/app/[locale]/(public)/film/[id]/embed/route");

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
const mediaRoot = fs.mkdtempSync(path.join(os.tmpdir(), "layar-sharing-"));
const storage = new LocalStorage(mediaRoot, 48 * 3_600_000);
const base = "http://layar.test";
const t = createTranslator({ locale: "id", messages: messages("id") }) as unknown as Translate;
const ids = { winner: "", sealed: "", draft: "", kim: "", otherKim: "", other: "" };
const browser = { "user-agent": "Mozilla/5.0 (Linux; Android 10) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36" };

async function addPoster(filmId: string, name: string, colour: string) {
  const file = path.join(mediaRoot, `${name}.jpg`);
  await sharp({ create: { width: 480, height: 720, channels: 3, background: colour } }).jpeg().toFile(file);
  const key = `films/${filmId}/${name}.jpg`;
  await storage.putFile(key, file);
  await handle.db.update(filmMedia).set({ isCurrent: false }).where(and(eq(filmMedia.filmId, filmId), eq(filmMedia.kind, "poster")));
  await handle.db.insert(filmMedia).values({ filmId, kind: "poster", storageDriver: "local", storageKey: key, mimeType: "image/jpeg", sizeBytes: fs.statSync(file).size, status: "ok" });
}

beforeAll(async () => {
  handle = await createTestDatabase();
  const db = handle.db;
  await createTestRegions(db);
  setStorage(storage);
  const kim = await createKim(db, { name: "KIM Manteb", districtCode: "33.13.08" });
  const other = await createKim(db, { name: "KIM Gedong", districtCode: "33.12.01" });
  ids.kim = kim.id;
  ids.otherKim = other.id;
  const done = await createEdition(db, { slug: "kra-2025", title: "Festival Karanganyar 2025", regionCode: "33.13", status: "diumumkan", publishedAt: new Date("2025-12-01T00:00:00Z") });
  const winner = await createFilm(db, { editionId: done.id, kimId: kim.id, code: "K25-AAAAA", title: "Nular <script>alert(1)</script> & Kawan", status: "diunggah" });
  ids.winner = winner.id;
  await db.insert(placements).values({ editionId: done.id, filmId: winner.id, kimId: kim.id, placement: "Juara II" });
  await addPoster(winner.id, "poster", "#345");
  const otherWinner = await createFilm(db, { editionId: done.id, kimId: other.id, code: "K25-CCCCC", title: "Gedong Bercerita", status: "diunggah" });
  ids.other = otherWinner.id;
  await db.insert(placements).values({ editionId: done.id, filmId: otherWinner.id, kimId: other.id, placement: "Juara I" });

  // Sealed, not published: its placements exist and must not show anywhere.
  const sealed = await createEdition(db, { slug: "kra-2026", title: "Festival Karanganyar 2026", regionCode: "33.13", status: "disegel" });
  const secret = await createFilm(db, { editionId: sealed.id, kimId: kim.id, code: "K26-BBBBB", title: "Rahasia", status: "diunggah" });
  ids.sealed = secret.id;
  await db.insert(placements).values({ editionId: sealed.id, filmId: secret.id, kimId: kim.id, placement: "Juara I" });
  await addPoster(secret.id, "rahasia", "#900");
  const open = await createEdition(db, { slug: "kra-2027", title: "Festival Karanganyar 2027", regionCode: "33.13", status: "pendaftaran" });
  ids.draft = (await createFilm(db, { editionId: open.id, kimId: kim.id, code: "K27-DDDDD", title: "Belum", status: "draf" })).id;
});
afterAll(async () => {
  setStorage(undefined);
  await handle.drop();
  fs.rmSync(mediaRoot, { recursive: true, force: true });
});

const ogFiles = (kind: string) => (fs.existsSync(path.join(mediaRoot, "og", kind)) ? fs.readdirSync(path.join(mediaRoot, "og", kind)) : []);

describe("link-preview images", () => {
  it("makes a published film's image once (1200×630 JPEG with its poster), and a second request reads the kept file", async () => {
    const source = await filmOgSource(handle.db, ids.winner);
    expect(source?.text).toEqual({ badge: "Juara II", title: "Nular <script>alert(1)</script> & Kawan", lines: ["KIM Manteb · Kabupaten Karanganyar", "Festival Karanganyar 2025"] });
    const first = await ensureOgImage(storage, source!);
    expect(first).toEqual({ key: `og/film/${ids.winner}-${source!.version}.jpg`, made: true });
    const file = path.join(mediaRoot, first.key);
    const madeAt = fs.statSync(file).mtimeMs;
    const meta = await sharp(file).metadata();
    expect(meta).toMatchObject({ format: "jpeg", width: 1200, height: 630 });
    // The poster sits in its frame on the left: the poster's colour (#345), not the card's.
    const { data } = await sharp(file).extract({ left: 200, top: 300, width: 1, height: 1 }).raw().toBuffer({ resolveWithObject: true });
    [0x33, 0x44, 0x55].forEach((c, i) => expect(Math.abs(data[i] - c)).toBeLessThan(12));

    const again = await ensureOgImage(storage, (await filmOgSource(handle.db, ids.winner))!);
    expect(again).toEqual({ key: first.key, made: false });
    const res = await serveOgImage(handle.db, new Request(`${base}/api/og/film/${ids.winner}?v=${source!.version}`), "film", ids.winner);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/jpeg");
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(Buffer.from(await res.arrayBuffer()).equals(fs.readFileSync(file))).toBe(true);
    expect(fs.statSync(file).mtimeMs).toBe(madeAt);
    expect(ogFiles("film")).toEqual([path.basename(first.key)]);
    // Without the current version: the same picture, kept an hour only.
    const stale = await serveOgImage(handle.db, new Request(`${base}/api/og/film/${ids.winner}?v=0000`), "film", ids.winner);
    expect(stale.headers.get("cache-control")).toBe("public, max-age=3600");
  });

  it("the film page's preview names the image by its version; a new poster or award makes a new image", async () => {
    const film = await getPublicFilm(handle.db, ids.winner);
    const preview = filmMetadata(film, t, base);
    const source = (await filmOgSource(handle.db, ids.winner))!;
    const image = `${base}/api/og/film/${ids.winner}?v=${source.version}`;
    expect(preview.openGraph?.images).toEqual([{ url: image, width: 1200, height: 630, alt: film!.title }]);
    expect(preview.twitter).toMatchObject({ card: "summary_large_image", images: [image] });

    await addPoster(ids.winner, "poster-baru", "#543");
    const newPoster = (await filmOgSource(handle.db, ids.winner))!;
    expect(newPoster.version).not.toBe(source.version);
    expect((await ensureOgImage(storage, newPoster)).made).toBe(true);
    await handle.db.insert(specialAwards).values({ editionId: (await editionIdOf("kra-2025"))!, filmId: ids.winner, name: "Film Terfavorit" });
    const award = (await filmOgSource(handle.db, ids.winner))!;
    expect(award.text.badge).toBe("Juara II, Film Terfavorit");
    expect((await ensureOgImage(storage, award)).made).toBe(true);
    expect(ogFiles("film")).toHaveLength(3);
  });

  it("makes a published edition's image with its winners", async () => {
    const source = (await editionOgSource(handle.db, "kra-2025"))!;
    expect(source.text).toEqual({ badge: "Pemenang", title: "Festival Karanganyar 2025", lines: ["Juara I: Gedong Bercerita (KIM Gedong)", "Juara II: Nular <script>alert(1)</script> & Kawan (KIM Manteb)"] });
    const res = await serveOgImage(handle.db, new Request(`${base}/api/og/edition/kra-2025`), "edition", "kra-2025");
    expect(res.status).toBe(200);
    expect(await sharp(Buffer.from(await res.arrayBuffer())).metadata()).toMatchObject({ width: 1200, height: 630 });
    const preview = festivalMetadata(await getFestivalPage(handle.db, "kra-2025"), t, base);
    expect(preview.openGraph?.images).toEqual([{ url: `${base}/api/og/edition/kra-2025?v=${source.version}`, width: 1200, height: 630, alt: "Festival Karanganyar 2025" }]);
  });

  it("answers 404 for a sealed edition, its film, a film still entering, and ids that do not exist; and makes no file for them", async () => {
    const before = [...ogFiles("film"), ...ogFiles("edition")];
    for (const [kind, id] of [
      ["edition", "kra-2026"],
      ["edition", "kra-2027"],
      ["edition", "tidak-ada"],
      ["edition", "../../etc"],
      ["film", ids.sealed],
      ["film", ids.draft],
      ["film", "3f1c9a52-0000-4000-8000-000000000001"],
      ["film", "bukan-uuid"],
    ] as const) {
      const res = await serveOgImage(handle.db, new Request(`${base}/api/og/${kind}/${id}`), kind, id);
      expect(res.status, `${kind} ${id}`).toBe(404);
      expect(await res.text()).not.toMatch(/Juara|Rahasia/);
    }
    expect([...ogFiles("film"), ...ogFiles("edition")]).toEqual(before);
    // The sealed edition's page preview carries no image at all.
    const preview = festivalMetadata(await getFestivalPage(handle.db, "kra-2026"), t, base);
    expect(preview.openGraph).not.toHaveProperty("images");
    expect(JSON.stringify(preview)).not.toMatch(/Juara|Rahasia/);
  });
});

async function editionIdOf(slug: string) {
  return (await handle.db.select({ id: editions.id }).from(editions).where(eq(editions.slug, slug)))[0]?.id;
}

describe("embed player and its views", () => {
  const embed = (id: string, headers: Record<string, string> = browser, locale = "id") => embedRoute(new Request(`${base}/film/${id}/embed`, { headers }), { params: Promise.resolve({ locale, id }) });
  const viewsOf = async (filmId: string) => (await handle.db.select().from(filmEmbedViews).where(eq(filmEmbedViews.filmId, filmId))).reduce((n, r) => n + r.views, 0);

  it("shows a public film's player with a link to its page, sets no cookie, counts the load", async () => {
    const res = await embed(ids.winner);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("set-cookie")).toBeNull();
    const html = await res.text();
    expect(html).toContain(`href="${base}/film/${ids.winner}"`);
    expect(html).toContain("Tonton di Layar");
    expect(html).toContain("Nular &lt;script&gt;alert(1)&lt;/script&gt; &amp; Kawan");
    expect(html).not.toContain("<script>alert(1)");
    expect(html).toContain("KIM Manteb · Juara II");
    expect(await viewsOf(ids.winner)).toBe(1);
    const en = await (await embed(ids.winner, browser, "en")).text();
    expect(en).toContain("Watch on Layar");
    expect(await viewsOf(ids.winner)).toBe(2);
  });

  it("answers 404 for a film that is not public and counts nothing", async () => {
    for (const id of [ids.sealed, ids.draft, "bukan-uuid"]) {
      const res = await embed(id);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toMatch(/Rahasia|Juara/);
    }
    expect(await viewsOf(ids.sealed)).toBe(0);
  });

  it("does not count a prefetch or a link-preview crawler", async () => {
    const before = await viewsOf(ids.winner);
    expect((await embed(ids.winner, { ...browser, "sec-purpose": "prefetch" })).status).toBe(200);
    expect((await embed(ids.winner, { ...browser, purpose: "prefetch" })).status).toBe(200);
    expect((await embed(ids.winner, { "user-agent": "WhatsApp/2.23.20.0 A" })).status).toBe(200);
    expect(await viewsOf(ids.winner)).toBe(before);
  });

  it("counts 50 concurrent views as exactly 50, in one row per WIB day", async () => {
    const day = new Date("2026-12-06T18:00:00Z"); // 7 December, 01.00 WIB
    await Promise.all(Array.from({ length: 50 }, () => recordEmbedView(handle.db, ids.other, day)));
    const rows = await handle.db.select().from(filmEmbedViews).where(eq(filmEmbedViews.filmId, ids.other));
    expect(rows).toEqual([{ filmId: ids.other, day: "2026-12-07", views: 50 }]);
  });

  it("the KIM sees its own films' views, all time and the last 30 days; another KIM sees none of them", async () => {
    const now = new Date("2027-01-20T05:00:00Z"); // the 50 views of 7 December are older than 30 days
    await handle.db.delete(filmEmbedViews).where(eq(filmEmbedViews.filmId, ids.winner));
    await handle.db.insert(filmEmbedViews).values([
      { filmId: ids.winner, day: wibDay(now), views: 3 },
      { filmId: ids.winner, day: wibDay(now, -29), views: 4 },
      { filmId: ids.winner, day: wibDay(now, -30), views: 10 },
    ]);
    expect(await embedViewsOfKim(handle.db, { kimId: ids.kim }, now)).toEqual([{ filmId: ids.winner, title: "Nular <script>alert(1)</script> & Kawan", total: 17, last30: 7 }]);
    expect(await embedViewsOfKim(handle.db, { kimId: ids.otherKim }, now)).toEqual([{ filmId: ids.other, title: "Gedong Bercerita", total: 50, last30: 0 }]);
    expect(await embedViewsOfKim(handle.db, { kimId: null }, now)).toEqual([]);
  });
});
