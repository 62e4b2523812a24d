import type { Db } from "@/lib/db/client";

/**
 * One `npm run admin -- <name> ...` command. Commands are plain functions over the database so
 * the tests run them in-process; scripts/admin.ts only opens the database and prints.
 */
export type AdminCommand = {
  name: string;
  /** e.g. "create-organiser --email E --name N --region CODE" */
  usage: string;
  /** One line, Indonesian, for `help`. */
  summary: string;
  /** Whether it needs the database (help does not). */
  needsDatabase: boolean;
  /** Whether it may open a database that is not set up yet (restore fills an empty one). */
  createsDatabase?: boolean;
  /** The --options it takes; when given, any other option is refused before the database opens. */
  options?: string[];
  /** Checks the arguments before the database is opened (a typo costs no wait for the database). */
  check?(args: Pick<AdminContext, "positional" | "options">): void;
  run(context: AdminContext): Promise<void>;
};

export type AdminContext = {
  db: Db;
  /** Words after the command name that are not --options. */
  positional: string[];
  /** --name value and --name=value; a bare --flag is "true". */
  options: Record<string, string>;
  /** Standard output: what the command produces (a link, a JSON file). */
  out: (text: string) => void;
  /** Standard error: progress and notes for the operator. */
  note: (text: string) => void;
  readFile: (path: string) => Promise<string>;
};

/** Bad input from the operator: one line on standard error, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** The database or the settings cannot serve the command: one line on standard error, exit code 1. */
export class EnvironmentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EnvironmentError";
  }
}

/** The value of a required --option, or a UsageError naming it. */
export function requiredOption(context: Pick<AdminContext, "options">, name: string, usage: string): string {
  const value = context.options[name];
  if (value === undefined || value === "true" || value.trim() === "") throw new UsageError(`Opsi --${name} wajib diisi. Pemakaian: npm run admin -- ${usage}`);
  return value.trim();
}
