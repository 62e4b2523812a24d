import { z } from "zod";
import { placementSlugs } from "./placements";
import { nameText } from "@/lib/text/sanitise";

/** "Year not given" in ?tahun=: archived results whose source names no year. */
export const noYear = "tanpa";

// One set of filters for /arsip and /api/v1/arsip, named as they read in the URL.
const fields = {
  q: nameText().trim().min(1).max(100),
  tahun: z.union([z.literal(noYear), z.string().regex(/^\d{4}$/, "Tahun berupa empat angka, atau 'tanpa' untuk tahun yang tidak disebutkan.")]),
  tingkat: z.enum(["kabupaten", "provinsi"]),
  kabupaten: z.string().regex(/^\d{2}\.\d{2}$/, "Kabupaten berupa kode wilayah, mis. 33.13."),
  kim: z.string().regex(/^[a-z0-9-]{1,100}$/, "KIM berupa slug, mis. kim-manteb-karangpandan."),
  juara: z.enum(placementSlugs),
  tema: nameText().trim().min(1).max(200),
  halaman: z.coerce.number().int().min(1).max(100_000),
};

type Fields = typeof fields;
export type ArchiveQuery = { [K in keyof Fields]?: z.infer<Fields[K]> };
export const archiveFilterNames = Object.keys(fields) as (keyof Fields)[];

// Empty selects in the GET form submit "": that means "any".
function present(params: URLSearchParams | Record<string, string | string[] | undefined>): Record<string, string> {
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v] as const);
  return Object.fromEntries(entries.filter((e): e is [string, string] => typeof e[1] === "string" && e[1].trim() !== ""));
}

/** For the JSON API: a malformed filter is a ZodError (422 with a message saying what to send). */
export function parseArchiveQueryStrict(params: URLSearchParams): ArchiveQuery {
  return z.object(fields).partial().parse(present(params));
}

/** For the page: a malformed filter (a hand-edited link) is ignored rather than an error. */
export function parseArchiveQuery(params: URLSearchParams | Record<string, string | string[] | undefined>): ArchiveQuery {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(present(params))) {
    const schema = fields[name as keyof Fields];
    const parsed = schema?.safeParse(value);
    if (parsed?.success) out[name] = parsed.data;
  }
  return out as ArchiveQuery;
}

/** The query string for the same filters on another page (pagination links). */
export function archiveHref(query: ArchiveQuery, page?: number): string {
  const params = new URLSearchParams();
  for (const name of archiveFilterNames) {
    const value = name === "halaman" ? page : query[name];
    if (value !== undefined && !(name === "halaman" && value === 1)) params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `/arsip?${text}` : "/arsip";
}
