import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { editions, films, kimGroups, users } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { formatWib } from "@/lib/format/dates";
import { kimMembers } from "@/lib/messages/events";
import { dispatchMessages, queueMessageRows, type QueueInput } from "@/lib/messages/queue";
import type { NominationSent } from "./nominate";

// The messages of nominations (docs/decisions/0035), sent after their event committed (notifySafely).

const link = (path: string) => `${env().publicUrl}${path}`;

async function send(db: Db, inputs: QueueInput[]) {
  await dispatchMessages(await queueMessageRows(db, inputs));
}

/** Each nominated KIM's members (or its registry contact) get the confirmation link. */
export async function notifyNominated(db: Db, sent: NominationSent[], targetEditionId: string, regionCode: string, by: string) {
  const [target] = await db.select({ title: editions.title, closes: editions.submissionClosesAt }).from(editions).where(eq(editions.id, targetEditionId));
  const inputs: QueueInput[] = [];
  for (const s of sent) {
    const [film] = await db.select({ title: films.title, kim: kimGroups.name }).from(films).innerJoin(kimGroups, eq(kimGroups.id, films.kimId)).where(eq(films.id, s.filmId));
    const members = await kimMembers(db, s.kimId);
    const recipients: QueueInput["recipient"][] = members.length ? members.map((m) => ({ userId: m.id })) : [{ kimId: s.kimId }];
    for (const r of recipients) {
      inputs.push({
        kind: "nomination_request",
        dedupeKey: `nomination_request:${s.nominationId}:${"userId" in r ? r.userId : r.kimId}`,
        recipient: r,
        values: { festival: target.title, film: film.title, kim: film.kim, batas: formatWib(target.closes), tautan: link(`/nominasi/${s.token}`) },
        regionCode,
        editionId: targetEditionId,
        createdBy: by,
      });
    }
  }
  await send(db, inputs);
}

/** A returned nomination: the KIM's members and the nominating regency's organisers are told why. */
export async function notifyReturned(db: Db, n: { id: string; kimId: string; regionCode: string; sourceFilmId: string; targetEditionId: string; reason: string | null }, by: string) {
  const [[target], [film], [kim]] = await Promise.all([
    db.select({ title: editions.title }).from(editions).where(eq(editions.id, n.targetEditionId)),
    db.select({ title: films.title }).from(films).where(eq(films.id, n.sourceFilmId)),
    db.select({ name: kimGroups.name }).from(kimGroups).where(eq(kimGroups.id, n.kimId)),
  ]);
  const members = await kimMembers(db, n.kimId);
  const organisers = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "organiser"), eq(users.status, "active"), eq(users.regionCode, n.regionCode)));
  const values = { kim: kim.name, festival: target.title, film: film.title, alasan: n.reason ?? "" };
  const inputs: QueueInput[] = [
    ...(members.length ? members.map((m) => ({ userId: m.id })) : [{ kimId: n.kimId }]).map((r) => ({
      kind: "nomination_returned" as const,
      dedupeKey: `nomination_returned:${n.id}:${"userId" in r ? r.userId : r.kimId}`,
      recipient: r,
      values: { ...values, tautan: link("/kim") },
      regionCode: n.regionCode,
      editionId: n.targetEditionId,
      createdBy: by,
    })),
    ...organisers.map((o) => ({
      kind: "nomination_returned" as const,
      dedupeKey: `nomination_returned:${n.id}:${o.id}`,
      recipient: { userId: o.id },
      values: { ...values, tautan: link("/admin") },
      regionCode: n.regionCode,
      editionId: n.targetEditionId,
      createdBy: by,
    })),
  ];
  await send(db, inputs);
}
