import crypto from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { sql } from "drizzle-orm";
import type { DbHandle } from "@/lib/db/client";
import { migrationsFolder, runMigrations } from "@/lib/db/migrate";
import { withSetupLock } from "@/lib/db/setup-lock";
import { BackupError, listFiles, megabytes, sha256 } from "./backup";
import { codeMigrations, manifestName, manifestSchema, mediaMember, safeMediaKey, secretName, tableMember, type Manifest } from "./format";
import { insertionOrder, insertRows, listTables, resetSequences, rowCount, tableColumns } from "./tables";
import { listTar, readEntry, type TarEntry } from "./tar";

export type RestoreOptions = {
  handle: DbHandle;
  dataDir: string;
  file: string;
  /** NEXTAUTH_SECRET of this environment, if set (it wins over the data directory's secret). */
  envSecret?: string;
  note?: (text: string) => void;
};

export type RestoreReport = { tables: number; rows: number; files: number; mediaBytes: number; external: number; createdAt: string };

const BATCH = 2000;
// Tables the set-up fills by itself (`npm run db:migrate` imports the regions): replaced, not refused.
const REPLACEABLE = new Set(["regions"]);

/**
 * Restores a backup (backup.ts) into an empty database and data directory: migrations up to
 * the backup's, every table in one transaction, the sequences, the later migrations, then
 * every media file (checked against its SHA-256) and the signing secret. A database with any
 * row outside the region table, or a media folder with any file, is refused untouched.
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreReport> {
  const note = options.note ?? (() => {});
  const { file } = options;
  if (!fs.existsSync(file)) throw new BackupError(`Berkas ${file} tidak ditemukan.`);
  let entries: TarEntry[];
  try {
    entries = await listTar(file);
  } catch (error) {
    throw new BackupError(`Berkas ${file} bukan cadangan Layar: ${(error as Error).message}.`);
  }
  const member = (name: string) => {
    const entry = entries.find((e) => e.name === name);
    if (!entry) throw new BackupError(`Cadangan tidak lengkap: ${name} tidak ada di dalamnya.`);
    return entry;
  };
  let manifest: Manifest;
  try {
    manifest = manifestSchema.parse(JSON.parse((await readEntry(file, member(manifestName))).toString("utf8")));
  } catch (error) {
    if (error instanceof BackupError) throw new BackupError(`Berkas ${file} bukan cadangan Layar (${manifestName} tidak ada).`);
    throw new BackupError(`Berkas ${file} bukan cadangan Layar yang dikenal versi ini (${manifestName} tidak terbaca).`);
  }

  const known = codeMigrations();
  const theirs = manifest.database.migrations;
  if (theirs.length > known.length || theirs.some((tag, i) => known[i] !== tag)) {
    throw new BackupError(`Cadangan ini dibuat oleh versi Layar yang lebih baru (migrasi ${theirs.at(-1)}). Pulihkan dengan versi Layar yang sama atau lebih baru.`);
  }
  const mediaRoot = path.join(options.dataDir, "media");
  const present = await listFiles(mediaRoot);
  if (present.length) throw new BackupError(`Folder media ${mediaRoot} tidak kosong (${present.length} berkas). Pulihkan ke folder data yang kosong.`);
  for (const f of manifest.media.files) if (!safeMediaKey(f.key)) throw new BackupError(`Cadangan berisi nama berkas yang tidak aman: ${f.key}`);

  const rows = await withSetupLock(options.handle, async (locked) => {
    // The schema the backup was made with; the later migrations run once its rows are in.
    const older = theirs.length < known.length;
    const folder = older ? await migrationsUpTo(theirs.length) : migrationsFolder;
    try {
      await runMigrations(locked, folder);
    } finally {
      if (older) await fsp.rm(folder, { recursive: true, force: true });
    }
    const tables = (await listTables(locked.db)).map((t) => t.name);
    const inBackup = manifest.database.tables.map((t) => t.name);
    // A table added by a later migration stays empty; one this database lacks cannot be restored.
    const unknown = inBackup.filter((t) => !tables.includes(t));
    if (unknown.length) throw new BackupError(`Tabel di cadangan tidak ada di basis data ini (${unknown.join(", ")}).`);
    const columns = await tableColumns(locked.db);
    for (const table of tables) {
      if (REPLACEABLE.has(table)) continue;
      const n = await rowCount(locked.db, table);
      if (n > 0) throw new BackupError(`Basis data tujuan tidak kosong: tabel ${table} berisi ${n} baris. Pulihkan ke basis data yang baru dibuat.`);
    }

    let restored = 0;
    await locked.db.transaction(async (tx) => {
      for (const table of REPLACEABLE) await tx.execute(sql.raw(`delete from ${table}`));
      for (const table of await insertionOrder(tx, inBackup)) {
        const expected = manifest.database.tables.find((t) => t.name === table)!;
        const bytes = await readEntry(file, member(tableMember(table)));
        if (sha256(bytes) !== expected.sha256) throw new BackupError(`Cadangan rusak: isi tabel ${table} tidak cocok dengan sidik SHA-256-nya.`);
        const lines = zlib.gunzipSync(bytes).toString("utf8").split("\n").filter(Boolean);
        if (lines.length !== expected.rows) throw new BackupError(`Cadangan rusak: tabel ${table} berisi ${lines.length} baris, seharusnya ${expected.rows}.`);
        if (!lines.length) continue;
        const here = columns.get(table) ?? [];
        const shared = Object.keys(JSON.parse(lines[0]) as object).filter((c) => here.includes(c));
        for (let i = 0; i < lines.length; i += BATCH) await insertRows(tx, table, lines.slice(i, i + BATCH), shared);
        restored += lines.length;
      }
      await resetSequences(tx);
    });
    if (older) await runMigrations(locked);
    return restored;
  });
  note(`Basis data: ${manifest.database.tables.length} tabel, ${rows} baris dipulihkan.`);

  let mediaBytes = 0;
  for (const f of manifest.media.files) {
    await extract(file, member(mediaMember(f.key)), path.join(mediaRoot, ...f.key.split("/")), f);
    mediaBytes += f.size;
  }
  note(`Media lokal: ${manifest.media.files.length} berkas, ${megabytes(mediaBytes)} dipulihkan.`);

  const secret = (await readEntry(file, member(secretName))).toString("utf8");
  await fsp.mkdir(options.dataDir, { recursive: true });
  await fsp.writeFile(path.join(options.dataDir, "auth-secret"), secret, { mode: 0o600 });
  await fsp.chmod(path.join(options.dataDir, "auth-secret"), 0o600);
  if (options.envSecret && options.envSecret !== secret) {
    note("NEXTAUTH_SECRET di lingkungan ini berbeda dari rahasia di cadangan: sesi yang masuk sebelum pencadangan tidak berlaku lagi. " +
      `Pakai rahasia dari cadangan (kini di ${path.join(options.dataDir, "auth-secret")}) sebagai NEXTAUTH_SECRET bila sesi ingin dipertahankan.`);
  }
  if (manifest.media.external.length) {
    note(`${manifest.media.external.length} berkas media ada di penyimpanan ${[...new Set(manifest.media.external.map((e) => e.driver))].join("/")} dan tidak ada di cadangan ini: ` +
      `pulihkan bucket itu dari cadangannya sendiri (daftar di ${manifestName}, media.external).`);
  }
  return { tables: manifest.database.tables.length, rows, files: manifest.media.files.length, mediaBytes, external: manifest.media.external.length, createdAt: manifest.createdAt };
}

/** A copy of the migrations folder whose journal stops after the first `count` migrations. */
async function migrationsUpTo(count: number): Promise<string> {
  const folder = await fsp.mkdtemp(path.join(os.tmpdir(), "layar-migrations-"));
  await fsp.cp(migrationsFolder, folder, { recursive: true });
  const journalFile = path.join(folder, "meta", "_journal.json");
  const journal = JSON.parse(await fsp.readFile(journalFile, "utf8")) as { entries: unknown[] };
  journal.entries = journal.entries.slice(0, count);
  await fsp.writeFile(journalFile, JSON.stringify(journal));
  return folder;
}

/** Copies one media file out of the archive, checking its size and SHA-256 as it goes. */
async function extract(file: string, entry: TarEntry, target: string, expected: { key: string; size: number; sha256: string }): Promise<void> {
  if (entry.size !== expected.size) throw new BackupError(`Cadangan rusak: ukuran ${expected.key} tidak cocok.`);
  await fsp.mkdir(path.dirname(target), { recursive: true });
  const input = await fsp.open(file, "r");
  const output = await fsp.open(target, "wx");
  const hash = crypto.createHash("sha256");
  try {
    const buffer = Buffer.alloc(1024 * 1024);
    for (let done = 0; done < entry.size; ) {
      const { bytesRead } = await input.read(buffer, 0, Math.min(buffer.length, entry.size - done), entry.offset + done);
      if (bytesRead === 0) throw new BackupError("Cadangan terpotong.");
      const chunk = buffer.subarray(0, bytesRead);
      hash.update(chunk);
      for (let written = 0; written < chunk.length; ) written += (await output.write(chunk, written, chunk.length - written)).bytesWritten;
      done += bytesRead;
    }
  } finally {
    await input.close();
    await output.close();
  }
  if (hash.digest("hex") !== expected.sha256) throw new BackupError(`Cadangan rusak: isi ${expected.key} tidak cocok dengan sidik SHA-256-nya.`);
}
