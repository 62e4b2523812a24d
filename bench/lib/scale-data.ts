// National-scale synthetic data for benchmarks: ~80,000 KIMs (one per village, the first
// 80,000 villages in code order), 3,000 judges, 2,000 published editions over 2021-2025
// (~45,000 films, 6 placements each, every film scored by 3 judges: ~135,000 submitted
// sheets, ~540,000 scores) and one provincial edition of 4,000 films in judging.
//
// Speed (< 1 minute on PGlite and on a PostgreSQL server, 2 cores) comes from generating
// the rows inside the database: about forty set-based statements (INSERT ... SELECT over
// generate_series and the regions table, a few staging tables) in one transaction, nothing
// row by row from JavaScript, with the bulk tables' indexes and foreign keys made after the
// rows are in (withIndexesBuiltAfter). Every id
// and every "random" choice is an md5 of the seed and the row's key (edition, film number,
// judge slot, criterion), so a row can name another row's id without a join, and the same
// seed gives the same data. The published rankings are computed from the generated scores,
// so placements agree with the sheets.
//
// Expects a migrated database with the regions imported (setupDatabase), usually with the
// demo seed too; refuses one that already holds this data. Nothing else should use the
// database meanwhile: the bulk tables are locked until the load commits.
import { sql, type SQL } from "drizzle-orm";
import { hashPassword } from "@/lib/auth/password";
import type { DbHandle, Tx } from "@/lib/db/client";
import { defaultRules, defaultSettings } from "@/lib/editions/defaults";
import { demoPassword } from "@/lib/seed/seed-demo";

export type ScaleFacts = {
  kims: number;
  judges: number;
  editionsPublished: number;
  films: number;
  assignments: number;
  sheets: number;
  sheetsSubmitted: number;
  scores: number;
  placements: number;
  certificates: number;
  /** The provincial edition in judging. */
  bigEdition: { id: string; slug: string; films: number; judges: number; sheetsSubmitted: number; sheetsDraft: number };
  /** A generated KIM with placements in published results (the one with most). */
  sampleKimSlug: string;
  /** Judges sign in with the demo password; e.g. juri00001@skala.layar.test. */
  judgeEmail: string;
  seconds: number;
};

export const scaleSizes = {
  kims: 80_000,
  judges: 3_000,
  years: [2021, 2025] as const,
  regencyEditionsPerYear: 390,
  provinceEditionsPerYear: 10,
  /** Films of a published edition: 18 + 0..9 (about 22.5), never more than the region's KIMs. */
  filmsMin: 18,
  filmsSpread: 10,
  judgesPerFilm: 3,
  bigFilms: 4_000,
  bigJudges: 30,
  bigYear: 2026,
} as const;

const placementNames = ["Juara I", "Juara II", "Juara III", "Juara Harapan I", "Juara Harapan II", "Juara Harapan III"];
const criteria = [
  { name: "Kesesuaian tema", weight: 30 },
  { name: "Ide dan kreativitas", weight: 30 },
  { name: "Teknik produksi", weight: 25 },
  { name: "Dampak dan pesan", weight: 15 },
];
// Title words: "sawah", "desa", "air" each land in roughly one title in ten.
const titleLead = ["", "", "", "Cerita ", "Jejak ", "Suara ", "Harapan "];
const titleSubject = [
  "Sawah", "Desa", "Air", "Sungai", "Pasar", "Sinyal", "Jalan", "Kabar", "Hujan", "Lumbung", "Ladang", "Kopi", "Bambu", "Perahu", "Sekolah",
  "Posyandu", "Balai", "Pelita", "Senja", "Pagi", "Jembatan", "Kampung", "Ibu", "Petani", "Nelayan", "Gawai", "Hutan", "Laut", "Batik", "Rumah",
];
const titleLink = ["di", "dari", "untuk", "menuju", "tanpa", "dan"];
const titlePlace = ["Desa", "Sawah", "Lereng", "Pesisir", "Kampung", "Hulu", "Muara", "Kota", "Pasar", "Sungai", "Bukit", "Pulau", "Ladang", "Balai Desa", "Air Terjun"];
const synopses = [
  "Warga desa belajar memilah kabar bohong yang beredar di grup percakapan.",
  "Seorang kader posyandu berkeliling kampung mengajak ibu-ibu menimbang balita.",
  "Pemuda desa membangun jaringan internet bersama untuk sekolah dan balai desa.",
  "Petani muda mencoba pertanian organik dan menjual hasilnya lewat gawai.",
  "Sebuah keluarga menghadapi godaan judi daring dan memilih pulang ke sawah.",
  "Gotong royong warga membersihkan sungai yang dipenuhi sampah plastik.",
  "Nelayan pesisir bercerita tentang laut yang berubah dan harapan anaknya.",
  "Perajin batik desa memasarkan karyanya ke luar daerah lewat media sosial.",
];
const languages = ["Bahasa Indonesia", "Bahasa Indonesia", "Bahasa Indonesia", "Bahasa Jawa", "Bahasa Sunda", "Bahasa Madura", "Bahasa Bugis", "Bahasa Minang"];
const themes = [
  "Bersama Cegah Stunting", "Waspada Judi Online", "Desa Digital, Warga Cerdas", "Lawan Hoaks", "Pemilu Damai",
  "Air Bersih untuk Semua", "Desa Wisata", "UMKM Naik Kelas", "Sampah Jadi Berkah", "Literasi Digital Desa",
];
const categoryNames = ["Film Pendek", "Fiksi", "Dokumenter"];
const inactiveReasons = [
  "Pengurus pindah tugas dan belum ada pengganti",
  "Regenerasi kepengurusan berkurang",
  "Tidak ada kegiatan selama dua tahun terakhir",
  "Tidak mengikuti Monev tahunan",
];
const firstNames = [
  "Agus", "Budi", "Citra", "Dewi", "Eko", "Fitri", "Gilang", "Hendra", "Indah", "Joko", "Kurniawan", "Lestari", "Maya", "Nur", "Oktavia",
  "Putri", "Rahmat", "Sari", "Teguh", "Utami", "Wahyu", "Yuliani", "Zainal", "Ratna", "Bambang", "Siti", "Andi", "Rina", "Dimas", "Ayu",
];
const lastNames = [
  "Santoso", "Wijaya", "Pratama", "Hidayat", "Saputra", "Lestari", "Nugroho", "Kusuma", "Wibowo", "Setiawan",
  "Purnamasari", "Rahayu", "Siregar", "Nasution", "Harahap", "Simanjuntak", "Tanjung", "Putra", "Suryadi", "Halim",
];
const juryComments = [
  "Pesan jelas dan dekat dengan warga; gambar perlu lebih stabil.",
  "Ide segar, alur agak lambat di tengah.",
  "Teknik produksi rapi, tema kurang tajam.",
  "Menyentuh; suara latar perlu diperbaiki.",
  "Kuat di cerita, lemah di penyuntingan.",
];

/** SQL fragments that turn a key into deterministic pseudo-random values for one seed. */
function generators(seed: number) {
  if (!Number.isSafeInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  const prefix = sql.raw(`'skala:${seed}:'`);
  const hex = (key: SQL) => sql`md5(${prefix} || ${key})`;
  const rand = (key: SQL) => sql`(('x' || substr(${hex(key)}, 1, 8))::bit(32)::bigint / 4294967296.0)`;
  return {
    /** A number in [0, 1). */
    rand,
    /** A version-4-shaped uuid (any validator accepts it). */
    uuid: (key: SQL) => sql`overlay(overlay(${hex(key)} placing '4' from 13) placing '8' from 17)::uuid`,
    /** 12 upper-case hex characters, as certificate codes are. */
    code: (key: SQL) => sql`upper(substr(${hex(key)}, 1, 12))`,
    pick: (words: readonly (string | number)[], key: SQL) => sql`(${literalArray(words)})[1 + floor(${rand(key)} * ${sql.raw(String(words.length))})::int]`,
  };
}

/** A constant array written into the statement (the lists above, never user input). */
function literalArray(values: readonly (string | number)[]): SQL {
  const items = values.map((v) => (typeof v === "number" ? String(v) : `'${v.replace(/'/g, "''")}'`));
  return sql.raw(`array[${items.join(",")}]${typeof values[0] === "number" ? "::numeric[]" : "::text[]"}`);
}

/** lower-case, runs of anything else than a-z0-9 as one dash, as lib/kim/slug.ts does for ASCII names. */
const slugSql = (text: SQL, max = 80) => sql`trim(both '-' from left(regexp_replace(lower(${text}), '[^a-z0-9]+', '-', 'g'), ${sql.raw(String(max))}))`;
const wib = (date: SQL) => sql`((${date})::timestamp at time zone 'Asia/Jakarta')`;
const days = (n: SQL) => sql`((${n}) * interval '1 day')`;
/** A constant integer written into the statement: parameters in CREATE TABLE AS and generate_series have no type to take. */
const int = (value: number) => sql.raw(String(Math.trunc(value)));

export async function loadNationalData(handle: DbHandle, options: { seed?: number; log?: (line: string) => void } = {}): Promise<ScaleFacts> {
  const log = options.log ?? (() => {});
  const started = performance.now();
  const passwordHash = await hashPassword(demoPassword);
  const bigEditionId = await handle.db.transaction(async (tx) => {
    const step = stepper(tx, log);
    await checkEmpty(tx);
    await step("work_mem", sql`set local work_mem = '64MB'`);
    await step("maintenance_work_mem", sql`set local maintenance_work_mem = '128MB'`);
    const g = generators(options.seed ?? 1);
    await withIndexesBuiltAfter(tx, log, bulkTables, async () => {
      await loadKims(step, g);
      await loadJudges(step, g, passwordHash);
      await loadPublished(step, g);
      await loadBigEdition(step, g);
    });
    return rowsOf<{ id: string }>(await tx.execute(sql`select id from scale_big`))[0].id;
  });
  const analyzeStart = performance.now();
  await handle.db.execute(sql`analyze`);
  log(`[scale] analyze ${((performance.now() - analyzeStart) / 1000).toFixed(1)} s`);
  return { ...(await readFacts(handle, bigEditionId)), seconds: (performance.now() - started) / 1000 };
}

type Step = (label: string, statement: SQL) => Promise<void>;
type Gen = ReturnType<typeof generators>;

function stepper(tx: Tx, log: (line: string) => void): Step {
  return async (label, statement) => {
    const start = performance.now();
    const result = (await tx.execute(statement)) as unknown as { rowCount?: number | null; affectedRows?: number };
    const rows = result.rowCount ?? result.affectedRows;
    log(`[scale] ${label}${rows ? ` ${rows.toLocaleString("en")} rows` : ""} ${((performance.now() - start) / 1000).toFixed(1)} s`);
  };
}

// The tables that take tens of thousands of rows or more.
const bulkTables = ["kim_groups", "kim_status_history", "films", "judge_assignments", "score_sheets", "scores", "certificates"];

/**
 * pg_restore's order: the bulk tables' indexes (primary keys and unique ones too) and every
 * foreign key from or to them are dropped before the load and made again after it, with the
 * same names and definitions. An index is then built by one sort instead of half a million
 * random insertions, and a foreign key checked by one join instead of a trigger per row
 * (together about half the load's time on PGlite). It all happens inside the load's
 * transaction: a failure leaves the schema as it was.
 */
async function withIndexesBuiltAfter(tx: Tx, log: (line: string) => void, tables: string[], load: () => Promise<void>) {
  const list = sql.raw(tables.map((t) => `'${t}'::regclass`).join(", "));
  const foreignKeys = rowsOf<{ tbl: string; name: string; def: string }>(
    await tx.execute(sql`select conrelid::regclass::text as tbl, quote_ident(conname) as name, pg_get_constraintdef(oid) as def
      from pg_constraint where contype = 'f' and (conrelid in (${list}) or confrelid in (${list})) order by conrelid::regclass::text, conname`),
  );
  const keys = rowsOf<{ tbl: string; name: string; def: string }>(
    await tx.execute(sql`select conrelid::regclass::text as tbl, quote_ident(conname) as name, pg_get_constraintdef(oid) as def
      from pg_constraint where contype in ('p', 'u') and conrelid in (${list}) order by contype, conname`),
  );
  const indexes = rowsOf<{ name: string; def: string }>(
    await tx.execute(sql`select indexrelid::regclass::text as name, pg_get_indexdef(indexrelid) as def from pg_index i
      where indrelid in (${list}) and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid) order by 1`),
  );
  for (const fk of foreignKeys) await tx.execute(sql.raw(`alter table ${fk.tbl} drop constraint ${fk.name}`));
  for (const key of keys) await tx.execute(sql.raw(`alter table ${key.tbl} drop constraint ${key.name}`));
  for (const index of indexes) await tx.execute(sql.raw(`drop index ${index.name}`));
  await load();
  const start = performance.now();
  for (const key of keys) await tx.execute(sql.raw(`alter table ${key.tbl} add constraint ${key.name} ${key.def}`));
  for (const index of indexes) await tx.execute(sql.raw(index.def));
  const built = performance.now();
  for (const fk of foreignKeys) await tx.execute(sql.raw(`alter table ${fk.tbl} add constraint ${fk.name} ${fk.def}`));
  const seconds = (from: number, to: number) => `${((to - from) / 1000).toFixed(1)} s`;
  log(`[scale] ${keys.length + indexes.length} indexes built ${seconds(start, built)}, ${foreignKeys.length} foreign keys checked ${seconds(built, performance.now())}`);
}

async function checkEmpty(tx: Tx) {
  const rows = rowsOf<{ villages: number; loaded: number }>(
    await tx.execute(sql`select (select count(*)::int from regions where level = 'desa') as villages, (select count(*)::int from users where email like '%@skala.layar.test') as loaded`),
  );
  if (rows[0].villages < scaleSizes.kims) throw new Error(`only ${rows[0].villages} villages in regions: run setupDatabase (the region import) first`);
  if (rows[0].loaded > 0) throw new Error("this database already holds the national-scale data");
}

/** KIMs, their status history, and "slots": the n-th KIM of each regency and each province, for picking entrants. */
async function loadKims(step: Step, g: Gen) {
  await step(
    "kims (staging)",
    sql`create temp table scale_kims on commit drop as
      select v.n, v.code as village_code, v.parent_code as district_code, left(v.code, 5) as regency_code, left(v.code, 2) as province_code, v.name,
        ${g.uuid(sql`'kim:' || v.n`)} as id,
        ${g.rand(sql`'kim-status:' || v.n`)} < 0.1 as inactive,
        ${g.pick(inactiveReasons, sql`'kim-reason:' || v.n`)} as reason,
        make_date(2008 + floor(${g.rand(sql`'kim-year:' || v.n`)} * 18)::int, 1 + floor(${g.rand(sql`'kim-month:' || v.n`)} * 12)::int, 1 + floor(${g.rand(sql`'kim-day:' || v.n`)} * 28)::int) as founded_on,
        (200 + floor(${g.rand(sql`'kim-until:' || v.n`)} * 2000))::int as active_days
      from (select code, parent_code, name, row_number() over (order by code collate "C") as n from regions where level = 'desa' order by code collate "C" limit ${int(scaleSizes.kims)}) v`,
  );
  await step(
    "kim_groups",
    sql`insert into kim_groups (id, slug, name, village_code, district_code, regency_code, status, inactive_reason, founded_year, founded_on, description, status_since, created_at)
      select id, 'kim-' || ${slugSql(sql`name`, 60)} || '-' || replace(village_code, '.', ''), 'KIM ' || name, village_code, district_code, regency_code,
        case when inactive then 'tidak_aktif' else 'aktif' end::kim_status, case when inactive then reason end,
        extract(year from founded_on)::smallint, founded_on, 'Kelompok Informasi Masyarakat Desa ' || name || '.',
        case when inactive then least(founded_on + active_days, date '2026-06-30') else founded_on end, ${wib(sql`founded_on`)}
      from scale_kims`,
  );
  await step(
    "kim_status_history",
    sql`insert into kim_status_history (id, kim_id, status, from_date, reason, source, created_at)
      select ${g.uuid(sql`'kim-history:' || n || ':0'`)}, id, 'aktif'::kim_status, founded_on, null::text, 'pendaftaran'::kim_status_source, ${wib(sql`founded_on`)} from scale_kims
      union all
      select ${g.uuid(sql`'kim-history:' || n || ':1'`)}, id, 'tidak_aktif'::kim_status, least(founded_on + active_days, date '2026-06-30'), reason, 'monev'::kim_status_source,
        ${wib(sql`least(founded_on + active_days, date '2026-06-30')`)} from scale_kims where inactive`,
  );
  await step(
    "slots (staging)",
    sql`create temp table scale_slots on commit drop as
      select regency_code as region, (row_number() over (partition by regency_code order by n) - 1)::int as idx, id as kim_id from scale_kims
      union all
      select province_code, (row_number() over (partition by province_code order by n) - 1)::int, id from scale_kims`,
  );
  await step("slots key", sql`alter table scale_slots add primary key (region, idx)`);
  await step("region totals", sql`create temp table scale_region_totals on commit drop as select region, count(*)::int as total from scale_slots group by region`);
  await step("analyze staging", sql`analyze scale_slots, scale_region_totals`);
}

/** Judges, each from a regency in turn, all with one password hash (the demo password). */
async function loadJudges(step: Step, g: Gen, passwordHash: string) {
  await step(
    "judges (staging)",
    sql`create temp table scale_judges on commit drop as
      select j.n, ${g.uuid(sql`'judge:' || j.n`)} as id, r.code as region_code, left(r.code, 2) as province_code
      from generate_series(1, ${int(scaleSizes.judges)}) j(n)
      join (select code, (row_number() over (order by code collate "C") - 1)::int as idx, count(*) over ()::int as total from regions where level = 'kabupaten') r
        on r.idx = (j.n - 1) % r.total`,
  );
  await step(
    "users (judges)",
    sql`insert into users (id, email, name, password_hash, role, status, region_code, created_at)
      select id, 'juri' || lpad(n::text, 5, '0') || '@skala.layar.test',
        ${g.pick(firstNames, sql`'judge-first:' || n`)} || ' ' || ${g.pick(lastNames, sql`'judge-last:' || n`)},
        ${passwordHash}, 'judge', 'active', region_code, timestamptz '2020-01-01 09:00+07' + ${days(sql`n % 1500`)}
      from scale_judges`,
  );
}

// The columns of a film that only describe it: title, synopsis, language, duration, crew, declarations.
const filmColumns = sql`title, synopsis, language, declared_duration_seconds, crew, originality_declared, publication_consent`;
function filmValues(g: Gen, key: SQL): SQL {
  const word = (list: readonly string[], tag: string) => g.pick(list, sql`${sql.raw(`'${tag}:'`)} || ${key}`);
  return sql`${word(titleLead, "title-lead")} || ${word(titleSubject, "title-subject")} || ' ' || ${word(titleLink, "title-link")} || ' ' || ${word(titlePlace, "title-place")},
    ${word(synopses, "synopsis")}, ${word(languages, "language")}, 90 + floor(${g.rand(sql`'duration:' || ${key}`)} * 210)::int,
    jsonb_build_array(jsonb_build_object('name', ${word(firstNames, "director")} || ' ' || ${word(lastNames, "director-last")}, 'role', 'Sutradara')),
    true, true`;
}

const weightArray = literalArray(criteria.map((c) => c.weight));
const weightSum = criteria.reduce((a, c) => a + c.weight, 0);

/** 2,000 published editions: each with one category, the rubric, a closed round, 3 judges, films, sheets, scores, placements, certificates. */
async function loadPublished(step: Step, g: Gen) {
  const s = scaleSizes;
  const rules = JSON.stringify(defaultRules);
  const settings = JSON.stringify({ ...defaultSettings, judgesPerFilm: s.judgesPerFilm });
  // Which regions hold an edition in a year: 390 regencies with 30 KIMs or more, 10 provinces.
  await step(
    "editions (staging)",
    sql`create temp table scale_editions on commit drop as
      select key, ${g.uuid(sql`'edition:' || key`)} as id, ${g.uuid(sql`'category:' || key`)} as category_id, ${g.uuid(sql`'round:' || key`)} as round_id,
        year, level, region_code, region_name, total,
        least(total, ${int(s.filmsMin)} + floor(${g.rand(sql`'films:' || key`)} * ${int(s.filmsSpread)})::int) as film_count,
        floor(${g.rand(sql`'offset:' || key`)} * total)::int as off,
        floor(${g.rand(sql`'judges:' || key`)} * ${int(s.judges / s.judgesPerFilm)})::int as judge_base,
        ${g.pick(themes, sql`'theme:' || key`)} as theme,
        ${g.pick(categoryNames, sql`'category:' || key`)} as category_name,
        ${wib(sql`make_date(year, 1, 1) + (60 + floor(${g.rand(sql`'opens:' || key`)} * 60))::int`)} + interval '8 hours' as opens
      from (
        select c.year || ':' || c.code as key, c.year, c.level, c.code as region_code, c.name as region_name, c.total
        from (
          select r.code, r.name, r.level, t.total, y.year,
            row_number() over (partition by y.year, r.level order by ${g.rand(sql`'pick:' || y.year || ':' || r.code`)}, r.code) as pick
          from regions r
          join scale_region_totals t on t.region = r.code
          cross join generate_series(${int(s.years[0])}, ${int(s.years[1])}) y(year)
          where (r.level = 'kabupaten' and t.total >= 30) or r.level = 'provinsi'
        ) c
        where (c.level = 'kabupaten' and c.pick <= ${int(s.regencyEditionsPerYear)}) or (c.level = 'provinsi' and c.pick <= ${int(s.provinceEditionsPerYear)})
      ) e`,
  );
  await step("analyze staging", sql`analyze scale_editions`);
  await step(
    "editions",
    sql`insert into editions (id, slug, title, year, level, region_code, theme, description, rules, settings, submission_opens_at, submission_closes_at,
        judging_closes_at, announce_at, status, sealed_at, published_at, created_at)
      select id, ${slugSql(sql`title`)}, title, year, level::text::edition_level, region_code, theme,
        'Festival film pendek Kelompok Informasi Masyarakat ' || region_name || ' tahun ' || year || '.',
        ${rules}::jsonb, ${settings}::jsonb, opens, opens + interval '60 days', opens + interval '90 days', opens + interval '97 days',
        'diumumkan', opens + interval '95 days', opens + interval '97 days', opens - interval '20 days'
      from (select *, 'Festival Film KIM ' || case when level = 'provinsi' then 'Provinsi ' else '' end || region_name || ' ' || year as title from scale_editions) e`,
  );
  await step("categories", sql`insert into categories (id, edition_id, name, position) select category_id, id, category_name, 0 from scale_editions`);
  await step(
    "rubric_criteria",
    sql`insert into rubric_criteria (id, edition_id, name, weight, min_score, max_score, position)
      select ${g.uuid(sql`'criterion:' || e.key || ':' || c`)}, e.id, (${literalArray(criteria.map((x) => x.name))})[c + 1], (${weightArray})[c + 1], 0, 100, c
      from scale_editions e cross join generate_series(0, ${int(criteria.length - 1)}) c`,
  );
  await step(
    "judging_rounds",
    sql`insert into judging_rounds (id, edition_id, kind, opens_at, closes_at, closed_at, confirmed_at)
      select round_id, id, 'penilaian', opens + interval '60 days', opens + interval '90 days', opens + interval '95 days', opens + interval '61 days' from scale_editions`,
  );
  // Judge k of an edition: judge_base + k * 1000 + 1, three different judges.
  const judgeN = (k: SQL, edition = "e") => sql`(1 + ${sql.raw(edition)}.judge_base + ${k} * ${int(s.judges / s.judgesPerFilm)})`;
  await step(
    "edition_judges",
    sql`insert into edition_judges (edition_id, user_id, created_at)
      select e.id, ${g.uuid(sql`'judge:' || ${judgeN(sql`k`)}`)}, e.opens + interval '50 days'
      from scale_editions e cross join generate_series(0, ${int(s.judgesPerFilm - 1)}) k`,
  );
  // Scores first (in staging): the ranking, hence each film's status and the placements, follows from them.
  // A film has a quality, a judge a leniency, each score some noise; integers 0-100.
  await step(
    "scores (staging)",
    sql`create temp table scale_scores on commit drop as
      select sheet.key, sheet.i, sheet.k, c.c, sheet.id as sheet_id, criterion.id as criterion_id,
        round(least(100, greatest(0, 35 + 50 * sheet.quality + 12 * (sheet.leniency - 0.5) + 20 * (${g.rand(sql`'score:' || sheet.key || ':' || sheet.i || ':' || sheet.k || ':' || c.c`)} - 0.5))))::numeric as score
      -- "offset 0" keeps a subquery whole: a film's quality, a judge's leniency and the ids are worked out once each, not per score.
      from (select f.key, f.i, k.k, f.quality, j.leniency, ${g.uuid(sql`'sheet:' || f.key || ':' || f.i || ':' || k.k`)} as id
            from (select e.key, e.judge_base, f.i, ${g.rand(sql`'quality:' || e.key || ':' || f.i`)} as quality
                  from scale_editions e cross join lateral generate_series(0, e.film_count - 1) f(i) offset 0) f
            cross join generate_series(0, ${int(s.judgesPerFilm - 1)}) k(k)
            join (select n, ${g.rand(sql`'leniency:' || n`)} as leniency from scale_judges offset 0) j on j.n = ${judgeN(sql`k.k`, "f")}
            offset 0) sheet
      cross join generate_series(0, ${int(criteria.length - 1)}) c(c)
      join (select e.key, c.c, ${g.uuid(sql`'criterion:' || e.key || ':' || c.c`)} as id
            from scale_editions e cross join generate_series(0, ${int(criteria.length - 1)}) c(c) offset 0) criterion on criterion.key = sheet.key and criterion.c = c.c`,
  );
  // The mean of the sheets' weighted totals (max 100, min 0), top 6 placed; a tie goes to the lower code.
  await step(
    "ranking (staging)",
    sql`create temp table scale_ranks on commit drop as
      select key, i, total, rank from (
        select key, i, total, row_number() over (partition by key order by total desc, i) as rank
        from (select key, i, avg(sheet_total) as total
              from (select key, i, k, sum((${weightArray})[c + 1] * score) / ${int(weightSum)} as sheet_total from scale_scores group by key, i, k) sheet
              group by key, i) film
      ) ranked where rank <= ${int(placementNames.length)}`,
  );
  await step("analyze staging", sql`analyze scale_ranks`);
  await step(
    "films",
    sql`insert into films (id, edition_id, kim_id, category_id, code, ${filmColumns}, status, submitted_at, created_at, updated_at)
      select ${g.uuid(sql`'film:' || e.key || ':' || f.i`)}, e.id, slot.kim_id, e.category_id, 'F-' || lpad((f.i + 1)::text, 3, '0'), ${filmValues(g, sql`e.key || ':' || f.i`)},
        case when r.rank is null then 'dinilai' else 'juara' end::film_status,
        e.opens + ${days(sql`5 + floor(${g.rand(sql`'submitted:' || e.key || ':' || f.i`)} * 54)`)},
        e.opens + ${days(sql`2 + floor(${g.rand(sql`'submitted:' || e.key || ':' || f.i`)} * 54)`)},
        e.opens + interval '95 days'
      from scale_editions e
      cross join lateral generate_series(0, e.film_count - 1) f(i)
      join scale_slots slot on slot.region = e.region_code and slot.idx = (e.off + f.i) % e.total
      left join scale_ranks r on r.key = e.key and r.i = f.i`,
  );
  const pair = sql`e.key || ':' || f.i || ':' || k`;
  await step(
    "judge_assignments",
    sql`insert into judge_assignments (id, round_id, film_id, judge_id, created_at)
      select ${g.uuid(sql`'assignment:' || ${pair}`)}, e.round_id, ${g.uuid(sql`'film:' || e.key || ':' || f.i`)}, ${g.uuid(sql`'judge:' || ${judgeN(sql`k`)}`)}, e.opens + interval '61 days'
      from scale_editions e cross join lateral generate_series(0, e.film_count - 1) f(i) cross join generate_series(0, ${int(s.judgesPerFilm - 1)}) k`,
  );
  await step(
    "score_sheets",
    sql`insert into score_sheets (id, assignment_id, status, overall_comment, submitted_at, updated_at)
      select ${g.uuid(sql`'sheet:' || ${pair}`)}, ${g.uuid(sql`'assignment:' || ${pair}`)}, 'submitted', ${g.pick(juryComments, sql`'comment:' || ${pair}`)},
        e.opens + ${days(sql`62 + floor(${g.rand(sql`'sheet-day:' || ${pair}`)} * 27)`)}, e.opens + ${days(sql`62 + floor(${g.rand(sql`'sheet-day:' || ${pair}`)} * 27)`)}
      from scale_editions e cross join lateral generate_series(0, e.film_count - 1) f(i) cross join generate_series(0, ${int(s.judgesPerFilm - 1)}) k`,
  );
  await step(
    "scores",
    sql`insert into scores (sheet_id, criterion_id, score)
      select sheet_id, criterion_id, score from scale_scores`,
  );
  await step(
    "placements",
    sql`insert into placements (id, edition_id, category_id, film_id, kim_id, placement, rank, score, certificate_code, created_at)
      select ${g.uuid(sql`'placement:' || e.key || ':' || r.rank`)}, e.id, e.category_id, ${g.uuid(sql`'film:' || e.key || ':' || r.i`)}, slot.kim_id,
        (${literalArray(placementNames)})[r.rank]::placement_name, r.rank, round(r.total, 2), ${g.code(sql`'placement-code:' || e.key || ':' || r.rank`)}, e.opens + interval '95 days'
      from scale_ranks r
      join scale_editions e on e.key = r.key
      join scale_slots slot on slot.region = e.region_code and slot.idx = (e.off + r.i) % e.total`,
  );
  // As a seal issues them: a participation piagam per judged film, one per judge with a submitted sheet.
  await step(
    "certificates",
    sql`insert into certificates (code, edition_id, kind, film_id, kim_id, user_id, created_at)
      select ${g.code(sql`'certificate:' || f.id`)}, f.edition_id, 'peserta'::certificate_kind, f.id, f.kim_id, null::uuid, e.opens + interval '95 days'
      from films f join scale_editions e on e.id = f.edition_id
      union all
      select ${g.code(sql`'certificate:' || j.edition_id || ':' || j.user_id`)}, j.edition_id, 'juri'::certificate_kind, null::uuid, null::uuid, j.user_id, e.opens + interval '95 days'
      from edition_judges j join scale_editions e on e.id = j.edition_id`,
  );
}

/**
 * One provincial edition in judging, in the province with most KIMs: 4,000 films, 30 judges
 * from other provinces, each film with 3 of them (400 each); about half the sheets
 * submitted, some drafts (2 of 4 criteria scored), the rest not started. Open until 30 days
 * after the load.
 */
async function loadBigEdition(step: Step, g: Gen) {
  const s = scaleSizes;
  const settings = JSON.stringify({ ...defaultSettings, judgesPerFilm: s.judgesPerFilm });
  await step(
    "big edition (staging)",
    sql`create temp table scale_big on commit drop as
      select ${g.uuid(sql`'big'`)} as id, ${g.uuid(sql`'big-round'`)} as round_id, r.code as region_code, t.total,
        least(${int(s.bigFilms)}, t.total) as film_count, floor(${g.rand(sql`'big-offset'`)} * t.total)::int as off,
        'Festival Film KIM Provinsi ' || r.name || ' ' || ${int(s.bigYear)} as title
      from regions r join scale_region_totals t on t.region = r.code
      where r.level = 'provinsi' order by t.total desc, r.code limit 1`,
  );
  await step(
    "big edition",
    sql`insert into editions (id, slug, title, year, level, region_code, theme, description, rules, settings, submission_opens_at, submission_closes_at,
        judging_closes_at, announce_at, status, created_at)
      select id, ${slugSql(sql`title`)}, title, ${int(s.bigYear)}, 'provinsi', region_code, ${themes[0]},
        'Edisi skala nasional yang sedang dinilai.',
        ${JSON.stringify(defaultRules)}::jsonb, ${settings}::jsonb, now() - interval '80 days', now() - interval '20 days',
        date_trunc('day', now() + interval '30 days'), now() + interval '45 days', 'penjurian', now() - interval '90 days'
      from scale_big`,
  );
  await step(
    "big categories",
    sql`insert into categories (id, edition_id, name, position)
      select ${g.uuid(sql`'big-category:' || c`)}, b.id, (${literalArray(["Fiksi", "Dokumenter", "Animasi"])})[c + 1], c from scale_big b cross join generate_series(0, 2) c`,
  );
  await step(
    "big rubric",
    sql`insert into rubric_criteria (id, edition_id, name, weight, min_score, max_score, position)
      select ${g.uuid(sql`'big-criterion:' || c`)}, b.id, (${literalArray(criteria.map((x) => x.name))})[c + 1], (${weightArray})[c + 1], 0, 100, c
      from scale_big b cross join generate_series(0, ${int(criteria.length - 1)}) c`,
  );
  await step(
    "big round",
    sql`insert into judging_rounds (id, edition_id, kind, opens_at, confirmed_at) select round_id, id, 'penilaian', now() - interval '19 days', now() - interval '19 days' from scale_big`,
  );
  await step(
    "big judges (staging)",
    sql`create temp table scale_big_judges on commit drop as
      select (row_number() over (order by j.n) - 1)::int as slot, j.id from scale_judges j, scale_big b
      where j.province_code <> b.region_code order by j.n limit ${int(s.bigJudges)}`,
  );
  await step("big edition_judges", sql`insert into edition_judges (edition_id, user_id, created_at) select b.id, j.id, now() - interval '25 days' from scale_big b, scale_big_judges j`);
  // Film i goes to judges i, i + 10 and i + 20 (mod 30): three different ones, 400 films each.
  const step10 = s.bigJudges / s.judgesPerFilm;
  await step(
    "big assignments (staging)",
    sql`create temp table scale_big_pairs on commit drop as
      select f.i, k.k, ((f.i % ${int(s.bigJudges)}) + k.k * ${int(step10)}) % ${int(s.bigJudges)} as slot,
        case when ${g.rand(sql`'big-sheet:' || f.i || ':' || k.k`)} < 0.5 then 'submitted' when ${g.rand(sql`'big-sheet:' || f.i || ':' || k.k`)} < 0.62 then 'draft' end as sheet
      from scale_big b cross join lateral generate_series(0, b.film_count - 1) f(i) cross join generate_series(0, ${int(s.judgesPerFilm - 1)}) k(k)`,
  );
  const key = sql`'big:' || f.i`;
  await step(
    "big films",
    sql`insert into films (id, edition_id, kim_id, category_id, code, ${filmColumns}, status, submitted_at, created_at, updated_at)
      select ${g.uuid(sql`'big-film:' || f.i`)}, b.id, slot.kim_id, ${g.uuid(sql`'big-category:' || (f.i % 3)`)}, 'F-' || lpad((f.i + 1)::text, 4, '0'), ${filmValues(g, key)},
        case when done.all_submitted then 'dinilai' else 'lolos_kurasi' end::film_status,
        now() - interval '20 days' - ${days(sql`floor(${g.rand(sql`'submitted:' || ${key}`)} * 55)`)},
        now() - interval '23 days' - ${days(sql`floor(${g.rand(sql`'submitted:' || ${key}`)} * 55)`)}, now() - interval '20 days'
      from scale_big b
      cross join lateral generate_series(0, b.film_count - 1) f(i)
      join scale_slots slot on slot.region = b.region_code and slot.idx = (b.off + f.i) % b.total
      join (select i, bool_and(sheet is not distinct from 'submitted') as all_submitted from scale_big_pairs group by i) done on done.i = f.i`,
  );
  await step(
    "big judge_assignments",
    sql`insert into judge_assignments (id, round_id, film_id, judge_id, created_at)
      select ${g.uuid(sql`'big-assignment:' || p.i || ':' || p.k`)}, b.round_id, ${g.uuid(sql`'big-film:' || p.i`)}, j.id, now() - interval '19 days'
      from scale_big_pairs p cross join scale_big b join scale_big_judges j on j.slot = p.slot`,
  );
  await step(
    "big score_sheets",
    sql`insert into score_sheets (id, assignment_id, status, overall_comment, submitted_at, updated_at)
      select ${g.uuid(sql`'big-sheet:' || p.i || ':' || p.k`)}, ${g.uuid(sql`'big-assignment:' || p.i || ':' || p.k`)}, p.sheet::sheet_status,
        case when p.sheet = 'submitted' then ${g.pick(juryComments, sql`'big-comment:' || p.i || ':' || p.k`)} end,
        case when p.sheet = 'submitted' then now() - ${days(sql`1 + floor(${g.rand(sql`'big-day:' || p.i || ':' || p.k`)} * 17)`)} end,
        now() - ${days(sql`1 + floor(${g.rand(sql`'big-day:' || p.i || ':' || p.k`)} * 17)`)}
      from scale_big_pairs p where p.sheet is not null`,
  );
  await step(
    "big scores",
    sql`insert into scores (sheet_id, criterion_id, score)
      select ${g.uuid(sql`'big-sheet:' || p.i || ':' || p.k`)}, ${g.uuid(sql`'big-criterion:' || c`)},
        round(least(100, greatest(0, 35 + 50 * ${g.rand(sql`'big-quality:' || p.i`)} + 20 * (${g.rand(sql`'big-score:' || p.i || ':' || p.k || ':' || c`)} - 0.5))))
      from scale_big_pairs p cross join generate_series(0, ${int(criteria.length - 1)}) c
      where p.sheet = 'submitted' or (p.sheet = 'draft' and c < 2)`,
  );
}

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

async function readFacts(handle: DbHandle, bigEditionId: string): Promise<Omit<ScaleFacts, "seconds">> {
  const one = async <T>(query: SQL) => rowsOf<T>(await handle.db.execute(query))[0];
  const counts = await one<Record<string, number>>(sql`select
    (select count(*)::int from kim_groups) as kims,
    (select count(*)::int from users where role = 'judge') as judges,
    (select count(*)::int from editions where status = 'diumumkan') as editions_published,
    (select count(*)::int from films) as films,
    (select count(*)::int from judge_assignments) as assignments,
    (select count(*)::int from score_sheets) as sheets,
    (select count(*)::int from score_sheets where status = 'submitted') as sheets_submitted,
    (select count(*)::int from scores) as scores,
    (select count(*)::int from placements) as placements,
    (select count(*)::int from certificates) as certificates`);
  const big = await one<{ id: string; slug: string; films: number; judges: number; submitted: number; draft: number }>(sql`select e.id, e.slug,
      (select count(*)::int from films f where f.edition_id = e.id) as films,
      (select count(*)::int from edition_judges j where j.edition_id = e.id) as judges,
      (select count(*)::int from score_sheets s join judge_assignments a on a.id = s.assignment_id join judging_rounds r on r.id = a.round_id where r.edition_id = e.id and s.status = 'submitted') as submitted,
      (select count(*)::int from score_sheets s join judge_assignments a on a.id = s.assignment_id join judging_rounds r on r.id = a.round_id where r.edition_id = e.id and s.status = 'draft') as draft
    from editions e where e.id = ${bigEditionId}`);
  const sample = await one<{ slug: string }>(sql`select k.slug from placements p join kim_groups k on k.id = p.kim_id
    where k.slug ~ '-[0-9]{10}$' group by k.slug order by count(*) desc, k.slug limit 1`);
  return {
    kims: counts.kims,
    judges: counts.judges,
    editionsPublished: counts.editions_published,
    films: counts.films,
    assignments: counts.assignments,
    sheets: counts.sheets,
    sheetsSubmitted: counts.sheets_submitted,
    scores: counts.scores,
    placements: counts.placements,
    certificates: counts.certificates,
    bigEdition: { id: big.id, slug: big.slug, films: big.films, judges: big.judges, sheetsSubmitted: big.submitted, sheetsDraft: big.draft },
    sampleKimSlug: sample.slug,
    judgeEmail: "juri00001@skala.layar.test",
  };
}
