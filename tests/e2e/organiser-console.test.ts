import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { resolveBinaries } from "@/lib/video/binaries";
import { runTool } from "@/lib/video/run-tool";
import { freshInstall, type FreshInstall } from "./fresh-install";
import { browserAvailable, expectNoPageErrors, launchBrowser } from "./helpers";

// Issue 11 as a Diskominfo office meets it: an empty database, the README's production commands,
// and then only the interface, on a 360 px phone. An organiser is made on the command line, sets
// a password through the printed link, creates next year's edition from nothing and opens it; two
// KIMs register, are approved, enter and upload; two invited judges score both films the same; the
// tie at the top is resolved by a recorded jury decision; the results are sealed, published and
// minuted. No demo seed and no factory: the database starts as `npm run db:migrate` leaves it.

const phone = { width: 360, height: 740 };
const password = "sandi-panitia-2027";
const organiser = { email: "kasi.ikp@karanganyarkab.test", name: "Sri Handayani" };
const kims = [
  { kimName: "KIM Uji Sekar Arum", email: "ketua.sekararum@kim.test", name: "Wahyu Nugroho", film: "Air untuk Sawah Kami" },
  { kimName: "KIM Uji Lawu Lestari", email: "ketua.lawulestari@kim.test", name: "Dewi Anggraini", film: "Pasar Pagi Jaten" },
];
const judges = [
  { name: "Rina Wulandari", email: "rina.juri@layar.test", province: "Jawa Tengah", regency: "Kota Surakarta" },
  { name: "Bagus Prasetyo", email: "bagus.juri@layar.test", province: "Jawa Tengah", regency: "Kabupaten Wonogiri" },
];
const edition = { title: "Festival Film Pendek KIM Kabupaten Karanganyar 2027", slug: "festival-film-kim-karanganyar-2027" };
const shots = path.resolve("test-results/e2e/konsol");

/** datetime-local text for a moment, in WIB. */
const wib = (date: Date) => new Date(date.getTime() + 7 * 3_600_000).toISOString().slice(0, 16);

async function makeClip(dir: string, name: string, size: string): Promise<string> {
  const { ffmpeg } = await resolveBinaries();
  const file = path.join(dir, name);
  await runTool(
    ffmpeg,
    ["-v", "error", "-y", "-f", "lavfi", "-i", `testsrc2=size=${size}:rate=25:duration=2`, "-f", "lavfi", "-i", "sine=frequency=440:duration=2", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", file],
    { timeoutMs: 60_000 },
  );
  return file;
}

/** Clicks a form's submit button once the form has hydrated (it is disabled until then). */
async function submit(form: Locator, name: string | RegExp): Promise<void> {
  const button = form.getByRole("button", { name });
  await expect.poll(() => button.isEnabled(), { timeout: 20_000 }).toBe(true);
  await button.click();
}

/** A form's status line, once the server has answered. */
async function answer(form: Locator): Promise<string> {
  const status = form.locator("[role=status]").last();
  await expect.poll(async () => ((await status.textContent()) ?? "").trim().length, { timeout: 30_000 }).toBeGreaterThan(0);
  return ((await status.textContent()) ?? "").trim();
}

async function signIn(page: Page, email: string, secret: string): Promise<void> {
  await page.goto("/masuk");
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(secret);
  await submit(page.locator("#konten form"), "Masuk");
  await page.waitForURL((u) => u.pathname !== "/masuk", { timeout: 60_000 });
}

/** Picks an option of a cascading region select by its label, once the level above has loaded it. */
async function pick(page: Page, select: string, label: string): Promise<void> {
  await page.locator(`${select} option`, { hasText: label }).first().waitFor({ state: "attached", timeout: 20_000 });
  await page.selectOption(select, { label });
}

async function pdfText(bytes: Buffer): Promise<string> {
  const file = path.join(os.tmpdir(), `layar-konsol-${Date.now()}.pdf`);
  fs.writeFileSync(file, bytes);
  try {
    return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  } finally {
    fs.rmSync(file, { force: true });
  }
}

describe.skipIf(!browserAvailable)("a Diskominfo office runs next year's festival from a fresh install", () => {
  let install: FreshInstall;
  let browser: Browser;
  let work: string;
  let goodClip = "";
  let smallClip = "";
  const contexts: BrowserContext[] = [];

  const open = async (): Promise<Page> => {
    const context = await browser.newContext({ baseURL: install.base, viewport: phone, locale: "id-ID" });
    const errors: string[] = [];
    context.on("page", (p) => {
      p.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
      p.on("console", (m) => {
        if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) errors.push(`console.error: ${m.text()}`);
      });
    });
    (context as BrowserContext & { pageErrors?: string[] }).pageErrors = errors;
    contexts.push(context);
    return context.newPage();
  };

  beforeAll(async () => {
    fs.mkdirSync(shots, { recursive: true });
    work = fs.mkdtempSync(path.join(os.tmpdir(), "layar-konsol-"));
    [install, browser, goodClip, smallClip] = await Promise.all([freshInstall(), launchBrowser(), makeClip(work, "film.mp4", "1280x720"), makeClip(work, "kecil.mp4", "640x360")]);
  }, 300_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await install?.stop();
    install?.remove();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  test("from npm run db:migrate to published results, documents and the public page", { timeout: 1_500_000 }, async () => {
    // ---- 1. The first organiser, on the command line (the README's Production section) ----
    expect(install.admin(["help"]).stdout).toContain("create-organiser --email E --name N --region CODE");
    const refused = install.admin(["create-organiser", "--email", organiser.email, "--name", organiser.name, "--region", "33.13.11.2004"]);
    expect(refused.status).toBe(2);
    expect(refused.stderr.trim().split("\n")).toHaveLength(1);
    expect(refused.stderr).toContain("desa/kelurahan");
    const created = install.admin(["create-organiser", "--email", organiser.email, "--name", organiser.name, "--region", "33.13"]);
    expect(created.status, created.stderr).toBe(0);
    const link = created.stdout.trim();
    expect(link).toMatch(new RegExp(`^${install.base}/atur-ulang-sandi/[A-Za-z0-9_-]+$`));
    await install.start();

    // ---- 2. The organiser sets a password through the link and signs in ----
    const admin = await open();
    await admin.goto(link.replace(install.base, ""));
    await expect.poll(() => admin.getByRole("heading", { level: 1 }).textContent()).toMatch(/Buat kata sandi/);
    await admin.locator("#password").fill(password);
    await admin.locator("#confirm").fill(password);
    await submit(admin.locator("#konten form"), "Simpan kata sandi");
    await admin.waitForURL((u) => u.pathname === "/masuk", { timeout: 30_000 });
    await signIn(admin, organiser.email, password);
    expect(new URL(admin.url()).pathname).toBe("/admin");
    await expect.poll(() => admin.locator("#konten").textContent()).toContain("Belum ada festival");

    // ---- 3. A new edition from nothing ----
    await admin.getByRole("link", { name: "Buat festival baru" }).click();
    await admin.waitForURL((u) => u.pathname === "/admin/festival/baru");
    const createForm = admin.locator("form", { has: admin.locator("#create-title") });
    await admin.locator("#create-title").fill(edition.title);
    await admin.locator("#create-slug").fill(edition.slug);
    await admin.locator("#create-year").fill("2027");
    await admin.locator("#create-theme").fill("Desa Digital, Warga Cerdas");
    await admin.screenshot({ path: path.join(shots, "1-edisi-baru.png"), fullPage: true });
    await submit(createForm, "Buat draf edisi");
    await admin.waitForURL((u) => u.pathname === `/admin/festival/${edition.slug}/pengaturan`, { timeout: 30_000 });
    const settings = `/admin/festival/${edition.slug}/pengaturan`;

    // The status section lists what is missing before entries can open.
    const status = admin.locator("#status");
    await expect.poll(() => status.textContent()).toContain("Lengkapi dulu sebelum pendaftaran dibuka");

    // Dates: entries open now and close in a few minutes (the KIMs are quick here), judging in two days.
    // Three to four minutes for two KIMs to register, be approved and upload (about one minute in CI);
    // the console takes dates to the minute and never moves an open deadline earlier, so the test waits it out.
    const closeAt = new Date(Math.ceil((Date.now() + 3 * 60_000) / 60_000) * 60_000);
    const datesForm = admin.locator("section#tanggal form");
    await admin.locator("#dates-submissionOpensAt").fill(wib(new Date(Date.now() - 60 * 60_000)));
    await admin.locator("#dates-submissionClosesAt").fill(wib(closeAt));
    await admin.locator("#dates-judgingClosesAt").fill(wib(new Date(Date.now() + 2 * 86_400_000)));
    await admin.locator("#dates-announceAt").fill(wib(new Date(Date.now() + 3 * 86_400_000)));
    await admin.locator("#dates-grace").fill("0");
    await submit(datesForm, "Simpan tanggal");
    expect(await answer(datesForm)).toBe("Tanggal disimpan.");

    // A category and a two-criterion rubric, as rows.
    const categoriesForm = admin.locator("section#kategori form");
    await admin.locator("#cat-0-name").fill("Fiksi");
    await submit(categoriesForm, /Simpan kategori/);
    expect(await answer(categoriesForm)).toBe("Kategori disimpan.");
    const rubricForm = admin.locator("section#rubrik form");
    await admin.locator("#crit-0-name").fill("Kesesuaian tema");
    await admin.locator("#crit-0-weight").fill("60");
    await admin.locator("#crit-1-name").fill("Teknik produksi");
    await admin.locator("#crit-1-weight").fill("40");
    await submit(rubricForm, /Simpan rubrik/);
    expect(await answer(rubricForm)).toBe("Rubrik disimpan.");

    // Judging: two judges per film (the default), three Juara and no Harapan.
    const judgingForm = admin.locator("section#penjurian form");
    await admin.locator("#judging-juara").fill("3");
    await admin.locator("#judging-harapan").fill("0");
    await submit(judgingForm, "Simpan pengaturan penjurian");
    expect(await answer(judgingForm)).toBe("Pengaturan penjurian disimpan.");

    // Nothing is missing any more; entries open after a confirmation.
    await admin.goto(settings);
    await expect.poll(() => admin.locator("#status").textContent()).toContain("Semua yang diperlukan sudah lengkap");
    await admin.screenshot({ path: path.join(shots, "2-pengaturan.png"), fullPage: true });
    const openForm = admin.locator("#status form", { has: admin.locator("#confirm-pendaftaran") });
    await admin.locator("#confirm-pendaftaran").check();
    await submit(openForm, "Buka pendaftaran");
    await expect.poll(() => admin.locator("#status").textContent(), { timeout: 30_000 }).toContain("Pendaftaran film dibuka sampai");

    // ---- 4. The public edition page shows the rules before anyone uploads ----
    const visitor = await open();
    await visitor.goto(`/festival/${edition.slug}`);
    const rules = (await visitor.locator("#konten").textContent()) ?? "";
    for (const fact of ["5 menit", "720p", "MP4", "Fiksi", "Kesesuaian tema", "60%", "Teknik produksi", "40%"]) expect(rules, fact).toContain(fact);
    expect(await visitor.getByRole("link", { name: "Kirim film" }).count()).toBeGreaterThan(0);

    // ---- 5. Two KIMs register; the organiser approves them ----
    for (const kim of kims) {
      const page = await open();
      await page.goto("/daftar");
      await page.locator("#kimName").fill(kim.kimName);
      await pick(page, "#villageCode-province", "Jawa Tengah");
      await pick(page, "#villageCode-regency", "Kabupaten Karanganyar");
      await pick(page, "#villageCode-district", "Jaten");
      await pick(page, "#villageCode-village", kim === kims[0] ? "Dagen" : "Jaten");
      await page.locator("#name").fill(kim.name);
      await page.locator("#position").fill("Ketua");
      await page.locator("#email").fill(kim.email);
      await page.locator("#password").fill(password);
      await page.locator("#confirm").fill(password);
      await submit(page.locator("#konten form"), "Kirim pendaftaran");
      await page.waitForURL((u) => u.pathname === "/masuk", { timeout: 30_000 });
      await page.context().close();
    }
    await admin.goto("/admin/pendaftaran");
    for (const kim of kims) {
      const item = admin.locator("#konten li", { hasText: kim.email });
      await expect.poll(() => item.count(), { timeout: 20_000 }).toBe(1);
      await submit(item, "Setujui");
      await expect.poll(() => item.count(), { timeout: 30_000 }).toBe(0);
    }

    // ---- 6. Each KIM sends a film: rules, the slot confirmation, details, the upload ----
    for (const kim of kims) {
      const page = await open();
      const uploads: string[] = [];
      page.on("request", (r) => {
        if (new URL(r.url()).pathname.startsWith("/api/upload")) uploads.push(r.method());
      });
      await signIn(page, kim.email, password);
      expect(new URL(page.url()).pathname).toBe("/kim");
      await page.getByTestId("send-film").click();
      await page.waitForURL((u) => u.pathname === `/kim/kirim/${edition.slug}`);
      await expect.poll(() => page.getByTestId("slots-used").textContent()).toMatch(/0 dari 2/);
      await page.locator("input[name=confirmSlot]").check();
      await submit(page.locator("#konten form", { has: page.locator("input[name=confirmSlot]") }), "Buat draf film");
      await page.waitForURL((u) => /^\/kim\/film\/[0-9a-f-]{36}$/.test(u.pathname), { timeout: 30_000 });

      const details = page.locator("form", { has: page.locator("#synopsis") });
      await page.locator("#title").fill(kim.film);
      await page.locator("#synopsis").fill("Film contoh uji konsol panitia tentang gotong royong warga desa menjaga air.");
      await page.selectOption("#categoryId", { label: "Fiksi" });
      await page.locator("#language").fill("Bahasa Indonesia");
      await page.locator("#declaredDurationSeconds").fill("2");
      await page.locator("input[name=crewName]").first().fill("Sutradara Uji");
      await page.locator("input[name=crewRole]").first().fill("Sutradara");
      await page.locator("input[name=originalityDeclared]").check();
      await page.locator("input[name=publicationConsent]").check();
      await submit(details, "Simpan data film");
      expect(await answer(details)).toBe("Data film tersimpan.");
      // The saved category stays selected after the save (it used to jump back).
      expect(await page.locator("#categoryId option:checked").textContent()).toBe("Fiksi");

      // A 640×360 file is refused in the browser, before a byte is sent, in the server's words.
      const input = page.locator("#video-file");
      await expect.poll(() => input.isEnabled(), { timeout: 20_000 }).toBe(true);
      await input.setInputFiles(smallClip);
      await expect.poll(() => page.getByTestId("upload-refused").textContent(), { timeout: 20_000 }).toContain("kurang dari minimal 720p");
      expect(uploads).toEqual([]);

      // The real film uploads (tus) and passes the server's check.
      await input.setInputFiles(goodClip);
      await expect.poll(() => page.locator("[data-testid=film-status]").textContent(), { timeout: 180_000, interval: 1_000 }).toBe("Diunggah");
      expect(uploads).toContain("POST");
      if (kim === kims[0]) await page.screenshot({ path: path.join(shots, "3-film-kim.png"), fullPage: true });
    }

    // ---- 7. Two judges are invited from the roster and accept ----
    await admin.goto(`/admin/festival/${edition.slug}/juri`);
    const judgeLinks: string[] = [];
    for (const judge of judges) {
      const form = admin.locator("form", { has: admin.locator("#regencyCode-province") });
      await form.locator("#name").fill(judge.name);
      await form.locator("#email").fill(judge.email);
      await pick(admin, "#regencyCode-province", judge.province);
      await pick(admin, "#regencyCode-regency", judge.regency);
      await submit(form, "Buat undangan");
      await expect.poll(() => form.locator("#invite-link").count(), { timeout: 30_000 }).toBe(1);
      judgeLinks.push(await form.locator("#invite-link").inputValue());
      await admin.goto(`/admin/festival/${edition.slug}/juri`);
    }
    await expect.poll(() => admin.locator("#konten").textContent()).toContain("Terkirim");
    for (const judgeLink of judgeLinks) {
      const page = await open();
      await page.goto(new URL(judgeLink).pathname);
      await page.locator("#password").fill(password);
      await page.locator("#confirm").fill(password);
      await submit(page.locator("[data-testid=accept-invitation]"), "Buat akun juri");
      await page.waitForURL((u) => u.pathname === "/masuk", { timeout: 30_000 });
      await page.context().close();
    }
    await admin.goto(`/admin/festival/${edition.slug}/juri`);
    await expect.poll(() => admin.locator("#konten").textContent()).toContain("Diterima");
    await admin.screenshot({ path: path.join(shots, "4-juri.png"), fullPage: true });

    // ---- 8. Entries close; judging starts; the assignment is saved ----
    const wait = closeAt.getTime() + 2_000 - Date.now();
    expect(wait, "the KIMs took longer than the entry window allowed").toBeGreaterThan(-60_000);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    await admin.goto(settings);
    const judgingStep = admin.locator("#status form", { has: admin.locator("#confirm-penjurian") });
    await admin.locator("#confirm-penjurian").check();
    await submit(judgingStep, "Mulai penjurian");
    await expect.poll(() => admin.locator("#status").textContent(), { timeout: 30_000 }).toContain("Juri sedang menilai");
    await admin.goto(`/admin/festival/${edition.slug}/penjurian`);
    const assign = admin.locator("form", { has: admin.getByRole("button", { name: "Simpan penugasan" }) });
    await submit(assign, "Simpan penugasan");
    expect(await answer(assign)).toMatch(/Penugasan disimpan: 4 ditambah/);

    // ---- 9. Each judge scores both films the same, and sends the sheets ----
    for (const judge of judges) {
      const page = await open();
      await signIn(page, judge.email, password);
      await page.goto(`/juri/${edition.slug}`);
      const films = page.locator("[data-code] a[href^='/juri/nilai/']");
      await expect.poll(() => films.count(), { timeout: 20_000 }).toBe(2);
      const hrefs = await films.evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
      for (const href of hrefs) {
        await page.goto(href);
        const scores = page.locator("input[name^=nilai-]");
        await expect.poll(() => scores.count()).toBe(2);
        for (let i = 0; i < 2; i++) {
          await scores.nth(i).fill(i === 0 ? "85" : "80");
          await page.locator("textarea[name^=komentar-]").nth(i).fill("Pesan jelas dan gambar rapi.");
        }
        await page.getByRole("button", { name: "Kirim nilai" }).click();
        await page.getByTestId("sheet-confirm").getByRole("button", { name: "Kirim", exact: true }).click();
        await expect.poll(() => page.getByTestId("sheet-locked").textContent(), { timeout: 30_000 }).toMatch(/terkunci/);
      }
    }

    // ---- 10. The tie at the top, by code and title; the jury's decision; seal; publish ----
    await admin.goto(`/admin/festival/${edition.slug}/hasil`);
    const page = (await admin.locator("#konten").textContent()) ?? "";
    for (const kim of kims) expect(page).toContain(kim.film);
    expect(page).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/);
    expect(await admin.getByTestId("seal-checklist").textContent()).toMatch(/seri/i);
    await admin.screenshot({ path: path.join(shots, "5-seri.png"), fullPage: true });
    await admin.locator("summary", { hasText: "Catat keputusan" }).first().click();
    const decision = admin.locator("form", { has: admin.locator("textarea[name=reason]") }).first();
    const places = decision.locator("select[name^=position_]");
    await expect.poll(() => places.count()).toBe(2);
    // The second KIM's film first, the first KIM's second.
    for (let i = 0; i < 2; i++) {
      const label = (await decision.locator(`label[for="${await places.nth(i).getAttribute("id")}"]`).textContent()) ?? "";
      await places.nth(i).selectOption({ index: label.includes(kims[1].film) ? 1 : 2 });
    }
    await decision.locator("textarea[name=reason]").fill("Pesan film Pasar Pagi Jaten lebih kuat menurut musyawarah dewan juri.");
    await decision.locator("input[name=decidedBy]").fill(`Dewan juri: ${judges.map((j) => j.name).join(", ")}`);
    await submit(decision, /Simpan keputusan/);
    await expect.poll(() => admin.getByTestId("jury-decisions").textContent(), { timeout: 30_000 }).toContain("Pasar Pagi Jaten");
    await admin.goto(`/admin/festival/${edition.slug}/hasil`);
    await expect.poll(() => admin.getByTestId("seal-checklist").textContent()).toContain("Segel");
    const seal = admin.locator("form", { has: admin.locator("#seal-confirm") });
    await admin.locator("#seal-confirm").check();
    await submit(seal, /Segel/);
    await expect.poll(() => admin.getByTestId("results-state").textContent(), { timeout: 30_000 }).toMatch(/disegel/i);
    await admin.goto(`/admin/festival/${edition.slug}/hasil`);
    const publish = admin.locator("form", { has: admin.locator("#publish-confirm") });
    await admin.locator("#publish-confirm").check();
    await submit(publish, "Umumkan sekarang");
    await expect.poll(() => admin.getByTestId("results-state").textContent(), { timeout: 30_000 }).toMatch(/diumumkan/i);
    await admin.screenshot({ path: path.join(shots, "6-diumumkan.png"), fullPage: true });

    // ---- 11. Documents: the Berita Acara minutes the decision; the winner's piagam is valid ----
    const ba = await admin.request.get(`/api/festival/${edition.slug}/dokumen/berita-acara.pdf`);
    expect(ba.status()).toBe(200);
    const minutes = await pdfText(Buffer.from(await ba.body()));
    // The reason wraps inside its table cell, so its lines follow one another with other columns between.
    expect(minutes).toMatch(/Pesan film Pasar Pagi Jaten[\s\S]*lebih kuat menurut[\s\S]*musyawarah dewan juri\./);
    expect(minutes).toMatch(/Juara I\s+\S+\s+Pasar Pagi Jaten/);
    expect(minutes).toMatch(/Juara II\s+\S+\s+Air untuk Sawah Kami/);
    const piagam = await admin.request.get(`/api/festival/${edition.slug}/dokumen/piagam.pdf`);
    expect(piagam.status()).toBe(200);
    expect(await pdfText(Buffer.from(await piagam.body()))).not.toContain("DRAF");

    // ---- 12. The public page shows the winners in the decided order ----
    await visitor.goto(`/festival/${edition.slug}`);
    await expect.poll(async () => (await visitor.locator("#konten").textContent()) ?? "", { timeout: 30_000 }).toContain(kims[1].film);
    const published = (await visitor.locator("#konten").textContent()) ?? "";
    expect(published.indexOf(kims[1].film)).toBeLessThan(published.indexOf(kims[0].film));
    await visitor.screenshot({ path: path.join(shots, "7-publik.png"), fullPage: true });

    for (const context of contexts) expectNoPageErrors(context);
  });
});
