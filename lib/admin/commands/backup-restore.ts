import fs from "node:fs";
import { authSecret } from "@/lib/auth/secret";
import { databaseKind } from "@/lib/db/setup-lock";
import { env } from "@/lib/env";
import { BackupError, createBackup, megabytes } from "../backup/backup";
import { restoreBackup } from "../backup/restore";
import { EnvironmentError, UsageError, type AdminCommand } from "../command";

// The whole installation into one file and back (docs/decisions/0024-backup-and-restore.md):
// the database, the session signing secret and the media on local disk.

function oneFile(positional: string[], usage: string): string {
  const [file, extra] = positional;
  if (!file || extra !== undefined || file === "-") throw new UsageError(`Sebutkan satu berkas. Pemakaian: npm run admin -- ${usage}`);
  return file;
}

async function asEnvironmentError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof BackupError) throw new EnvironmentError(error.message);
    throw error;
  }
}

const backupUsage = "backup BERKAS.tar";
export const backupCommand: AdminCommand = {
  name: "backup",
  usage: backupUsage,
  summary: "Mencadangkan basis data, rahasia sesi dan media lokal ke satu berkas (media di S3 hanya didaftar).",
  needsDatabase: true,
  options: [],
  check({ positional }) {
    const file = oneFile(positional, backupUsage);
    if (fs.existsSync(file)) throw new UsageError(`Berkas ${file} sudah ada; pilih nama lain (cadangan tidak ditimpa).`);
  },
  async run({ db, positional, out, note }) {
    const file = oneFile(positional, backupUsage);
    const { dataDir, NEXTAUTH_SECRET } = env();
    const report = await asEnvironmentError(() =>
      createBackup({ db, kind: databaseKind(db), dataDir, authSecret: { value: authSecret(), from: NEXTAUTH_SECRET ? "NEXTAUTH_SECRET" : "data-dir" }, file, note }),
    );
    const done = `Cadangan ditulis: ${report.file} (${megabytes(report.bytes)}; ${report.tables} tabel, ${report.rows} baris, ${report.files} berkas media).`;
    out(done);
    const warning = "Berkas ini berisi hash kata sandi dan rahasia sesi: simpan di tempat yang aman.";
    note(warning);
  },
};

const restoreUsage = "restore BERKAS.tar";
export const restoreCommand: AdminCommand = {
  name: "restore",
  usage: restoreUsage,
  summary: "Memulihkan cadangan ke basis data dan folder data yang masih kosong.",
  needsDatabase: true,
  createsDatabase: true,
  options: [],
  check({ positional }) {
    const file = oneFile(positional, restoreUsage);
    if (!fs.existsSync(file)) throw new UsageError(`Berkas ${file} tidak ditemukan.`);
  },
  async run({ db, positional, out, note }) {
    const file = oneFile(positional, restoreUsage);
    const { dataDir, NEXTAUTH_SECRET } = env();
    const report = await asEnvironmentError(() =>
      restoreBackup({ handle: { db, kind: databaseKind(db), close: async () => {} }, dataDir, file, envSecret: NEXTAUTH_SECRET, note }),
    );
    const done = `Cadangan ${report.createdAt} dipulihkan: ${report.tables} tabel, ${report.rows} baris, ${report.files} berkas media (${megabytes(report.mediaBytes)}).`;
    out(done);
  },
};
