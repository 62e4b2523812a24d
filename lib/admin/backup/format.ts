import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { migrationsFolder } from "@/lib/db/migrate";

/**
 * A Layar backup (docs/decisions/0024-backup-and-restore.md): one tar file holding
 *   layar-backup.json           this manifest (written last)
 *   auth-secret                 the session signing secret in use
 *   database/<table>.ndjson.gz  every table, one JSON row per line
 *   media/<key>                 every file under <dataDir>/media
 * Media on S3 or UploadThing are listed in the manifest (`media.external`), not copied: the
 * operator's own backup of the bucket covers them.
 */
export const manifestName = "layar-backup.json";
export const secretName = "auth-secret";
export const tableMember = (table: string) => `database/${table}.ndjson.gz`;
export const mediaMember = (key: string) => `media/${key}`;

export const manifestSchema = z.object({
  format: z.literal("layar-backup"),
  version: z.literal(1),
  createdAt: z.string(),
  database: z.object({
    kind: z.enum(["pglite", "postgres"]),
    /** The migrations applied to the database the backup was made from, in order. */
    migrations: z.array(z.string()),
    tables: z.array(z.object({ name: z.string().regex(/^[a-z_][a-z0-9_]*$/), rows: z.number().int().min(0), sha256: z.string() })),
  }),
  authSecret: z.object({ from: z.enum(["NEXTAUTH_SECRET", "data-dir"]) }),
  media: z.object({
    files: z.array(z.object({ key: z.string(), size: z.number().int().min(0), sha256: z.string() })),
    external: z.array(z.object({ driver: z.string(), key: z.string(), sizeBytes: z.number().nullable() })),
  }),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** The migration tags this version of Layar has, in order. */
export function codeMigrations(folder = migrationsFolder): string[] {
  const journal = JSON.parse(fs.readFileSync(path.join(folder, "meta", "_journal.json"), "utf8")) as { entries: { tag: string }[] };
  return journal.entries.map((e) => e.tag);
}

/** A media key as stored in film_media (relative, forward slashes, never leaving the media root). */
export function safeMediaKey(key: string): boolean {
  return key.length > 0 && !key.startsWith("/") && !key.includes("\\") && !key.includes("\0") && key.split("/").every((part) => part !== "" && part !== "." && part !== "..");
}
