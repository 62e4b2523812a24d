import { and, eq, inArray, or } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { editions, filmMedia, films, judgeAssignments, judgingRounds, kimGroups, scoreSheets, users } from "@/lib/db/schema";
import { effectiveClose } from "@/lib/editions/submission-window";
import { env } from "@/lib/env";
import { kimExtension } from "@/lib/films/kim-film";
import { formatWib } from "@/lib/format/dates";
import { dispatchMessages, queueMessageRows, type QueueInput } from "./queue";

// The events that send messages (docs/decisions/0034-messages.md). Each is called after the
// event's own work has committed, through notifySafely: a message never undoes its event.

const link = (path: string) => `${env().publicUrl}${path}`;

async function queueAll(db: Db, inputs: QueueInput[]): Promise<string[]> {
  const ids = await queueMessageRows(db, inputs);
  await dispatchMessages(ids);
  return ids;
}

/** The active accounts of a KIM (its members), who receive what concerns the KIM. */
export async function kimMembers(db: Db, kimId: string): Promise<{ id: string }[]> {
  return db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.kimId, kimId), eq(users.role, "kim"), eq(users.status, "active")));
}

/** A KIM's members, or its registry contact when nobody active can read mail for it. */
async function kimRecipients(db: Db, kimId: string): Promise<QueueInput["recipient"][]> {
  const members = await kimMembers(db, kimId);
  return members.length ? members.map((m) => ({ userId: m.id })) : [{ kimId }];
}

const recipientKey = (r: QueueInput["recipient"]) => ("userId" in r ? `u:${r.userId}` : `k:${r.kimId}`);

/** A KIM registered: its regency's organisers are told (the province's when the regency has none). */
export async function notifyKimRegistered(db: Db, registration: { id: string; regencyCode: string; kimName: string; applicant: string }) {
  const province = registration.regencyCode.slice(0, 2);
  const organisers = await db
    .select({ id: users.id, regionCode: users.regionCode })
    .from(users)
    .where(and(eq(users.role, "organiser"), eq(users.status, "active"), or(eq(users.regionCode, registration.regencyCode), eq(users.regionCode, province))));
  const own = organisers.filter((o) => o.regionCode === registration.regencyCode);
  const to = own.length ? own : organisers;
  return queueAll(
    db,
    to.map((o) => ({
      kind: "kim_registered" as const,
      dedupeKey: `kim_registered:${registration.id}:${o.id}`,
      recipient: { userId: o.id },
      values: { kim: registration.kimName, pendaftar: registration.applicant, tautan: link("/admin/pendaftaran") },
      regionCode: registration.regencyCode,
    })),
  );
}

/** The organiser approved or rejected a registration: the applicant is told (with the reason). */
export async function notifyRegistrationDecided(db: Db, decision: { registrationId: string; userId: string; kimName: string; regencyCode: string; approved: boolean; reason?: string | null; decidedBy: string }) {
  return queueAll(db, [
    {
      kind: decision.approved ? "kim_approved" : "kim_rejected",
      dedupeKey: `kim_decided:${decision.registrationId}`,
      recipient: { userId: decision.userId },
      values: { kim: decision.kimName, alasan: decision.reason ?? "", tautan: link(decision.approved ? "/masuk" : "/daftar") },
      regionCode: decision.regencyCode,
      createdBy: decision.decidedBy,
    },
  ]);
}

async function filmFacts(db: Db, filmId: string) {
  const [row] = await db
    .select({ film: films, edition: editions, kimName: kimGroups.name })
    .from(films)
    .innerJoin(editions, eq(editions.id, films.editionId))
    .innerJoin(kimGroups, eq(kimGroups.id, films.kimId))
    .where(eq(films.id, filmId));
  return row;
}

const filmName = (film: typeof films.$inferSelect) => (film.title && film.title !== "Film tanpa judul" ? film.title : film.code);

/** An entry was created (by the KIM or for it): the KIM is told, with its deadline. */
export async function notifyEntryReceived(db: Db, filmId: string) {
  const facts = await filmFacts(db, filmId);
  if (!facts) return [];
  const closes = effectiveClose(facts.edition, await kimExtension(db, facts.edition.id, facts.film.kimId));
  const recipients = await kimRecipients(db, facts.film.kimId);
  return queueAll(
    db,
    recipients.map((r) => ({
      kind: "entry_received" as const,
      dedupeKey: `entry_received:${filmId}:${recipientKey(r)}`,
      recipient: r,
      values: { kim: facts.kimName, festival: facts.edition.title, film: filmName(facts.film), batas: formatWib(closes), tautan: link("/kim") },
      regionCode: facts.edition.regionCode,
      editionId: facts.edition.id,
    })),
  );
}

/** The video check finished: accepted, or refused with what is wrong and what to do. */
export async function notifyVideoChecked(db: Db, mediaId: string) {
  const [media] = await db.select({ id: filmMedia.id, filmId: filmMedia.filmId, status: filmMedia.status, problems: filmMedia.problems }).from(filmMedia).where(eq(filmMedia.id, mediaId));
  if (!media || (media.status !== "ok" && media.status !== "rejected")) return [];
  const facts = await filmFacts(db, media.filmId);
  if (!facts) return [];
  const accepted = media.status === "ok";
  const problems = (media.problems ?? []) as string[];
  const recipients = await kimRecipients(db, facts.film.kimId);
  return queueAll(
    db,
    recipients.map((r) => ({
      kind: accepted ? ("video_accepted" as const) : ("video_refused" as const),
      dedupeKey: `video:${mediaId}:${recipientKey(r)}`,
      recipient: r,
      values: { kim: facts.kimName, festival: facts.edition.title, film: filmName(facts.film), alasan: problems.join(" "), tautan: link("/kim") },
      regionCode: facts.edition.regionCode,
      editionId: facts.edition.id,
    })),
  );
}

/** Kurasi decided: the KIM reads the outcome (and the reason when not eligible). */
export async function notifyScreening(db: Db, filmId: string, decision: { eligible: boolean; reason: string | null; decidedBy: string }) {
  const facts = await filmFacts(db, filmId);
  if (!facts) return [];
  const recipients = await kimRecipients(db, facts.film.kimId);
  return queueAll(
    db,
    recipients.map((r) => ({
      kind: decision.eligible ? ("screening_passed" as const) : ("screening_failed" as const),
      dedupeKey: `screening:${filmId}:${decision.eligible ? "ya" : "tidak"}:${recipientKey(r)}`,
      recipient: r,
      values: { kim: facts.kimName, festival: facts.edition.title, film: filmName(facts.film), alasan: decision.reason ?? "", tautan: link("/kim") },
      regionCode: facts.edition.regionCode,
      editionId: facts.edition.id,
      createdBy: decision.decidedBy,
    })),
  );
}

/** An organiser reopened a judge's submitted sheet: the judge is told why. */
export async function notifySheetReopened(db: Db, sheetId: string, reopen: { reason: string; at: Date; by: string }) {
  const [row] = await db
    .select({ judgeId: judgeAssignments.judgeId, film: films, edition: editions })
    .from(scoreSheets)
    .innerJoin(judgeAssignments, eq(judgeAssignments.id, scoreSheets.assignmentId))
    .innerJoin(judgingRounds, eq(judgingRounds.id, judgeAssignments.roundId))
    .innerJoin(editions, eq(editions.id, judgingRounds.editionId))
    .innerJoin(films, eq(films.id, judgeAssignments.filmId))
    .where(eq(scoreSheets.id, sheetId));
  if (!row) return [];
  return queueAll(db, [
    {
      kind: "sheet_reopened",
      dedupeKey: `sheet_reopened:${sheetId}:${reopen.at.toISOString()}`,
      recipient: { userId: row.judgeId },
      // Judges see the film's code, never the KIM (blind judging).
      values: { festival: row.edition.title, film: row.film.code, alasan: reopen.reason, tautan: link("/juri") },
      regionCode: row.edition.regionCode,
      editionId: row.edition.id,
      createdBy: reopen.by,
    },
  ]);
}

const DAY = 24 * 3_600_000;
const unfinished = ["draf", "diperiksa", "ditolak_sistem"] as const;

/**
 * Deadline reminders, 7 days and 1 day before entries close (the KIM's own extension counts),
 * to the members of every KIM with an unfinished entry in an edition taking entries; once
 * each (dedupe key per edition, KIM, person and 7d/1d), never to someone who turned reminders
 * off. Run by the workers' sweep every minute; a late sweep sends the reminder of the window
 * it is in (7 days: from 7 days to 1 day before; 1 day: the last day).
 */
export async function sendDeadlineReminders(db: Db, now = new Date()): Promise<number> {
  const open = await db.select().from(editions).where(eq(editions.status, "pendaftaran"));
  const inputs: QueueInput[] = [];
  for (const edition of open) {
    if (!edition.submissionClosesAt) continue;
    const rows = await db
      .selectDistinct({ kimId: films.kimId, kimName: kimGroups.name })
      .from(films)
      .innerJoin(kimGroups, eq(kimGroups.id, films.kimId))
      .where(and(eq(films.editionId, edition.id), inArray(films.status, [...unfinished])));
    for (const kim of rows) {
      const closes = effectiveClose(edition, await kimExtension(db, edition.id, kim.kimId));
      if (!closes || now >= closes) continue;
      const left = closes.getTime() - now.getTime();
      const which = left <= DAY ? "1d" : left <= 7 * DAY ? "7d" : null;
      if (!which) continue;
      for (const member of await kimMembers(db, kim.kimId)) {
        const [person] = await db.select({ locale: users.locale }).from(users).where(eq(users.id, member.id));
        inputs.push({
          kind: "deadline_reminder",
          // The close is part of the key: an extension moves the reminders with it.
          dedupeKey: `reminder:${which}:${edition.id}:${kim.kimId}:${member.id}:${closes.toISOString()}`,
          recipient: { userId: member.id },
          values: { kim: kim.kimName, festival: edition.title, batas: formatWib(closes, person?.locale ?? "id"), tautan: link("/kim") },
          regionCode: edition.regionCode,
          editionId: edition.id,
        });
      }
    }
  }
  return (await queueAll(db, inputs)).length;
}
