import { and, asc, count, desc, eq, gte, ilike, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { auditLog, editions, films, judgeAssignments, judgeInvitations, judgingRounds, kimGroups, kimRegistrations, organiserInvitations, scoreSheets, users } from "@/lib/db/schema";
import type { SessionUser } from "@/lib/auth/authenticate";
import { regionWithin } from "@/lib/auth/scope";
import { forbidden } from "@/lib/errors";
import { nameText } from "@/lib/text/sanitise";

/**
 * The audit log as an organiser may read it, newest first. Scope, in the where clause:
 * - an entry about an edition (audit_log.edition_id; for older rows the edition found
 *   through the entity: an edition, a film, a score sheet, or data.editionId) is visible
 *   when the edition's region lies within the organiser's;
 * - an entry about no edition is visible when its actor, or the account it is about (a
 *   user, a KIM registration, a judge's or an organiser's invitation), belongs to the
 *   organiser's region; a KIM member belongs to the KIM's regency.
 * So a regency organiser sees its own editions and its own people, never the province's
 * editions or another regency's.
 */

export const auditPageSize = 50;

const actor = alias(users, "audit_actor");
const actorKim = alias(kimGroups, "audit_actor_kim");
const subject = alias(users, "audit_subject");
const subjectKim = alias(kimGroups, "audit_subject_kim");
const entityFilm = alias(films, "audit_film");
const sheetAssignment = alias(judgeAssignments, "audit_sheet_assignment");
const sheetRound = alias(judgingRounds, "audit_sheet_round");
const sheetFilm = alias(films, "audit_sheet_film");
const edition = alias(editions, "audit_edition");

const uuidPattern = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";
// entity_id is text (some entities have no uuid); cast only what looks like one.
const entityUuid = sql`(case when ${auditLog.entityId} ~* ${uuidPattern} then ${auditLog.entityId}::uuid end)`;
const dataEditionUuid = sql`(case when ${auditLog.data}->>'editionId' ~* ${uuidPattern} then (${auditLog.data}->>'editionId')::uuid end)`;

const fields = {
  edisi: z.string().regex(/^[a-z0-9-]{1,200}$/),
  akun: z.uuid(),
  cari: nameText().trim().min(1).max(100),
  aksi: z.string().regex(/^[a-z0-9_.-]{1,80}$/),
  dari: z.iso.date(),
  sampai: z.iso.date(),
  halaman: z.coerce.number().int().min(1).max(100_000),
};
type Fields = typeof fields;
export type AuditQuery = { [K in keyof Fields]?: z.infer<Fields[K]> };
const filterNames = Object.keys(fields) as (keyof Fields)[];

/** Malformed filters (a hand-edited link) are ignored. */
export function parseAuditQuery(params: Record<string, string | string[] | undefined>): AuditQuery {
  const out: Record<string, unknown> = {};
  for (const name of filterNames) {
    const raw = params[name];
    const value = (Array.isArray(raw) ? raw[0] : raw)?.slice(0, 200);
    if (!value?.trim()) continue;
    const parsed = fields[name].safeParse(value);
    if (parsed.success) out[name] = parsed.data;
  }
  return out as AuditQuery;
}

export function auditHref(query: AuditQuery, page?: number): string {
  const params = new URLSearchParams();
  for (const name of filterNames) {
    const value = name === "halaman" ? page : query[name];
    if (value !== undefined && !(name === "halaman" && value === 1)) params.set(name, String(value));
  }
  const text = params.toString();
  return `/admin/audit${text ? `?${text}` : ""}`;
}

const within = (column: SQL, scope: string) => sql`(${column} = ${scope} or ${column} like ${`${scope}.%`})`;
const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
/** Midnight WIB at the start of a YYYY-MM-DD day, plus `days`. */
const wibDay = (day: string, days = 0) => new Date(Date.parse(`${day}T00:00:00+07:00`) + days * 86_400_000);

function scoped(actorUser: SessionUser): SQL {
  const scope = actorUser.regionCode ?? "";
  const actorRegion = sql`coalesce(${actorKim.regencyCode}, ${actor.regionCode})`;
  const subjectRegion = sql`coalesce(${subjectKim.regencyCode}, ${subject.regionCode}, ${kimRegistrations.regencyCode}, ${judgeInvitations.regencyCode}, ${organiserInvitations.regionCode})`;
  return sql`(case when ${edition.id} is not null then ${within(sql`${edition.regionCode}`, scope)} else (${within(actorRegion, scope)} or ${within(subjectRegion, scope)}) end)`;
}

/** The entries the organiser may read, with every name a row shows; filters and pages apply on top. */
function visibleEntries(db: Db, actorUser: SessionUser) {
  return db.$with("visible_audit").as(
    db
      .select({
        id: auditLog.id,
        at: auditLog.at,
        action: auditLog.action,
        entityType: auditLog.entityType,
        entityId: auditLog.entityId,
        data: auditLog.data,
        actorId: auditLog.actorId,
        actorName: sql<string | null>`${actor.name}`.as("actor_name"),
        actorEmail: sql<string | null>`${actor.email}`.as("actor_email"),
        actorRole: sql<"organiser" | "judge" | "kim" | null>`${actor.role}`.as("actor_role"),
        editionSlug: sql<string | null>`${edition.slug}`.as("edition_slug"),
        editionTitle: sql<string | null>`${edition.title}`.as("edition_title"),
        filmCode: sql<string | null>`coalesce(${entityFilm.code}, ${sheetFilm.code})`.as("film_code"),
        filmTitle: sql<string | null>`coalesce(${entityFilm.title}, ${sheetFilm.title})`.as("film_title"),
        subjectName: sql<string | null>`${subject.name}`.as("subject_name"),
        registrationKim: sql<string | null>`${kimRegistrations.kimName}`.as("registration_kim"),
        invitationName: sql<string | null>`coalesce(${judgeInvitations.name}, ${organiserInvitations.name})`.as("invitation_name"),
      })
      .from(auditLog)
      .leftJoin(actor, eq(actor.id, auditLog.actorId))
      .leftJoin(actorKim, eq(actorKim.id, actor.kimId))
      .leftJoin(entityFilm, and(eq(auditLog.entityType, "film"), sql`${entityFilm.id} = ${entityUuid}`))
      .leftJoin(scoreSheets, and(eq(auditLog.entityType, "score_sheet"), sql`${scoreSheets.id} = ${entityUuid}`))
      .leftJoin(sheetAssignment, eq(sheetAssignment.id, scoreSheets.assignmentId))
      .leftJoin(sheetRound, eq(sheetRound.id, sheetAssignment.roundId))
      .leftJoin(sheetFilm, eq(sheetFilm.id, sheetAssignment.filmId))
      .leftJoin(subject, and(eq(auditLog.entityType, "user"), sql`${subject.id} = ${entityUuid}`))
      .leftJoin(subjectKim, eq(subjectKim.id, subject.kimId))
      .leftJoin(kimRegistrations, and(eq(auditLog.entityType, "kim_registration"), sql`${kimRegistrations.id} = ${entityUuid}`))
      // Invitations are audited under the first 16 characters of their token's hash.
      .leftJoin(judgeInvitations, and(eq(auditLog.entityType, "judge_invitation"), sql`left(${judgeInvitations.tokenHash}, 16) = ${auditLog.entityId}`))
      .leftJoin(organiserInvitations, and(eq(auditLog.entityType, "organiser_invitation"), sql`left(${organiserInvitations.tokenHash}, 16) = ${auditLog.entityId}`))
      .leftJoin(
        edition,
        sql`${edition.id} = coalesce(${auditLog.editionId}, case when ${auditLog.entityType} = 'edition' then ${entityUuid} end, ${entityFilm.editionId}, ${sheetRound.editionId}, ${dataEditionUuid})`,
      )
      .where(scoped(actorUser)),
  );
}

type Visible = ReturnType<typeof visibleEntries>;

function filters(v: Visible, query: AuditQuery): SQL | undefined {
  const search = query.cari ? `%${likeEscape(query.cari)}%` : undefined;
  return and(
    query.edisi ? eq(v.editionSlug, query.edisi) : undefined,
    query.akun ? or(eq(v.actorId, query.akun), and(eq(v.entityType, "user"), eq(v.entityId, query.akun))) : undefined,
    search ? or(ilike(v.actorName, search), ilike(v.actorEmail, search)) : undefined,
    query.aksi ? eq(v.action, query.aksi) : undefined,
    query.dari ? gte(v.at, wibDay(query.dari)) : undefined,
    query.sampai ? lt(v.at, wibDay(query.sampai, 1)) : undefined,
  );
}

export async function listAudit(db: Db, actorUser: SessionUser, query: AuditQuery = {}) {
  if (actorUser.role !== "organiser" || actorUser.status !== "active" || !actorUser.regionCode) throw forbidden();
  const v = visibleEntries(db, actorUser);
  const where = filters(v, query);
  const [[{ total }], actions] = await Promise.all([
    db.with(v).select({ total: count() }).from(v).where(where),
    db.with(v).selectDistinct({ action: v.action }).from(v).orderBy(asc(v.action)),
  ]);
  const pageCount = Math.max(1, Math.ceil(total / auditPageSize));
  const page = Math.min(query.halaman ?? 1, pageCount);
  const rows = await db
    .with(v)
    .select()
    .from(v)
    .where(where)
    .orderBy(desc(v.at), desc(v.id))
    .limit(auditPageSize)
    .offset((page - 1) * auditPageSize);
  const [names, account] = await Promise.all([namesOfIds(db, rows.map((r) => r.data)), query.akun ? accountInScope(db, actorUser, query.akun) : null]);
  return { rows, total, page, pageCount, actions: actions.map((a) => a.action), names, account };
}

export type AuditRow = Awaited<ReturnType<typeof listAudit>>["rows"][number];

/** Names for the ids an entry's data mentions (judgeId, kimId, filmId, userId, editionId), so no one reads a raw uuid. */
async function namesOfIds(db: Db, datas: (Record<string, unknown> | null)[]): Promise<Map<string, string>> {
  const ids = new Set<string>();
  const uuid = new RegExp(uuidPattern, "i");
  for (const data of datas) {
    for (const [key, value] of Object.entries(data ?? {})) {
      if (!/Ids?$/.test(key)) continue;
      for (const v of Array.isArray(value) ? value : [value]) if (typeof v === "string" && uuid.test(v)) ids.add(v.toLowerCase());
    }
  }
  if (ids.size === 0) return new Map();
  const list = [...ids];
  const [userRows, kimRows, filmRows, editionRows] = await Promise.all([
    db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, list)),
    db.select({ id: kimGroups.id, name: kimGroups.name }).from(kimGroups).where(inArray(kimGroups.id, list)),
    db.select({ id: films.id, name: sql<string>`${films.code} || ' · ' || ${films.title}` }).from(films).where(inArray(films.id, list)),
    db.select({ id: editions.id, name: editions.title }).from(editions).where(inArray(editions.id, list)),
  ]);
  return new Map([...userRows, ...kimRows, ...filmRows, ...editionRows].map((r) => [r.id, r.name]));
}

/** The account named by ?akun=, when it belongs to the organiser's region (else the filter still applies, unnamed). */
async function accountInScope(db: Db, actorUser: SessionUser, userId: string) {
  const [row] = await db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, region: sql<string | null>`coalesce(${kimGroups.regencyCode}, ${users.regionCode})` })
    .from(users)
    .leftJoin(kimGroups, eq(kimGroups.id, users.kimId))
    .where(eq(users.id, userId));
  return row && regionWithin(actorUser.regionCode, row.region) ? { id: row.id, name: row.name, email: row.email, role: row.role } : null;
}
