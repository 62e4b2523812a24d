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
import { favoritPhases, favoritVotes, regions } from "@/lib/db/schema";
import { favoritAdminView, saveFavoritPhase, voidVotes, voteCounts } from "@/lib/favorit/admin";
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

export type FavoritBenchResult = { ms: number; baselineMs: number; counted: number; distinct: number; refusedRetries: number; doubleCounted: number; failures: string[]; burst: string[] };

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
  return { editionId: edition.id, films: films.map((f) => f.id), organiser, kim };
}

/**
 * What the fraud report shows on a simulated burst (docs/decisions/0036): a second edition
 * whose vote opened three days ago holds 600 ordinary votes spread over those days from 300
 * networks (written as history), then 80 "supporters" vote for one film within a few minutes
 * from one /24 through the real path (code, verify, vote), and 10 try throw-away addresses.
 * The organiser's report (favoritAdminView, as the page reads it) is printed, the burst voided
 * with a reason (voidVotes, audited), and the counts per film before and after.
 */
async function burstSimulation(db: Db, organiser: Awaited<ReturnType<typeof createUser>>, kimId: string): Promise<string[]> {
  const slug = "bench-favorit-burst";
  const edition = await createEdition(db, { slug, title: "Bench Favorit Burst", year: 2026, regionCode: "33", status: "penjurian" });
  const films: Awaited<ReturnType<typeof createFilm>>[] = [];
  for (let i = 0; i < 3; i++) films.push(await createFilm(db, { editionId: edition.id, kimId, code: `BB-${i}`, title: `Film ${"ABC"[i]}`, status: "dinilai", publicationConsent: true }));
  const closesAt = new Date(Date.now() + 2 * 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 16);
  await saveFavoritPhase(db, organiser, slug, { nominees: films.map((f) => f.id), opensAt: "", closesAt });
  const now = Date.now();
  await db.update(favoritPhases).set({ opensAt: new Date(now - 3 * 86_400_000) }).where(eq(favoritPhases.editionId, edition.id));
  // History: 600 ordinary votes, one every ~7 minutes, 300 networks, common mail domains; film A leads B leads C.
  const domains = ["gmail.com", "yahoo.co.id", "gmail.com", "ymail.com", "gmail.com", "outlook.com"];
  const history = Array.from({ length: 600 }, (_, i) => ({
    editionId: edition.id,
    categoryKey: "",
    filmId: films[i % 10 < 5 ? 0 : i % 10 < 8 ? 1 : 2].id,
    voterHash: `sejarah-${i}`,
    channel: "email",
    emailDomain: domains[i % domains.length],
    network: `36.${70 + (i % 30)}.${(i * 7) % 10}.0/24`,
    votedAt: new Date(now - 3 * 86_400_000 + i * 7 * 60_000 + ((i * 37) % 300) * 1000),
  }));
  for (let i = 0; i < history.length; i += 200) await db.insert(favoritVotes).values(history.slice(i, i + 200));
  // The burst, through the real path, for film C, from one network.
  const inbox = new Map<string, string>();
  const channels: VerificationChannel[] = [{ kind: "email", normalise: normaliseEmail, send: async (address, code) => void inbox.set(address, code) }];
  const network = "203.0.113.0/24";
  let burstVotes = 0;
  let disposableRefused = 0;
  for (let i = 0; i < 80; i++) {
    const address = `pendukung.film.c${i}@${i % 2 ? "gmail.com" : "yahoo.co.id"}`;
    const { codeId, emailDomain } = await requestCode(db, { slug, input: { address }, network, channels });
    const { ballotId } = await verifyCode(db, { slug, codeId, code: inbox.get(address)! });
    await castVotes(db, { slug, ballotId, emailDomain, choices: { "": films[2].id }, network });
    burstVotes++;
  }
  for (let i = 0; i < 10; i++) {
    try {
      await requestCode(db, { slug, input: { address: `c${i}@${["mailinator.com", "guerrillamail.com", "10minutemail.com", "yopmail.com", "tempmail.com"][i % 5]}` }, network, channels });
    } catch {
      disposableRefused++;
    }
  }
  const counts = async () => (await voteCounts(db, edition.id)).films.map((f) => `${f.title} ${f.votes}`).join(", ");
  const before = await counts();
  const view = await favoritAdminView(db, organiser, slug);
  const r = view.report;
  const wib = (d: Date) => new Intl.DateTimeFormat("id-ID", { timeZone: "Asia/Jakarta", hour: "2-digit", minute: "2-digit", second: "2-digit" }).format(d);
  const lines = [
    `burst simulation: ${history.length} ordinary votes over 3 days from 300 networks, then ${burstVotes} votes for Film C from ${network} through the real path; ${disposableRefused} of 10 throw-away addresses refused`,
    `report: ${r.valid} valid; busiest hours ${[...r.perHour].sort((a, b) => b.votes - a.votes).slice(0, 2).map((h) => `${wib(h.hour)} WIB ${h.votes}`).join(", ")} (median hour ${[...r.perHour].map((h) => h.votes).sort((a, b) => a - b)[Math.floor(r.perHour.length / 2)]})`,
    `report: top networks ${r.perNetwork.slice(0, 3).map((n) => `${n.network} ${n.votes}`).join(", ")}; top domains ${r.perDomain.slice(0, 3).map((d) => `${d.domain} ${d.votes}`).join(", ")}`,
    `report: bursts ${r.bursts.length ? r.bursts.map((b) => `${b.network} ${b.votes} votes ${wib(b.from)}–${wib(b.to)} WIB`).join("; ") : "none"}; spikes ${r.spikes.length ? r.spikes.map((s) => `${wib(s.minute)} WIB ${s.votes} votes (median minute ${s.median})`).join("; ") : "none"}`,
  ];
  const burst = r.bursts.find((b) => b.network === network);
  if (burst) {
    const { count: voided } = await voidVotes(db, organiser, slug, { voteIds: burst.voteIds, reason: "Lonjakan dari satu jaringan dalam beberapa menit (simulasi)" });
    lines.push(`per film before voiding: ${before}; after voiding the burst (${voided} votes, audited): ${await counts()}`);
  } else {
    lines.push(`per film: ${before}; the burst was NOT reported`);
  }
  return lines;
}

export async function runFavoritVoteBench(options: { log?: (line: string) => void } = {}): Promise<FavoritBenchResult> {
  const log = options.log ?? (() => {});
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "layar-bench-favorit-"));
  const handle = openDatabase(undefined, dataDir);
  try {
    await runMigrations(handle);
    const db = handle.db;
    const { editionId, films, organiser, kim } = await setup(db);
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
    const burst = await burstSimulation(db, organiser, kim.id);
    for (const line of burst) log(line);
    return { ms, baselineMs, counted: Number(totals.counted), distinct: Number(totals.distinct), refusedRetries, doubleCounted: Number(totals.counted) - Number(totals.distinct), failures, burst };
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
        ...r.burst.map((line) => `favorit ${line}`),
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
