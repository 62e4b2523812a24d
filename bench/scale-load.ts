// A database at national scale for benchmarks and manual checks (bench/lib/scale-data.ts):
//   npx tsx bench/scale-load.ts --dir /tmp/layar-skala              PGlite in a new data directory
//   npx tsx bench/scale-load.ts --database-url postgres://...       an existing, empty PostgreSQL database
// Both: migrations, regions and the demo seed (setupDatabase), then the national data; the
// load time printed excludes the set-up. --seed N (default 1) picks another data set.
// A served PGlite directory: LAYAR_DATA_DIR=/tmp/layar-skala npm start.
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase, type DbHandle } from "@/lib/db/client";
import { setupDatabase } from "@/lib/db/setup-database";
import { demoPassword } from "@/lib/seed/seed-demo";
import { loadNationalData } from "./lib/scale-data";
import { makeTempDir } from "./lib/temp";

const root = path.resolve(import.meta.dirname, "..");
const usage = "npx tsx bench/scale-load.ts (--dir <new PGlite data directory> | --database-url postgres://.../<empty database>) [--seed N]";

type Args = { dir?: string; databaseUrl?: string; seed: number };

function parseArgs(argv: string[]): Args {
  const args: Args = { seed: 1 };
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => inline ?? argv[++i];
    if (name === "--dir") args.dir = path.resolve(value());
    else if (name === "--database-url") args.databaseUrl = value();
    else if (name === "--seed") args.seed = Number(value());
    else if (name === "--help" || name === "-h") {
      console.log(usage);
      process.exit(0);
    } else throw new Error(`unknown argument ${argv[i]}\n${usage}`);
  }
  if (!args.dir === !args.databaseUrl) throw new Error(`give one of --dir and --database-url\n${usage}`);
  if (!Number.isSafeInteger(args.seed)) throw new Error("--seed takes an integer");
  return args;
}

/** The PostgreSQL database must hold no tables at all: this script migrates it itself. */
async function assertEmpty(handle: DbHandle) {
  const result = (await handle.db.execute(
    sql`select count(*)::int as n from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema')`,
  )) as unknown as { rows: { n: number }[] };
  if (result.rows[0].n > 0) throw new Error("the database is not empty: create a fresh one (createdb) and pass its URL");
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  let dataDir: string;
  if (args.dir) {
    if (fs.existsSync(args.dir) && fs.readdirSync(args.dir).length > 0) throw new Error(`${args.dir} is not empty: give a new directory`);
    fs.mkdirSync(args.dir, { recursive: true });
    dataDir = args.dir;
  } else {
    // The demo's sample clips need a storage directory; nothing reads them afterwards.
    dataDir = makeTempDir("layar-scale-");
  }
  const handle = openDatabase(args.databaseUrl, dataDir);
  try {
    if (args.databaseUrl) await assertEmpty(handle);
    const setupStart = performance.now();
    // setupDatabase finds the demo clips relative to the working directory.
    process.chdir(root);
    await setupDatabase(handle, { seed: true, dataDir });
    const setupSeconds = (performance.now() - setupStart) / 1000;
    console.log(`[scale] migrate + regions + demo seed: ${setupSeconds.toFixed(1)} s`);
    const facts = await loadNationalData(handle, { seed: args.seed, log: (line) => console.log(line) });
    const n = (v: number) => v.toLocaleString("en");
    console.log(
      [
        "",
        `database         ${args.databaseUrl ? "PostgreSQL" : `PGlite in ${dataDir}`} (${handle.kind})`,
        `set-up           ${setupSeconds.toFixed(1)} s (migrations, regions, demo seed)`,
        `national load    ${facts.seconds.toFixed(1)} s (target < 60 s), seed ${args.seed}`,
        `KIMs             ${n(facts.kims)}`,
        `judges           ${n(facts.judges)} (e.g. ${facts.judgeEmail}, password ${demoPassword})`,
        `published        ${n(facts.editionsPublished)} editions`,
        `films            ${n(facts.films)}`,
        `assignments      ${n(facts.assignments)}`,
        `score sheets     ${n(facts.sheets)} (${n(facts.sheetsSubmitted)} submitted)`,
        `scores           ${n(facts.scores)}`,
        `placements       ${n(facts.placements)}`,
        `certificates     ${n(facts.certificates)}`,
        `in judging       ${facts.bigEdition.slug} (${facts.bigEdition.id}): ${n(facts.bigEdition.films)} films, ${facts.bigEdition.judges} judges, ` +
          `${n(facts.bigEdition.sheetsSubmitted)} sheets submitted, ${n(facts.bigEdition.sheetsDraft)} drafts`,
        `sample KIM       /kim/${facts.sampleKimSlug}`,
      ].join("\n"),
    );
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  // A failed statement's reason is drizzle's cause; the message holds the whole statement.
  console.error(error instanceof Error ? `${error.message}${error.cause instanceof Error ? `\n${error.cause.message}` : ""}` : error);
  process.exit(1);
});
