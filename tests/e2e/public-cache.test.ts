import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openDatabase } from "@/lib/db/client";
import { runMigrations } from "@/lib/db/migrate";
import { editionJudges, judgeAssignments, scoreSheets, scores } from "@/lib/db/schema";
import { ensureRound } from "@/lib/judging/rounds";
import { sealResults } from "@/lib/results/edition-results";
import { defaultSettings } from "@/lib/editions/defaults";
import { createEdition, createFilm, createKim, createRubric, createUser } from "@/lib/seed/factories";
import { serverArgs } from "@/scripts/lib/server-flags";
import { createTestRegions } from "../setup/regions";
import { stopServer } from "@/tests/setup/stop-server";
import { browserAvailable, expectNoPageErrors, launchBrowser, newContext, signIn, url } from "./helpers";

// The public pages are static (ISR, docs/decisions/0007): cacheable answers, one copy per
// language, and a publication shows at once although the "not public yet" answer was cached.

type Edition = { slug: string; status: string; isSample: boolean; isHistorical: boolean; title: string };

async function publishedSlug(): Promise<string> {
  const { editions } = (await (await fetch(url("/api/v1/editions"))).json()) as { editions: Edition[] };
  const published = editions.find((e) => e.status === "diumumkan" && e.isSample && !e.isHistorical);
  expect(published).toBeDefined();
  return published!.slug;
}

const mainOf = (html: string) => html.slice(html.indexOf("<main"), html.indexOf("</main>"));

describe("public pages are cacheable", () => {
  test("a public page answers with a shared-cache Cache-Control, not private/no-store", async () => {
    for (const pathname of ["/", `/festival/${await publishedSlug()}`, "/arsip", "/kim/kim-manteb-karangpandan", "/wilayah/33.13"]) {
      // Twice: the first request may be the one that renders the page into the cache.
      await fetch(url(pathname));
      const response = await fetch(url(pathname));
      expect(response.status, pathname).toBe(200);
      const cacheControl = response.headers.get("cache-control") ?? "";
      expect(cacheControl, pathname).toMatch(/s-maxage=\d+/);
      expect(cacheControl, pathname).toMatch(/stale-while-revalidate/);
      expect(cacheControl, pathname).not.toMatch(/private|no-store/);
    }
  });

  test("the English cookie gets the English page, a request without it the Indonesian one", async () => {
    const slug = await publishedSlug();
    for (const pathname of ["/arsip", `/festival/${slug}`]) {
      // Alternate, so each language's copy is asked for after the other one was cached.
      for (let round = 0; round < 2; round++) {
        const english = await (await fetch(url(pathname), { headers: { Cookie: "NEXT_LOCALE=en" } })).text();
        expect(english, pathname).toContain('<html lang="en"');
        const indonesian = await (await fetch(url(pathname))).text();
        expect(indonesian, pathname).toContain('<html lang="id"');
        if (pathname === "/arsip") {
          expect(mainOf(english)).toContain("Festival results archive");
          expect(mainOf(indonesian)).toContain("Arsip hasil festival");
        } else {
          expect(mainOf(english)).toContain("Winners");
          expect(mainOf(indonesian)).toContain("Pemenang");
        }
      }
    }
  });

  test("the filtered archive still filters (query string), and the internal path goes back to /arsip and locale-prefixed paths are not second URLs", async () => {
    const filtered = await (await fetch(url("/arsip?q=manteb"))).text();
    expect(filtered).toMatch(/data-testid="archive-count"[^>]*>3 hasil</);
    const plain = await (await fetch(url("/arsip"))).text();
    expect(plain).toMatch(/data-testid="archive-count"[^>]*>12 hasil</);
    const internal = await fetch(url("/arsip/saring?q=manteb"), { redirect: "manual" });
    expect(internal.status).toBe(308);
    expect(new URL(internal.headers.get("location")!, url("/")).pathname + new URL(internal.headers.get("location")!, url("/")).search).toBe("/arsip?q=manteb");
    for (const pathname of ["/id/arsip", "/en/arsip", "/id", "/en/festival/x"]) {
      expect((await fetch(url(pathname), { redirect: "manual" })).status, pathname).toBe(404);
    }
  });
});

// A second server of the same build, on its own database with a sealed festival, so that
// publishing it changes nothing the other test files read.
describe.skipIf(!browserAvailable)("a publication shows on the static pages at once", () => {
  const port = 3100 + Math.floor(Math.random() * 90);
  const base = `http://localhost:${port}`;
  // Unique per run: nothing cached by an earlier run can answer for it.
  const slug = `festival-uji-cache-${Date.now().toString(36)}`;
  const organiserEmail = "panitia.cache@layar.test";
  const password = "sandi-uji-cache-2030";
  let filmId = "";
  let dataDir = "";
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "layar-e2e-cache-"));
    const handle = openDatabase(undefined, dataDir);
    try {
      const db = handle.db;
      await runMigrations(handle);
      await createTestRegions(db);
      const kim = await createKim(db, { name: "KIM Uji Cache", districtCode: "33.13.08" });
      const organiser = await createUser(db, { email: organiserEmail, role: "organiser", regionCode: "33", password });
      const judge = await createUser(db, { email: "juri.cache@layar.test", role: "judge", regionCode: "33.72" });
      // One judge per film: the one submitted sheet is all the seal asks for.
      const edition = await createEdition(db, { slug, title: "Festival Uji Cache 2030", year: 2030, regionCode: "33", status: "penjurian", settings: { ...defaultSettings, judgesPerFilm: 1 } });
      await db.insert(editionJudges).values({ editionId: edition.id, userId: judge.id });
      const criteria = await createRubric(db, edition.id);
      const round = await ensureRound(db, edition.id, "penilaian");
      const film = await createFilm(db, { editionId: edition.id, kimId: kim.id, code: "C-1", title: "Rahasia Tersimpan", synopsis: "Sinopsis", status: "diunggah" });
      filmId = film.id;
      const [a] = await db.insert(judgeAssignments).values({ roundId: round.id, filmId: film.id, judgeId: judge.id }).returning();
      const [s] = await db.insert(scoreSheets).values({ assignmentId: a.id, status: "submitted", submittedAt: new Date() }).returning();
      await db.insert(scores).values(criteria.map((c) => ({ sheetId: s.id, criterionId: c.id, score: 80 })));
      expect(await sealResults(db, organiser, slug)).toEqual({ placed: 1 });
    } finally {
      await handle.close();
    }
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", LAYAR_DATA_DIR: dataDir, NEXTAUTH_URL: base, PORT: String(port), NEXT_TELEMETRY_DISABLED: "1" };
    delete env.DATABASE_URL;
    delete env.PUBLIC_URL;
    delete env.SMTP_URL;
    const root = process.cwd();
    server = spawn(process.execPath, serverArgs(root, port), { cwd: root, env, stdio: "ignore" });
    for (let i = 0; i < 120; i++) {
      if ((await fetch(`${base}/api/health`).catch(() => null))?.ok) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await stopServer(server);
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test("the film page is 404 before publication even once cached, and shows right after the organiser publishes", async () => {
    const film = `${base}/film/${filmId}`;
    const festival = `${base}/festival/${slug}`;
    const cachedAt = Date.now();
    for (let i = 0; i < 2; i++) {
      const answer = await fetch(film);
      expect(answer.status).toBe(404);
      // The second answer comes from the cache: the 404 itself is cached.
      if (i === 1) expect(answer.headers.get("x-nextjs-cache")).toBe("HIT");
      const page = await (await fetch(festival)).text();
      expect(mainOf(page)).toContain("Hasil belum diumumkan");
      expect(page).not.toContain("Rahasia Tersimpan");
    }

    const context = await newContext(browser!, { baseURL: base });
    try {
      const page = await context.newPage();
      await signIn(page, organiserEmail, password);
      await page.goto(`/admin/festival/${slug}/hasil`);
      await page.locator("#publish-confirm").check();
      const button = page.getByRole("button", { name: "Umumkan sekarang" });
      await expect.poll(() => button.isEnabled(), { timeout: 15_000 }).toBe(true);
      await button.click();
      await expect.poll(() => page.getByText("Hasil diumumkan.").count(), { timeout: 15_000 }).toBeGreaterThan(0);
      expectNoPageErrors(context);
    } finally {
      await context.close();
    }

    // The revalidation is applied as the action finishes; allow the server a moment, far below
    // the 60 s time-based revalidate, which is not what shows the results here.
    // Each answer's status and cache state are kept, so a failure says which step did not happen
    // (a 404 still a HIT: not revalidated; STALE: revalidated, not yet rendered again).
    const answers: string[] = [];
    const filmStatus = async () => {
      const answer = await fetch(film);
      answers.push(`${answer.status} ${answer.headers.get("x-nextjs-cache") ?? "-"} at ${((Date.now() - cachedAt) / 1000).toFixed(1)} s`);
      return answer.status;
    };
    await expect
      .poll(filmStatus, { timeout: 10_000, interval: 200 })
      .toBe(200)
      .catch((error: Error) => {
        throw new Error(`${error.message}\nthe film page after publishing, last answers: ${answers.slice(-5).join("; ")} (${answers.length} in all)`, { cause: error });
      });
    await expect.poll(async () => mainOf(await (await fetch(festival)).text()), { timeout: 10_000, interval: 200 }).toContain("Rahasia Tersimpan");
    expect(mainOf(await (await fetch(film)).text())).toContain("Rahasia Tersimpan");
    expect(Date.now() - cachedAt).toBeLessThan(55_000);
  });
});
