/**
 * The favorit vote under load (docs/decisions/0036): 2,000 verified votes in 60 s on the
 * embedded default (PGlite on disk, in this process), with none lost or double-counted.
 * Run with `npx tsx bench/favorit-vote.ts`; bench/run.ts imports runFavoritVoteBench().
 *
 * Each voter takes the whole verified path as the vote route does: requestCode (limits per
 * address and network counted in request_limit_hits, disposable check, hashed code) → the code
 * as sent (read in-process from the VerificationChannel's send: a capturing channel stands in
 * for the mail, so SMTP time is not measured) → verifyCode → castVotes. 16 voters at once, over
 * 40 networks (/24). On top: 200 voters come back with a new code and try again (refused), and
 * 200 ballots are submitted twice at the same moment (one counts). Then the count must be 2,000
 * exactly and no voter may appear twice.
 * Baseline, same run, same table: 2,000 plain inserts into favorit_votes at the same concurrency.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { and, count, countDistinct, eq, isNull } from "drizzle-orm";
import { openDatabase, type Db } from "@/lib/db/client";
import { runMigrations } from "@/lib/db/migrate";
import { favoritVotes, regions } from "@/lib/db/schema";
import { saveFavoritPhase } from "@/lib/favorit/admin";
import type { VerificationChannel } from "@/lib/favorit/channel";
import { normaliseEmail } from "@/lib/favorit/identity";
import { castVotes, requestCode, verifyCode } from "@/lib/favorit/vote";
import { createEdition, createFilm, createKim, createUser } from "@/lib/seed/factories";
import type { Row } from "./lib/report";

const VOTERS = 2000;
const CONCURRENCY = 16;
const NETWORKS = 40;
const RETRIES = 200;
const DOUBLES = 200;
const TARGET_S = 60;

export type FavoritBenchResult = { ms: number; baselineMs: number; counted: number; distinct: number; refusedRetries: number; doubleCounted: number; failures: string[] };

async function pool<T>(items: T[], size: number, run: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: size }, async () => {
    while (next < items.length) await run(items[next++]);
  }));
}

async function setup(db: Db) {
  await db.insert(regions).values([
    { code: "33", name: "JAWA TENGAH", level: "provinsi", parentCode: null },
    { code: "33.13", name: "KAB. KARANGANYAR", level: "kabupaten", parentCode: "33" },
    { code: "33.13.11", name: "KARANGANYAR", level: "kecamatan", parentCode: "33.13" },
  ]).onConflictDoNothing();
  const organiser = await createUser(db, { email: "bench-favorit@layar.test", role: "organiser", regionCode: "33" });
  const kim = await createKim(db, { name: "KIM Bench", districtCode: "33.13.11" });
  const edition = await createEdition(db, { slug: "bench-favorit", title: "Bench Favorit", year: 2026, regionCode: "33", status: "penjurian" });
  const films = [];
  for (let i = 0; i < 3; i++) films.push(await createFilm(db, { editionId: edition.id, kimId: kim.id, code: `BF-${i}`, title: `Film ${i}`, status: "dinilai", publicationConsent: true }));
  const closesAt = new Date(Date.now() + 2 * 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 16);
  await saveFavoritPhase(db, organiser, "bench-favorit", { nominees: films.map((f) => f.id), opensAt: "", closesAt });
  return { editionId: edition.id, films: films.map((f) => f.id) };
}

export async function runFavoritVoteBench(options: { log?: (line: string) => void } = {}): Promise<FavoritBenchResult> {
  const log = options.log ?? (() => {});
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "layar-bench-favorit-"));
  const handle = openDatabase(undefined, dataDir);
  try {
    await runMigrations(handle);
    const db = handle.db;
    const { editionId, films } = await setup(db);
    const slug = "bench-favorit";
    const inbox = new Map<string, string>();
    const channel: VerificationChannel = { kind: "email", normalise: normaliseEmail, send: async (address, code) => void inbox.set(address, code) };
    const channels = [channel];
    const failures: string[] = [];
    const network = (i: number) => `10.0.${i % NETWORKS}.0/24`;
    const ballots: string[] = [];

    const started = performance.now();
    await pool(Array.from({ length: VOTERS }, (_, i) => i), CONCURRENCY, async (i) => {
      const address = `pemilih${i}@gmail.com`;
      try {
        const { codeId, emailDomain } = await requestCode(db, { slug, input: { address }, network: network(i), channels });
        const { ballotId } = await verifyCode(db, { slug, codeId, code: inbox.get(address)! });
        ballots[i] = ballotId;
        if (i < DOUBLES) {
          // A racing double submit: two posts of the same ballot at once; one must count.
          const both = await Promise.allSettled([0, 1].map(() => castVotes(db, { slug, ballotId, emailDomain, choices: { "": films[i % 3] }, network: network(i) })));
          if (both.filter((r) => r.status === "fulfilled").length !== 1) failures.push(`voter ${i}: ${both.filter((r) => r.status === "fulfilled").length} of 2 racing submits counted`);
        } else {
          await castVotes(db, { slug, ballotId, emailDomain, choices: { "": films[i % 3] }, network: network(i) });
        }
      } catch (error) {
        failures.push(`voter ${i}: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    // Duplicates: 200 voters ask for a new code under another spelling of their address and vote again.
    let refusedRetries = 0;
    await pool(Array.from({ length: RETRIES }, (_, i) => i * 7), CONCURRENCY, async (i) => {
      const address = `pemilih${i}+lagi@gmail.com`;
      try {
        const { codeId, emailDomain } = await requestCode(db, { slug, input: { address }, network: network(i), channels });
        const { ballotId } = await verifyCode(db, { slug, codeId, code: inbox.get(address)! });
        await castVotes(db, { slug, ballotId, emailDomain, choices: { "": films[(i + 1) % 3] }, network: network(i) });
        failures.push(`voter ${i} voted twice`);
      } catch (error) {
        if (error instanceof Error && /sudah memilih/.test((error as { userMessage?: string }).userMessage ?? "")) refusedRetries++;
        else failures.push(`retry ${i}: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    const ms = performance.now() - started;

    const [totals] = await db
      .select({ counted: count(), distinct: countDistinct(favoritVotes.voterHash) })
      .from(favoritVotes)
      .where(and(eq(favoritVotes.editionId, editionId), isNull(favoritVotes.voidedAt)));
    log(`verified path: ${VOTERS} voters in ${(ms / 1000).toFixed(1)} s, ${totals.counted} counted, ${totals.distinct} distinct voters, ${refusedRetries} of ${RETRIES} retries refused, ${failures.length} failures`);

    // Baseline: the same number of plain inserts into the same table, same concurrency.
    const baselineStart = performance.now();
    await pool(Array.from({ length: VOTERS }, (_, i) => i), CONCURRENCY, async (i) => {
      await db.insert(favoritVotes).values({ editionId, categoryKey: "baseline", filmId: films[i % 3], voterHash: `baseline-${i}`, channel: "email", emailDomain: "gmail.com", network: network(i) });
    });
    const baselineMs = performance.now() - baselineStart;
    return { ms, baselineMs, counted: Number(totals.counted), distinct: Number(totals.distinct), refusedRetries, doubleCounted: Number(totals.counted) - Number(totals.distinct), failures };
  } finally {
    await handle.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The bench's row in `npm run bench`. */
export async function favoritVoteRows(): Promise<Row[]> {
  const r = await runFavoritVoteBench({ log: (line) => console.log(line) });
  const ok = r.ms <= TARGET_S * 1000 && r.counted === VOTERS && r.distinct === VOTERS && r.refusedRetries === RETRIES && r.failures.length === 0;
  return [
    {
      name: `favorit: ${VOTERS} verified votes (code, verify, vote), PGlite`,
      figure: `${(r.ms / 1000).toFixed(1)} s (${((VOTERS / r.ms) * 1000).toFixed(0)} votes/s)`,
      baseline: `${(r.baselineMs / 1000).toFixed(2)} s inserts`,
      ratio: r.ms / r.baselineMs,
      target: `< ${TARGET_S} s, ${VOTERS} exactly`,
      pass: ok,
      details: [
        `favorit: ${VOTERS} voters, ${CONCURRENCY} at once over ${NETWORKS} networks; counted ${r.counted}, distinct voters ${r.distinct}, double-counted ${r.doubleCounted}; ${r.refusedRetries} of ${RETRIES} returning voters refused; ${DOUBLES} racing double submits; code read from the channel's send in-process (no SMTP); baseline ${VOTERS} plain inserts into favorit_votes ${(r.baselineMs / 1000).toFixed(2)} s`,
        ...r.failures.slice(0, 5).map((f) => `favorit failure: ${f}`),
      ],
    },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const rows = await favoritVoteRows();
  for (const row of rows) {
    console.log(`${row.name}: ${row.figure}; baseline ${row.baseline}; ratio ${row.ratio?.toFixed(2)}; target ${row.target}: ${row.pass ? "PASS" : "MISSED"}`);
    for (const d of row.details ?? []) console.log(`  - ${d}`);
  }
}
