// `npm run admin -- <command> [options]`: the operator's commands (the first organiser, edition
// export and import). `npm run admin -- help` lists them. The commands live in lib/admin/.
import fs from "node:fs";
import path from "node:path";
import { EnvironmentError, UsageError } from "@/lib/admin/command";
import { runAdmin } from "@/lib/admin/run-admin";
import { openDatabase } from "@/lib/db/client";
import { env } from "@/lib/env";

const out = standardOutput();
const code = await runAdmin(process.argv.slice(2), {
  out,
  err: (text) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
  readFile: (file) =>
    file === "-"
      ? readStdin()
      : fs.promises.readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
          throw new UsageError(error.code === "ENOENT" ? `Berkas ${file} tidak ditemukan.` : `Berkas ${file} tidak bisa dibaca: ${error.message}`);
        }),
  openDb: async ({ create = false } = {}) => {
    let settings: ReturnType<typeof env>;
    try {
      settings = env();
    } catch (error) {
      throw new EnvironmentError((error as Error).message.replace(/:\n\s*/, ": ").replace(/\n\s*/g, "; "));
    }
    const { DATABASE_URL, dataDir } = settings;
    // Opening a missing embedded database would create an empty one; say what to do instead.
    if (!create && !DATABASE_URL && !fs.existsSync(path.join(dataDir, "pglite", "PG_VERSION"))) {
      throw new EnvironmentError(`Basis data di ${dataDir} belum disiapkan. Jalankan dulu: npm run db:migrate`);
    }
    const handle = openDatabase(DATABASE_URL, dataDir);
    return { db: handle.db, close: handle.close };
  },
});
// Not process.exit(): a large export piped elsewhere must be written out first.
process.exitCode = code;

/**
 * `npm run admin -- export-edition x > f.json`: npm writes its "> layar@0.1.0 admin" banner to
 * standard output before this script starts, so f.json would not be JSON. When standard output
 * is a file holding exactly that banner, it is cleared and the output starts at its beginning.
 */
function standardOutput(): (text: string) => void {
  const line = (text: string) => (text.endsWith("\n") ? text : `${text}\n`);
  let position: number | null = null;
  try {
    const stat = fs.fstatSync(1);
    if (stat.isFile() && stat.size > 0 && stat.size < 2000) {
      // The shell opened it write-only; read it again by its path (Linux names it in /proc).
      const written = fs.readFileSync(fs.readlinkSync("/proc/self/fd/1"), "utf8");
      if (/^\n?> \S+ admin\n> [^\n]*\n\n?$/.test(written)) {
        fs.ftruncateSync(1, 0);
        position = 0;
      }
    }
  } catch {
    // Not readable (a pipe, a terminal, a write-only file): write as usual.
  }
  return (text) => {
    const bytes = Buffer.from(line(text), "utf8");
    if (position === null) return void process.stdout.write(bytes);
    fs.writeSync(1, bytes, 0, bytes.length, position);
    position += bytes.length;
  };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
