import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { filmMedia } from "@/lib/db/schema";
import { getFestivalPage } from "@/lib/public/get-festival-page";
import { getPublicFilm } from "@/lib/public/get-public-film";
import { editionOgText, editionPoster, filmOgText, ogVersion } from "./og-facts";
import type { OgInputs } from "./og-image";

/**
 * The inputs of a link-preview image read from the database: null for a film or edition
 * that is not public (the rule is the public pages' own, see og-facts.ts).
 */

async function currentPoster(db: Db, filmId: string): Promise<{ id: string; storageKey: string } | null> {
  const [row] = await db
    .select({ id: filmMedia.id, storageKey: filmMedia.storageKey })
    .from(filmMedia)
    .where(and(eq(filmMedia.filmId, filmId), eq(filmMedia.kind, "poster"), eq(filmMedia.isCurrent, true), eq(filmMedia.status, "ok")))
    .limit(1);
  return row ?? null;
}

export type OgSource = OgInputs & { version: string };

function withVersion(inputs: OgInputs): OgSource {
  return { ...inputs, version: ogVersion({ ...inputs, posterVersion: inputs.poster?.version ?? null }) };
}

/** A public film's image inputs, or null (not public, or no such film). */
export async function filmOgSource(db: Db, filmId: string, now = new Date()): Promise<OgSource | null> {
  const film = await getPublicFilm(db, filmId, now);
  if (!film) return null;
  const poster = film.posterVersion ? await currentPoster(db, film.id) : null;
  return withVersion({ kind: "film", id: film.id, text: filmOgText(film), poster: poster && film.posterVersion ? { version: film.posterVersion, storageKey: poster.storageKey } : null });
}

/** A published edition's image inputs, or null (not found, draft, or results not public). */
export async function editionOgSource(db: Db, slug: string, now = new Date()): Promise<OgSource | null> {
  if (!/^[a-z0-9-]{1,120}$/.test(slug)) return null;
  const page = await getFestivalPage(db, slug, now);
  const text = page ? editionOgText(page) : null;
  if (!page || !text) return null;
  const winner = editionPoster(page);
  const poster = winner?.filmId && winner.posterVersion ? await currentPoster(db, winner.filmId) : null;
  return withVersion({ kind: "edition", id: page.slug, text, poster: poster && winner?.posterVersion ? { version: winner.posterVersion, storageKey: poster.storageKey } : null });
}
