import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { kimGroups } from "@/lib/db/schema";
import { notFound } from "@/lib/errors";
import type { StorageDriver } from "@/lib/storage";
import { logoVersion } from "./logo-version";

/**
 * A KIM's logo for everyone (it is on the public profile). The address carries the logo's
 * version (`?v=`, from its storage key): with the current version the answer may be kept a
 * year (a new logo is a new address); without it, five minutes.
 */
export async function kimLogoResponse(db: Db, storage: StorageDriver, slug: string, version: string | null): Promise<Response> {
  if (!/^[a-z0-9-]{1,100}$/.test(slug)) throw notFound();
  const [kim] = await db.select({ logoKey: kimGroups.logoKey }).from(kimGroups).where(eq(kimGroups.slug, slug));
  if (!kim?.logoKey) throw notFound();
  const chunks: Buffer[] = [];
  for await (const chunk of await storage.read(kim.logoKey)) chunks.push(Buffer.from(chunk));
  const body = Buffer.concat(chunks);
  const current = logoVersion(kim.logoKey);
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "image/webp",
      "Content-Length": String(body.length),
      "Cache-Control": version === current ? "public, max-age=31536000, immutable" : "public, max-age=300",
      ETag: `"${current}"`,
      "X-Content-Type-Options": "nosniff",
    },
  });
}
