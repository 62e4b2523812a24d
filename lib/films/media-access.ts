import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { editions, favoritNominees, favoritPhases, filmMedia, films, judgeAssignments, judgingRounds, placements, specialAwards } from "@/lib/db/schema";
import type { SessionUser } from "@/lib/auth/authenticate";
import { actorFromUserRow, type Actor, type SessionClaims } from "@/lib/auth/session";
import { organiserCovers } from "@/lib/auth/scope";
import { resultsArePublic } from "@/lib/editions/list-editions";

export type MediaKind = "video" | "poster" | "subtitle";
/** "nominee": anyone, for a favorit nominee while its vote is public (docs/decisions/0036). */
export type Viewer = "owner" | "organiser" | "judge" | "public" | "nominee";

const filmIdPattern = /^[0-9a-f-]{36}$/i;

/**
 * Who may see a film's media, decided in one place: the KIM that made it, the
 * organisers whose region holds the edition, the judges assigned to it (who get
 * the copy without identifying metadata), and the public once the film is in a
 * published result, or while it is a favorit nominee whose phase has opened and is not yet
 * closed (or closed and awarded): then the stripped copy, privately cached, since the KIM
 * may still be unknown to the judges. Anyone else gets null, the same answer as "no such film".
 * The two facts that need more rows come as callbacks, asked only when the rule
 * gets to them (viewerOf queries them then; mediaForRequest has them already).
 */
async function decideViewer(
  actor: SessionUser | null,
  film: { kimId: string | null },
  edition: { regionCode: string | null; status: string; scheduledPublishAt?: Date | null },
  facts: { judgeAssigned: () => Promise<boolean> | boolean; placed: () => Promise<boolean> | boolean; nominee: () => Promise<boolean> | boolean },
): Promise<Viewer | null> {
  if (actor?.status === "active") {
    if (actor.role === "kim" && actor.kimId === film.kimId) return "owner";
    if (organiserCovers(actor, edition.regionCode)) return "organiser";
    if (actor.role === "judge" && (await facts.judgeAssigned())) return "judge";
  }
  if (resultsArePublic(edition) && (await facts.placed())) return "public";
  if (await facts.nominee()) return "nominee";
  return null;
}

/** The media kind a viewer gets for a requested kind: judges get the stripped copy of the video. */
const wantedKind = (kind: MediaKind, viewer: Viewer) => (kind === "video" && (viewer === "judge" || viewer === "nominee") ? "judge_video" : kind);

export async function viewerOf(db: Db, actor: SessionUser | null, filmId: string): Promise<{ viewer: Viewer; film: typeof films.$inferSelect } | null> {
  if (!filmIdPattern.test(filmId)) return null;
  const [row] = await db
    .select({ film: films, edition: editions })
    .from(films)
    .innerJoin(editions, eq(editions.id, films.editionId))
    .where(eq(films.id, filmId));
  if (!row) return null;
  const { film, edition } = row;
  const viewer = await decideViewer(actor, film, edition, {
    judgeAssigned: async () => {
      const [assigned] = await db
        .select({ id: judgeAssignments.id })
        .from(judgeAssignments)
        .innerJoin(judgingRounds, eq(judgingRounds.id, judgeAssignments.roundId))
        .where(and(eq(judgeAssignments.filmId, film.id), eq(judgeAssignments.judgeId, actor!.id), isNull(judgeAssignments.removedAt)));
      return Boolean(assigned);
    },
    placed: async () => {
      // A placement or a special award puts the film in the published results.
      const [placed] = await db.select({ n: sql<number>`1` }).from(placements).where(eq(placements.filmId, film.id)).limit(1);
      if (placed) return true;
      const [awarded] = await db.select({ n: sql<number>`1` }).from(specialAwards).where(eq(specialAwards.filmId, film.id)).limit(1);
      return Boolean(awarded);
    },
    nominee: async () => {
      const [open] = await db
        .select({ n: sql<number>`1` })
        .from(favoritNominees)
        .innerJoin(favoritPhases, eq(favoritPhases.editionId, favoritNominees.editionId))
        .where(and(eq(favoritNominees.editionId, film.editionId), eq(favoritNominees.filmId, film.id), sql`${favoritPhases.opensAt} <= now() and (${favoritPhases.closesAt} > now() or ${favoritPhases.awardedAt} is not null)`))
        .limit(1);
      return Boolean(open);
    },
  });
  return viewer ? { viewer, film } : null;
}

/** The current file of a kind for this viewer: judges get the stripped copy of the video. */
export async function currentMedia(db: Db, filmId: string, kind: MediaKind, viewer: Viewer) {
  const [media] = await db
    .select()
    .from(filmMedia)
    .where(and(eq(filmMedia.filmId, filmId), eq(filmMedia.kind, wantedKind(kind, viewer)), eq(filmMedia.isCurrent, true), eq(filmMedia.status, "ok")))
    .limit(1);
  return media ?? null;
}

export type ServedMedia = { id: string; storageKey: string; sizeBytes: number | null; mimeType: string | null; sha256: string | null };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Everything a media request needs, in one statement: the session user's row, the
 * film and its edition, whether that user is an assigned judge, whether the film
 * is placed or a public favorit nominee, and the current files of the requested kind and its judge copy.
 * $1 user id (or null), $2 and $3 the media kinds, $4 the film id, $5 the session id (or null).
 */
const mediaAccessSql = `select f.kim_id, f.code,
  e.region_code as edition_region_code, e.status as edition_status, e.scheduled_publish_at,
  u.id as user_id, u.email as user_email, u.name as user_name, u.role as user_role, u.status as user_status,
  u.region_code as user_region_code, u.kim_id as user_kim_id, u.password_changed_at as user_password_changed_at,
  us.id as session_id, us.expires_at as session_expires_at, us.ended_at as session_ended_at,
  exists (select 1 from judge_assignments ja inner join judging_rounds jr on jr.id = ja.round_id
    where ja.film_id = f.id and ja.judge_id = u.id and ja.removed_at is null) as judge_assigned,
  (exists (select 1 from placements p where p.film_id = f.id) or exists (select 1 from special_awards s where s.film_id = f.id)) as placed,
  exists (select 1 from favorit_nominees fn inner join favorit_phases fp on fp.edition_id = fn.edition_id
    where fn.edition_id = f.edition_id and fn.film_id = f.id and fp.opens_at <= now() and (fp.closes_at > now() or fp.awarded_at is not null)) as nominee,
  m.kind as media_kind, m.id as media_id, m.storage_key, m.size_bytes, m.mime_type, m.sha256
from films f
inner join editions e on e.id = f.edition_id
left join users u on u.id = $1
left join user_sessions us on us.id = $5 and us.user_id = u.id
left join film_media m on m.film_id = f.id and m.kind in ($2, $3) and m.is_current and m.status = 'ok'
where f.id = $4`;

type AccessRow = {
  kim_id: string | null;
  code: string;
  edition_region_code: string | null;
  edition_status: string;
  scheduled_publish_at: Date | null;
  user_id: string | null;
  user_email: string;
  user_name: string;
  user_role: Actor["role"];
  user_status: Actor["status"];
  user_region_code: string | null;
  user_kim_id: string | null;
  user_password_changed_at: Date | null;
  session_id: string | null;
  session_expires_at: Date | string | null;
  session_ended_at: Date | string | null;
  judge_assigned: boolean;
  placed: boolean;
  nominee: boolean;
  media_kind: string | null;
  media_id: string;
  storage_key: string;
  size_bytes: string | number | null;
  mime_type: string | null;
  sha256: string | null;
};

type PgliteLike = { exec: (query: string) => Promise<{ rows: unknown[] }[]>; query: (query: string) => Promise<unknown> };
type PoolLike = { query: (config: { name: string; text: string; values: unknown[] }) => Promise<{ rows: unknown[] }> };

// The embedded database plans a statement anew on every query, and planning this
// five-table statement costs several times its execution (1.5 ms against 0.4 ms).
// PREPARE keeps its plan for the life of the process; EXECUTE then takes the values
// as literals, which is safe here because every value is a checked UUID, one of the
// fixed media kinds, or null. PostgreSQL gets a named statement per connection instead.
const statementName = "layar_film_media_access_v6";
const preparedOn = new WeakMap<object, Promise<unknown>>();

async function runAccessQuery(db: Db, values: [string | null, MediaKind | "judge_video", MediaKind | "judge_video", string, string | null]): Promise<AccessRow[]> {
  const client = (db as unknown as { $client?: unknown }).$client;
  if (client && typeof (client as PgliteLike).exec === "function") {
    const pglite = client as PgliteLike;
    let ready = preparedOn.get(pglite);
    if (!ready) {
      ready = pglite
        .query(`prepare ${statementName} (uuid, media_kind, media_kind, uuid, uuid) as ${mediaAccessSql}`)
        .catch((error: unknown) => {
          // Already prepared by an earlier copy of this module (a dev reload): the same text.
          if ((error as { code?: string }).code !== "42P05") {
            preparedOn.delete(pglite);
            throw error;
          }
        });
      preparedOn.set(pglite, ready);
    }
    await ready;
    const literal = (v: string | null) => (v === null ? "null" : `'${v.replace(/'/g, "''")}'`);
    const [result] = await pglite.exec(`execute ${statementName} (${values.map(literal).join(", ")})`);
    return (result?.rows ?? []) as AccessRow[];
  }
  if (client && typeof (client as PoolLike).query === "function") {
    const { rows } = await (client as PoolLike).query({ name: statementName, text: mediaAccessSql, values });
    return rows as AccessRow[];
  }
  throw new Error("mediaForRequest: unknown database client");
}

/**
 * What a media request may get, from one query: the session's user row (judged by
 * the same rules as every other request: disabled, rejected, or a session that was
 * signed out, ended by a password change or past its lifetime means no actor), then decideViewer, then the current file of the
 * kind that viewer gets. Nothing is cached between requests, so a revoked session,
 * account or judge assignment takes effect on the next request.
 */
export async function mediaForRequest(db: Db, claims: SessionClaims | null, filmId: string, kind: MediaKind): Promise<{ viewer: Viewer; filmCode: string; media: ServedMedia } | null> {
  if (!uuidPattern.test(filmId)) return null;
  if (!(["video", "poster", "subtitle"] as const).includes(kind)) return null;
  const uid = claims && uuidPattern.test(claims.id) ? claims.id : null;
  const sid = claims?.sid && uuidPattern.test(claims.sid) ? claims.sid : null;
  const rows = await runAccessQuery(db, [uid, kind, kind === "video" ? "judge_video" : kind, filmId, sid]);
  const first = rows[0];
  if (!first) return null;
  const user = first.user_id
    ? {
        id: first.user_id,
        email: first.user_email,
        name: first.user_name,
        role: first.user_role,
        status: first.user_status,
        regionCode: first.user_region_code,
        kimId: first.user_kim_id,
        passwordChangedAt: toDate(first.user_password_changed_at),
      }
    : null;
  const session = first.session_id && first.session_expires_at ? { expiresAt: toDate(first.session_expires_at)!, endedAt: toDate(first.session_ended_at) } : null;
  const actor = claims && user ? actorFromUserRow(user, session) : null;
  const film = { kimId: first.kim_id };
  const edition = { regionCode: first.edition_region_code, status: first.edition_status, scheduledPublishAt: toDate(first.scheduled_publish_at) };
  const viewer = await decideViewer(actor, film, edition, { judgeAssigned: () => first.judge_assigned === true, placed: () => first.placed === true, nominee: () => first.nominee === true });
  if (!viewer) return null;
  const wanted = wantedKind(kind, viewer);
  const row = rows.find((r) => r.media_kind === wanted);
  if (!row) return null;
  return {
    viewer,
    filmCode: first.code,
    media: { id: row.media_id, storageKey: row.storage_key, sizeBytes: row.size_bytes === null ? null : Number(row.size_bytes), mimeType: row.mime_type, sha256: row.sha256 },
  };
}

const toDate = (value: Date | string | null): Date | null => (value === null ? null : value instanceof Date ? value : new Date(value));
