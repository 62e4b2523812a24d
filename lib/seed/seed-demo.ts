import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { asc, count, eq, inArray } from "drizzle-orm";
import type { Db, Tx } from "@/lib/db/client";
import {
  editionJudges,
  editions,
  filmMedia,
  judgeAssignments,
  judgingRounds,
  kimBoardMembers,
  kimRegistrations,
  placements,
  regions,
  scoreSheets,
  scores,
  users,
} from "@/lib/db/schema";
import { issueCertificates } from "@/lib/documents/issue-certificates";
import { newFilmCode } from "@/lib/films/film-code";
import type { StorageDriver } from "@/lib/storage";
import { stripIdentifyingMetadata } from "@/lib/video/strip-metadata";
import { rankPlacement } from "./demo-placements";
import { defaultRules, defaultSettings } from "@/lib/editions/defaults";
import { createCategory, createEdition, createFilm, createKim, createRubric, createUser } from "./factories";
import { seedMonevDemo } from "./seed-monev-demo";
import { seedNominationDemo } from "./seed-nomination-demo";
import facts from "./karanganyar-facts.json";
import { seedFavoritDemo } from "./seed-favorit-demo";

export const demoPassword = "layar-demo-2026";

export const demoAccounts = [
  { email: "admin.karanganyar@layar.test", role: "organiser", note: "Diskominfo Kabupaten Karanganyar (33.13)" },
  { email: "admin.jateng@layar.test", role: "organiser", note: "Diskominfo Provinsi Jawa Tengah (33)" },
  { email: "juri.surakarta@layar.test", role: "judge", note: "juri, asal Kota Surakarta" },
  { email: "juri.wonogiri@layar.test", role: "judge", note: "juri, asal Kabupaten Wonogiri" },
  { email: "juri.karanganyar@layar.test", role: "judge", note: "juri, asal Kabupaten Karanganyar" },
  { email: "kim@layar.test", role: "kim", note: "anggota KIM contoh di Karanganyar" },
  { email: "kim.wonogiri@layar.test", role: "kim", note: "anggota KIM contoh di Wonogiri" },
  { email: "pendaftar@layar.test", role: "kim", note: "pendaftaran KIM yang menunggu persetujuan" },
] as const;

const SAMPLE = "(contoh)";
const INACTIVE_REASON = "Regenerasi kepengurusan berkurang (alasan yang disebut sumber untuk 9 KIM tidak aktif)";

type SeedOptions = { now?: Date; storage: StorageDriver; demoMediaDir: string };

/** 23.59 WIB on the day of `date` in Jakarta: deadlines read as a whole day, as organisers set them. */
export function endOfDayWib(date: Date): Date {
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Jakarta" }).format(date); // YYYY-MM-DD
  return new Date(`${day}T23:59:00+07:00`);
}

/** True when the database has no accounts yet: the demo seed runs only then. */
export async function databaseIsEmpty(db: Db): Promise<boolean> {
  const [{ n }] = await db.select({ n: count() }).from(users);
  return n === 0;
}

/**
 * Demo data from shared/seeds/karanganyar-facts.json. Facts from the article are
 * stored as stated (no invented years); everything invented is marked "contoh".
 * Expects the regions to be imported already.
 */
export async function seedDemo(db: Db, options: SeedOptions): Promise<void> {
  const now = options.now ?? new Date();
  const day = 86_400_000;
  const year = Number(new Intl.DateTimeFormat("en", { timeZone: "Asia/Jakarta", year: "numeric" }).format(now));

  await db.transaction(async (tx) => {
    const kims = await seedKarangAnyarRegistry(tx);
    const wonogiri = await seedWonogiri(tx);

    // ----- accounts -----
    const pw = { password: demoPassword };
    const adminKra = await createUser(tx, { ...pw, email: demoAccounts[0].email, name: "Admin Diskominfo Karanganyar (contoh)", role: "organiser", regionCode: "33.13" });
    const adminJateng = await createUser(tx, { ...pw, email: demoAccounts[1].email, name: "Admin Diskominfo Jawa Tengah (contoh)", role: "organiser", regionCode: "33" });
    const judgeSolo = await createUser(tx, { ...pw, email: demoAccounts[2].email, name: "Rina Wulandari (juri contoh)", role: "judge", regionCode: "33.72" });
    const judgeWng = await createUser(tx, { ...pw, email: demoAccounts[3].email, name: "Bagus Prasetyo (juri contoh)", role: "judge", regionCode: "33.12" });
    const judgeKra = await createUser(tx, { ...pw, email: demoAccounts[4].email, name: "Sri Lestari (juri contoh)", role: "judge", regionCode: "33.13" });
    const kimMember = await createUser(tx, { ...pw, email: demoAccounts[5].email, name: "Dwi Haryanto (contoh)", role: "kim", regionCode: "33.13", kimId: kims.samples[0].id });
    await createUser(tx, { ...pw, email: demoAccounts[6].email, name: "Yuli Astuti (contoh)", role: "kim", regionCode: "33.12", kimId: wonogiri[0].id });
    const pending = await createUser(tx, { ...pw, email: demoAccounts[7].email, name: "Agus Santoso (contoh)", role: "kim", status: "pending", regionCode: "33.13" });
    const [pendingVillage] = await tx.select().from(regions).where(eq(regions.parentCode, "33.13.15")).orderBy(asc(regions.code)).limit(1);
    await tx.insert(kimRegistrations).values({ userId: pending.id, kimName: `KIM ${pendingVillage.name} Baru ${SAMPLE}`, villageCode: pendingVillage.code, regencyCode: "33.13", position: "Ketua" });
    await tx.insert(kimBoardMembers).values([
      { kimId: kims.samples[0].id, name: kimMember.name, position: "Ketua" },
      { kimId: kims.samples[0].id, name: "Wahyu Nugroho (contoh)", position: "Sekretaris" },
    ]);

    await seedArchive(tx, kims.named);
    await seedMonevDemo(tx, { kims: [...kims.named.values(), ...kims.samples], demoKimId: kims.samples[0].id, named: kims.named, organiserId: adminKra.id, memberId: kimMember.id });

    // ----- published sample edition (Karanganyar, last year) -----
    const published = await createEdition(tx, {
      title: `Festival Film Pendek KIM Kabupaten Karanganyar ${year - 1} ${SAMPLE}`,
      year: year - 1,
      regionCode: "33.13",
      theme: "Bersama Cegah Stunting",
      description: "Edisi contoh yang sudah diumumkan, untuk memperlihatkan hasil dan arsip.",
      status: "diumumkan",
      isSample: true,
      submissionOpensAt: new Date(now.getTime() - 400 * day),
      submissionClosesAt: new Date(now.getTime() - 340 * day),
      judgingClosesAt: new Date(now.getTime() - 320 * day),
      announceAt: new Date(now.getTime() - 310 * day),
      publishedAt: new Date(now.getTime() - 310 * day),
      sealedAt: new Date(now.getTime() - 312 * day),
      sealedBy: adminKra.id,
      createdBy: adminKra.id,
    });
    const publishedFilms = await seedJudgedEdition(tx, {
      editionId: published.id,
      codePrefix: `KRA${String(year - 1).slice(2)}`,
      kims: kims.samples.slice(0, 6),
      judges: [judgeSolo.id, judgeWng.id],
      submittedAll: true,
      closedAt: new Date(now.getTime() - 320 * day),
      createdBy: adminKra.id,
      options,
    });
    const ranked = rankPlacement(publishedFilms);
    await tx.insert(placements).values(
      ranked.map((r) => ({ editionId: published.id, filmId: r.filmId, kimId: r.kimId, placement: r.placement, rank: r.rank, score: r.score, certificateCode: randomBytes(6).toString("hex").toUpperCase() })),
    );
    // As a seal would: a participation piagam per judged film and one per judge.
    await issueCertificates(tx, published.id);

    // ----- sample edition in judging (Jawa Tengah, this year) -----
    const judging = await createEdition(tx, {
      title: `Lomba Film Pendek KIM Jawa Tengah ${year} ${SAMPLE}`,
      year,
      regionCode: "33",
      theme: "Waspada Judi Online",
      description: "Edisi contoh yang sedang dinilai: juri dari luar kabupaten asal film.",
      status: "penjurian",
      isSample: true,
      submissionOpensAt: new Date(now.getTime() - 60 * day),
      submissionClosesAt: new Date(now.getTime() - 20 * day),
      judgingClosesAt: endOfDayWib(new Date(now.getTime() + 20 * day)),
      announceAt: new Date(now.getTime() + 30 * day),
      createdBy: adminJateng.id,
    });
    await seedJudgedEdition(tx, {
      editionId: judging.id,
      codePrefix: `JTG${String(year).slice(2)}`,
      kims: [...kims.samples.slice(6, 9), ...wonogiri.slice(0, 3)],
      judges: [judgeSolo.id, judgeWng.id, judgeKra.id],
      submittedAll: false,
      createdBy: adminJateng.id,
      options,
    });
    await seedNominationDemo(tx, { target: judging, source: published, organiserId: adminJateng.id, judges: [judgeSolo.id, judgeWng.id, judgeKra.id] });

    // ----- sample edition open for submissions (Karanganyar, this year) -----
    const open = await createEdition(tx, {
      title: `Festival Film Pendek KIM Kabupaten Karanganyar ${year} ${SAMPLE}`,
      year,
      regionCode: "33.13",
      theme: "Desa Digital, Warga Cerdas",
      description: "Edisi contoh yang sedang membuka pendaftaran film.",
      status: "pendaftaran",
      isSample: true,
      rules: { ...defaultRules, text: "Film orisinal, belum pernah dipublikasikan, tanpa unsur SARA dan pornografi. Bahasa daerah wajib bersubtitle Bahasa Indonesia. Keputusan juri bersifat mutlak." },
      submissionOpensAt: new Date(now.getTime() - 10 * day),
      submissionClosesAt: endOfDayWib(new Date(now.getTime() + 45 * day)),
      judgingClosesAt: new Date(now.getTime() + 75 * day),
      announceAt: new Date(now.getTime() + 90 * day),
      createdBy: adminKra.id,
    });
    await createRubric(tx, open.id);
    const fiksi = await createCategory(tx, open.id, "Fiksi", 0);
    await createCategory(tx, open.id, "Dokumenter", 1);
    await createFilm(tx, {
      editionId: open.id,
      kimId: kims.samples[0].id,
      categoryId: fiksi.id,
      code: newFilmCode(`KRA${String(year).slice(2)}`),
      title: `Sinyal di Lereng Lawu ${SAMPLE}`,
      synopsis: "Draf contoh: warga desa belajar memilah kabar bohong di grup WhatsApp.",
      language: "Bahasa Jawa",
      isSample: true,
      createdBy: kimMember.id,
    });
    await tx.insert(editionJudges).values([
      { editionId: published.id, userId: judgeSolo.id },
      { editionId: published.id, userId: judgeWng.id },
      { editionId: judging.id, userId: judgeSolo.id },
      { editionId: judging.id, userId: judgeWng.id },
      { editionId: judging.id, userId: judgeKra.id },
    ]);
    await seedFavoritDemo(tx, { editionId: judging.id, organiserId: adminJateng.id, now });
  });
}

/** Karanganyar's 33 KIMs: the four the article names at their codes, 29 samples, 24 active and 9 inactive. */
async function seedKarangAnyarRegistry(tx: Tx) {
  const districts = await tx.select().from(regions).where(eq(regions.parentCode, "33.13")).orderBy(asc(regions.code));
  const named = new Map<string, Awaited<ReturnType<typeof createKim>>>();
  const namedKims = [
    { name: "KIM Manteb", districtCode: "33.13.08", villageCode: null },
    { name: "KIM Saraswati", districtCode: "33.13.10", villageCode: null },
    { name: "KIM Bima", districtCode: "33.13.09", villageCode: "33.13.09.1009" },
    { name: "KIM Tunas Harapan", districtCode: "33.13.11", villageCode: "33.13.11.2004" },
  ];
  const districtName = new Map(districts.map((d) => [d.code, d.name]));
  for (const k of namedKims) {
    // The article does not say which KIMs are inactive; the named ones placed at
    // provincial level in 2021-2024 and are listed as active.
    named.set(k.name, await createKim(tx, { ...k, slug: slugifyKim(k.name, districtName.get(k.districtCode)!) }));
  }
  const total = facts.kimStats.total;
  const inactiveTarget = facts.kimStats.inactive;
  const samples: Awaited<ReturnType<typeof createKim>>[] = [];
  const perDistrict = new Map<string, number>(namedKims.map((k) => [k.districtCode, 1]));
  // About two per kecamatan: fill every kecamatan to two, in code order, until 33.
  outer: for (const round of [1, 2]) {
    for (const d of districts) {
      if (named.size + samples.length >= total) break outer;
      if ((perDistrict.get(d.code) ?? 0) >= round) continue;
      const villages = await tx.select().from(regions).where(eq(regions.parentCode, d.code)).orderBy(asc(regions.code));
      const village = villages[(round * 3) % villages.length];
      const inactive = samples.length % 3 === 2 && samples.filter((s) => s.status === "tidak_aktif").length < inactiveTarget;
      samples.push(
        await createKim(tx, {
          name: `KIM ${village.name} ${SAMPLE}`,
          slug: slugifyKim(`KIM ${village.name}`, d.name),
          districtCode: d.code,
          villageCode: village.code,
          status: inactive ? "tidak_aktif" : "aktif",
          inactiveReason: inactive ? INACTIVE_REASON : null,
          isSample: true,
        }),
      );
      perDistrict.set(d.code, (perDistrict.get(d.code) ?? 0) + 1);
    }
  }
  // Active samples first, so demo accounts and sample films belong to active KIMs.
  samples.sort((a, b) => (a.status === b.status ? 0 : a.status === "aktif" ? -1 : 1));
  return { named, samples };
}

function slugifyKim(name: string, place: string): string {
  return `${name} ${place}`
    .toLowerCase()
    .replace(/\(contoh\)/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

async function seedWonogiri(tx: Tx) {
  const districts = await tx.select().from(regions).where(eq(regions.parentCode, "33.12")).orderBy(asc(regions.code)).limit(4);
  const out = [];
  for (const d of districts) {
    const [village] = await tx.select().from(regions).where(eq(regions.parentCode, d.code)).orderBy(asc(regions.code)).limit(1);
    out.push(await createKim(tx, { name: `KIM ${village.name} ${SAMPLE}`, slug: slugifyKim(`KIM ${village.name}`, d.name), districtCode: d.code, villageCode: village.code, isSample: true }));
  }
  return out;
}

/** The article's Jawa Tengah awards, stored without inventing a year per film. */
async function seedArchive(tx: Tx, named: Map<string, { id: string }>) {
  const awards = facts.provincialAwards;
  const archive = await createEdition(tx, {
    slug: "lomba-film-pendek-kim-jawa-tengah-2021-2024",
    title: "Lomba Film Pendek KIM Tingkat Jawa Tengah 2021–2024",
    year: null,
    periodNote: "2021–2024; sumber tidak menyebut tahun untuk tiap film",
    level: "provinsi",
    regionCode: "33",
    status: "diumumkan",
    isHistorical: true,
    sourceNote: "Berita Diskominfo Kabupaten Karanganyar (kunjungan studi tiru Diskominfo Wonogiri).",
    settings: defaultSettings,
  });
  const rated = awards.films.filter((f) => f.film !== null);
  for (const [i, f] of rated.entries()) {
    const kim = named.get(f.kim)!;
    const film = await createFilm(tx, { editionId: archive.id, kimId: kim.id, code: `ARSIP-${i + 1}`, title: f.film!, status: "juara" });
    await tx.insert(placements).values({ editionId: archive.id, filmId: film.id, kimId: kim.id, placement: f.placement as "Juara I", note: "Video tidak tersedia di Layar." });
  }
  const y2024 = awards.films.find((f) => f.film === null && f.year === 2024)!;
  const edition2024 = await createEdition(tx, {
    slug: "lomba-kim-tingkat-jawa-tengah-2024",
    title: "Lomba KIM Tingkat Jawa Tengah 2024",
    year: 2024,
    level: "provinsi",
    regionCode: "33",
    status: "diumumkan",
    isHistorical: true,
    sourceNote: "Berita Diskominfo Kabupaten Karanganyar; judul film tidak disebutkan sumber.",
  });
  await tx.insert(placements).values({ editionId: edition2024.id, kimId: named.get(y2024.kim)!.id, placement: "Juara III", note: "Judul film tidak disebutkan sumber." });
}

type JudgedEdition = {
  editionId: string;
  codePrefix: string;
  kims: { id: string; name: string; regencyCode: string }[];
  judges: string[];
  submittedAll: boolean;
  closedAt?: Date;
  createdBy: string;
  options: SeedOptions;
};

const sampleTitles = ["Kabar dari Sawah", "Layar Tancap Terakhir", "Jejak di Lereng", "Suara Pasar Pagi", "Dua Sisi Gawai", "Warung Kopi Digital"];

/** Films with real playable clips, rubric, a scoring round, assignments that respect home regencies, and sheets. */
async function seedJudgedEdition(tx: Tx, e: JudgedEdition) {
  const criteria = await createRubric(tx, e.editionId);
  const category = await createCategory(tx, e.editionId, "Fiksi");
  const [round] = await tx.insert(judgingRounds).values({ editionId: e.editionId, kind: "penilaian", closedAt: e.closedAt ?? null, confirmedAt: new Date() }).returning();
  const judgeRows = await tx.select({ id: users.id, regionCode: users.regionCode }).from(users).where(inArray(users.id, e.judges));
  const out: { filmId: string; kimId: string; totals: number[] }[] = [];

  for (const [i, kim] of e.kims.entries()) {
    const film = await createFilm(tx, {
      editionId: e.editionId,
      kimId: kim.id,
      categoryId: category.id,
      code: newFilmCode(e.codePrefix),
      title: `${sampleTitles[i % sampleTitles.length]} (contoh)`,
      synopsis: "Film contoh untuk demo Layar. Klip video berupa pola uji, bukan film sungguhan.",
      language: i % 2 ? "Bahasa Jawa" : "Bahasa Indonesia",
      declaredDurationSeconds: 6,
      crew: [
        { name: "Sutradara contoh", role: "Sutradara" },
        { name: "Penulis contoh", role: "Penulis naskah" },
      ],
      originalityDeclared: true,
      publicationConsent: true,
      status: e.submittedAll ? "juara" : "dinilai",
      isSample: true,
      submittedAt: new Date(),
    });
    await attachDemoMedia(tx, film.id, (i % 4) + 1, e.options);
    const eligible = judgeRows.filter((j) => j.regionCode !== kim.regencyCode).slice(0, 2);
    const totals: number[] = [];
    for (const [j, judge] of eligible.entries()) {
      const [assignment] = await tx.insert(judgeAssignments).values({ roundId: round.id, filmId: film.id, judgeId: judge.id, createdBy: e.createdBy }).returning();
      // Judging demo: the first judge has finished two films and drafted a third; the rest is to do.
      const submitted = e.submittedAll || (j === 0 && i < 2);
      const drafted = !submitted && j === 0 && i === 2;
      if (!submitted && !drafted) continue;
      const [sheet] = await tx
        .insert(scoreSheets)
        .values({ assignmentId: assignment.id, status: submitted ? "submitted" : "draft", submittedAt: submitted ? new Date() : null })
        .returning();
      const values = criteria.map((c, k) => ({ sheetId: sheet.id, criterionId: c.id, score: 95 - i * 6 - j * 2 - ((k * 3 + i) % 5), comment: submitted ? "Contoh komentar juri: pesan jelas, gambar perlu lebih stabil." : null }));
      await tx.insert(scores).values(drafted ? values.slice(0, 2) : values);
      if (submitted) totals.push(weightedTotal(criteria, values.map((v) => v.score)));
    }
    out.push({ filmId: film.id, kimId: kim.id, totals });
  }
  return out;
}

function weightedTotal(criteria: { weight: number; maxScore: number }[], values: number[]): number {
  const weights = criteria.reduce((a, c) => a + c.weight, 0);
  return (100 * criteria.reduce((a, c, i) => a + (c.weight * values[i]) / c.maxScore, 0)) / weights;
}

/** A sample film's clip, judges' copy and poster, written through the configured storage driver (local disk or S3). */
async function attachDemoMedia(tx: Tx, filmId: string, clip: number, options: SeedOptions) {
  const { storage } = options;
  const video = path.join(options.demoMediaDir, `contoh-${clip}.mp4`);
  const poster = path.join(options.demoMediaDir, `poster-contoh-${clip}.jpg`);
  const work = await fs.mkdtemp(path.join(os.tmpdir(), "layar-seed-"));
  try {
    // Judges are only ever served a copy without container metadata, as for real uploads.
    const judgeCopy = path.join(work, "judge.mp4");
    await stripIdentifyingMetadata(video, judgeCopy);
    const keys = { video: `films/${filmId}/video.mp4`, judge: `films/${filmId}/judge.mp4`, poster: `films/${filmId}/poster.jpg` };
    await storage.putFile(keys.video, video, "video/mp4");
    await storage.putFile(keys.judge, judgeCopy, "video/mp4");
    await storage.putFile(keys.poster, poster, "image/jpeg");
    const size = async (f: string) => (await fs.stat(f)).size;
    const probe = { container: "mp4", videoCodec: "h264", audioCodec: "aac", width: 1280, height: 720, durationSeconds: 6 };
    await tx.insert(filmMedia).values([
      { filmId, kind: "video", storageDriver: storage.name, storageKey: keys.video, mimeType: "video/mp4", sizeBytes: await size(video), status: "ok", probe },
      { filmId, kind: "judge_video", storageDriver: storage.name, storageKey: keys.judge, mimeType: "video/mp4", sizeBytes: await size(judgeCopy), status: "ok", probe },
      { filmId, kind: "poster", storageDriver: storage.name, storageKey: keys.poster, mimeType: "image/jpeg", sizeBytes: await size(poster), status: "ok" },
    ]);
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}

export async function demoEditionSlugs(db: Db) {
  return db.select({ slug: editions.slug, status: editions.status }).from(editions).orderBy(asc(editions.slug));
}
