import crypto from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import zlib from "node:zlib";
import { sql } from "drizzle-orm";
import type { Db, DbLike } from "@/lib/db/client";
import { codeMigrations, manifestName, mediaMember, secretName, tableMember, type Manifest } from "./format";
import { listTables, tablePage } from "./tables";
import { TarWriter } from "./tar";

/** A backup or restore that cannot be done as asked; the message says why, in Indonesian. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}

export type BackupOptions = {
  db: Db;
  kind: "pglite" | "postgres";
  /** LAYAR_DATA_DIR: local media are under <dataDir>/media. */
  dataDir: string;
  /** The session signing secret in use, and where it comes from. */
  authSecret: { value: string; from: "NEXTAUTH_SECRET" | "data-dir" };
  file: string;
  note?: (text: string) => void;
};

export type BackupReport = { file: string; bytes: number; tables: number; rows: number; files: number; mediaBytes: number; external: Manifest["media"]["external"] };

const PAGE = 5000;

/**
 * Writes a backup of the database (every table, from one consistent snapshot), the signing
 * secret and the local media into `file` (a tar, see format.ts). Written next to `file` under
 * another name and renamed at the end, so a file with the name asked for is always complete.
 */
export async function createBackup(options: BackupOptions): Promise<BackupReport> {
  const note = options.note ?? (() => {});
  if (fs.existsSync(options.file)) throw new BackupError(`Berkas ${options.file} sudah ada; pilih nama lain (cadangan tidak ditimpa).`);
  const partial = `${options.file}.partial-${process.pid}`;
  const tar = await TarWriter.create(partial).catch((error: NodeJS.ErrnoException) => {
    throw new BackupError(`Berkas ${options.file} tidak bisa ditulis: ${error.code === "ENOENT" ? "foldernya tidak ada" : error.message}`);
  });
  try {
    // One snapshot for every table: a backup taken while a server instance writes is consistent.
    const database = await options.db.transaction(
      async (tx) => {
        const migrations = await appliedMigrations(tx);
        const tables: Manifest["database"]["tables"] = [];
        for (const table of await listTables(tx)) {
          const gzip = zlib.createGzip();
          const chunks: Buffer[] = [];
          gzip.on("data", (chunk: Buffer) => chunks.push(chunk));
          const ended = new Promise((resolve, reject) => gzip.on("end", resolve).on("error", reject));
          let rows = 0;
          for (;;) {
            const page = await tablePage(tx, table, rows, PAGE);
            if (page.length) gzip.write(page.join("\n") + "\n");
            rows += page.length;
            if (page.length < PAGE) break;
          }
          gzip.end();
          await ended;
          const bytes = Buffer.concat(chunks);
          await tar.addBuffer(tableMember(table.name), bytes);
          tables.push({ name: table.name, rows, sha256: sha256(bytes) });
        }
        const external = (await tx.execute(
          sql`select storage_driver as driver, storage_key as key, size_bytes as "sizeBytes" from film_media where storage_driver <> 'local' order by storage_key`,
        )) as unknown as { rows: { driver: string; key: string; sizeBytes: number | string | null }[] };
        return {
          migrations,
          tables,
          external: external.rows.map((r) => ({ driver: r.driver, key: r.key, sizeBytes: r.sizeBytes === null ? null : Number(r.sizeBytes) })),
        };
      },
      { isolationLevel: "repeatable read", accessMode: "read only" },
    );
    const rows = database.tables.reduce((sum, t) => sum + t.rows, 0);
    note(`Basis data: ${database.tables.length} tabel, ${rows} baris.`);

    const files: Manifest["media"]["files"] = [];
    const mediaRoot = path.join(options.dataDir, "media");
    for (const key of await listFiles(mediaRoot)) {
      const { size } = await fsp.stat(path.join(mediaRoot, key));
      files.push({ key, size, sha256: await tar.addFile(mediaMember(key), path.join(mediaRoot, key), size) });
    }
    const mediaBytes = files.reduce((sum, f) => sum + f.size, 0);
    note(`Media lokal: ${files.length} berkas, ${megabytes(mediaBytes)}.`);
    if (database.external.length) {
      note(
        `${database.external.length} berkas media ada di penyimpanan ${[...new Set(database.external.map((e) => e.driver))].join("/")} dan TIDAK disalin: ` +
          `cadangkan bucket itu dengan alat penyimpanannya sendiri. Daftarnya ada di ${manifestName} (media.external).`,
      );
    }

    await tar.addBuffer(secretName, Buffer.from(options.authSecret.value, "utf8"));
    const manifest: Manifest = {
      format: "layar-backup",
      version: 1,
      createdAt: new Date().toISOString(),
      database: { kind: options.kind, migrations: database.migrations, tables: database.tables },
      authSecret: { from: options.authSecret.from },
      media: { files, external: database.external },
    };
    await tar.addBuffer(manifestName, Buffer.from(JSON.stringify(manifest, null, 2) + "\n", "utf8"));
    const bytes = await tar.close();
    await fsp.rename(partial, options.file);
    return { file: options.file, bytes, tables: database.tables.length, rows, files: files.length, mediaBytes, external: database.external };
  } catch (error) {
    await tar.abandon();
    await fsp.rm(partial, { force: true });
    throw error;
  }
}

/** The tags of the migrations applied to this database, in order (drizzle records them by number). */
async function appliedMigrations(db: DbLike): Promise<string[]> {
  const result = (await db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`)) as unknown as { rows: { n: number }[] };
  const applied = Number(result.rows[0].n);
  const known = codeMigrations();
  if (applied > known.length) throw new BackupError(`Basis data memakai ${applied} migrasi, versi Layar ini hanya mengenal ${known.length}: pakai versi Layar yang sama dengan server.`);
  return known.slice(0, applied);
}

/** Every regular file under `root`, as keys relative to it with forward slashes, sorted. */
export async function listFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  async function walk(dir: string, prefix: string) {
    let entries: fs.Dirent[];
    try {
      entries = await fsp.readdir(dir, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
      throw error;
    }
    for (const entry of entries) {
      const key = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(path.join(dir, entry.name), key);
      else if (entry.isFile()) found.push(key);
    }
  }
  await walk(root, "");
  return found.sort();
}

export const sha256 = (bytes: Buffer) => crypto.createHash("sha256").update(bytes).digest("hex");
export const megabytes = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;
