import crypto from "node:crypto";

/** The version part of a logo's address (`?v=`), from its key: a new logo is a new address. */
export function logoVersion(key: string | null): string | null {
  return key ? crypto.createHash("sha256").update(key).digest("hex").slice(0, 12) : null;
}

/** Where a KIM's logo is served, versioned so it can be cached for long. */
export function logoUrl(slug: string, key: string | null): string | null {
  return key ? `/api/kim/${slug}/logo?v=${logoVersion(key)}` : null;
}
