import { ZodError } from "zod";
import type { Db } from "@/lib/db/client";
import { DatabaseInUseError } from "@/lib/db/data-dir-lock";
import { AppError } from "@/lib/errors";
import { EnvironmentError, UsageError, type AdminCommand, type AdminContext } from "./command";
import { adminCommands } from "./commands";

export type AdminIo = {
  out: (text: string) => void;
  err: (text: string) => void;
  readFile: (path: string) => Promise<string>;
  /** Opens the configured database (PGlite in the data dir, or DATABASE_URL) and its closer; `create`: also one not set up yet. */
  openDb: (options?: { create?: boolean }) => Promise<{ db: Db; close: () => Promise<void> }>;
};

/** Exit codes: 0 done, 1 the environment failed (database in use or unreachable), 2 bad input. */
export async function runAdmin(argv: string[], io: AdminIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    io.out(helpText());
    return name ? 0 : 2;
  }
  const command = adminCommands.find((c) => c.name === name);
  if (!command) {
    io.err(`Perintah "${name}" tidak dikenal. Lihat daftar perintah: npm run admin -- help`);
    return 2;
  }
  let parsed: Pick<AdminContext, "positional" | "options">;
  try {
    parsed = parseArguments(rest);
    const unknown = command.options && Object.keys(parsed.options).find((key) => !command.options!.includes(key));
    if (unknown) throw new UsageError(`Opsi --${unknown} tidak dikenal. Pemakaian: npm run admin -- ${command.usage}`);
    command.check?.(parsed);
  } catch (error) {
    io.err(message(error));
    return 2;
  }
  let opened: Awaited<ReturnType<AdminIo["openDb"]>> | undefined;
  try {
    if (command.needsDatabase) opened = await io.openDb({ create: command.createsDatabase === true });
    await command.run({ db: opened?.db as Db, ...parsed, out: io.out, note: io.err, readFile: io.readFile });
    return 0;
  } catch (error) {
    io.err(message(error));
    return error instanceof DatabaseInUseError || !isInputError(error) ? 1 : 2;
  } finally {
    await opened?.close();
  }
}

function isInputError(error: unknown): boolean {
  return error instanceof UsageError || error instanceof ZodError || (error instanceof AppError && error.code !== "forbidden");
}

/** One line for the operator, whatever was thrown. */
function message(error: unknown): string {
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    const where = issue.path.length ? `${issue.path.join(".")}: ` : "";
    return `${where}${issue.message}`;
  }
  if (error instanceof AppError) {
    const field = error.fieldErrors && Object.entries(error.fieldErrors)[0];
    return field && !error.userMessage.includes(field[1][0]) ? `${error.userMessage} (${field[0]}: ${field[1][0]})` : error.userMessage;
  }
  if (error instanceof UsageError || error instanceof DatabaseInUseError || error instanceof EnvironmentError) return error.message;
  // Drizzle wraps the driver's error ("Failed query: ..."); the reason is in its cause.
  const texts: string[] = [];
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    texts.push(e instanceof Error ? e.message || (e as NodeJS.ErrnoException).code || e.name : String(e));
  }
  const reason = texts.find((t) => !t.startsWith("Failed query:")) ?? texts[0] ?? "";
  if (texts.some((t) => /relation "[^"]+" does not exist/.test(t))) return "Basis data belum disiapkan. Jalankan dulu: npm run db:migrate";
  if (texts.some((t) => /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|password authentication failed|database "[^"]+" does not exist|connect ETIMEDOUT/.test(t))) {
    return `Tidak dapat terhubung ke basis data (DATABASE_URL): ${oneLine(reason)}`;
  }
  return `Gagal: ${oneLine(reason)}`;
}

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, "; ");

export function parseArguments(words: string[]): Pick<AdminContext, "positional" | "options"> {
  const positional: string[] = [];
  const options: Record<string, string> = {};
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (!word.startsWith("--")) {
      positional.push(word);
      continue;
    }
    const [key, inline] = word.slice(2).split(/=(.*)/s, 2);
    if (!/^[a-z][a-z-]*$/.test(key)) throw new UsageError(`Opsi "${word}" tidak dikenal.`);
    if (inline !== undefined) options[key] = inline;
    else if (i + 1 < words.length && !words[i + 1].startsWith("--")) options[key] = words[++i];
    else options[key] = "true";
  }
  return { positional, options };
}

export function helpText(commands: AdminCommand[] = adminCommands): string {
  const width = Math.max(...commands.map((c) => c.usage.length));
  return [
    "Perintah pengelola Layar: npm run admin -- <perintah> [opsi]",
    "",
    ...commands.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
    `  ${"help".padEnd(width)}  Menampilkan daftar ini.`,
    "",
    "Basis data: PGlite di LAYAR_DATA_DIR (hentikan server dulu), atau server PostgreSQL bila DATABASE_URL diisi.",
    "Kode keluar: 0 berhasil, 1 basis data tidak bisa dipakai, 2 masukan salah.",
  ].join("\n");
}
