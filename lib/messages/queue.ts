import { and, eq, inArray, sql } from "drizzle-orm";
import type PgBoss from "pg-boss";
import type { Db, DbLike } from "@/lib/db/client";
import { kimGroups, messageTemplates, outgoingMessages, users } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { toLocale, type Locale } from "@/lib/i18n/locales";
import { bossSchema, messagesQueue, rowsOf, runningBoss } from "@/lib/jobs/boss";
import { defaultTemplates, reminderFooter, type MessageKind, type MessageValues, type Template } from "./kinds";
import { renderTemplate } from "./render";

/** A person with an account, or a KIM's contact from the registry (for a KIM without an active member). */
export type Recipient = { userId: string } | { kimId: string };

export type QueueInput = {
  kind: MessageKind;
  /** Names the event and the recipient: queueing the same key again adds nothing. */
  dedupeKey: string;
  recipient: Recipient;
  values?: MessageValues;
  /** The organiser's region whose templates apply (and whose organisers see the message). */
  regionCode: string | null;
  editionId?: string | null;
  createdBy?: string | null;
  /** The text itself (a broadcast), instead of the kind's template. */
  template?: Template;
};

export type MessageJobData = { messageId: string };

type ResolvedRecipient = { userId: string | null; kimId: string | null; name: string; email: string | null; phone: string | null; locale: Locale; remindersOff: boolean; kimName?: string };

async function resolveRecipient(db: DbLike, recipient: Recipient): Promise<ResolvedRecipient | null> {
  if ("userId" in recipient) {
    const [row] = await db
      .select({ id: users.id, name: users.name, email: users.email, phone: users.phone, locale: users.locale, remindersOff: users.remindersOff, kimId: users.kimId, status: users.status })
      .from(users)
      .where(eq(users.id, recipient.userId));
    if (!row || row.status === "disabled") return null;
    return { userId: row.id, kimId: row.kimId, name: row.name, email: row.email, phone: row.phone, locale: toLocale(row.locale), remindersOff: row.remindersOff };
  }
  const [kim] = await db
    .select({ id: kimGroups.id, name: kimGroups.name, contactName: kimGroups.contactName, contactEmail: kimGroups.contactEmail, contactPhone: kimGroups.contactPhone })
    .from(kimGroups)
    .where(eq(kimGroups.id, recipient.kimId));
  if (!kim) return null;
  return { userId: null, kimId: kim.id, name: kim.contactName ?? kim.name, email: kim.contactEmail?.toLowerCase() ?? null, phone: kim.contactPhone, locale: "id", remindersOff: false, kimName: kim.name };
}

/**
 * The text an organiser's region uses for `kind` in `locale`: its own, else its province's
 * (a regency 33.13 falls back to 33), else Layar's default.
 */
export async function templateFor(db: DbLike, regionCode: string | null, kind: MessageKind, locale: Locale): Promise<Template & { source: "region" | "province" | "default" }> {
  if (regionCode) {
    const province = regionCode.slice(0, 2);
    const rows = await db
      .select({ regionCode: messageTemplates.regionCode, subject: messageTemplates.subject, body: messageTemplates.body })
      .from(messageTemplates)
      .where(and(eq(messageTemplates.key, kind), eq(messageTemplates.locale, locale), inArray(messageTemplates.regionCode, [...new Set([regionCode, province])])));
    const own = rows.find((r) => r.regionCode === regionCode);
    if (own) return { subject: own.subject, body: own.body, source: "region" };
    const upper = rows.find((r) => r.regionCode === province);
    if (upper) return { subject: upper.subject, body: upper.body, source: "province" };
  }
  return { ...defaultTemplates[kind][locale], source: "default" };
}

/** Where a person turns reminders off (and chooses the language of their mail). */
export const preferencesLink = () => `${env().publicUrl}/akun/pesan`;

/**
 * Renders a message for its recipient (their language, the region's template) and stores it
 * once per dedupe key (ON CONFLICT DO NOTHING), then queues its delivery. Returns the new
 * message's id, or null when it was queued before, the recipient is unknown, or the
 * recipient turned reminders off. Call it after the event's own transaction has committed:
 * the job is sent at once, and a worker may take it before a transaction would commit.
 */
export async function queueMessage(db: Db, input: QueueInput): Promise<string | null> {
  const [id] = await queueMessageRows(db, [input]);
  if (id) await dispatchMessages([id]);
  return id ?? null;
}

/** Stores several messages (in the caller's transaction, if any); dispatch the ids afterwards. */
export async function queueMessageRows(db: DbLike, inputs: QueueInput[]): Promise<string[]> {
  const ids: string[] = [];
  for (const input of inputs) {
    const to = await resolveRecipient(db, input.recipient);
    if (!to) continue;
    if (input.kind === "deadline_reminder" && to.remindersOff) continue;
    const values: MessageValues = { nama: to.name, ...(to.kimName ? { kim: to.kimName } : {}), ...input.values };
    const template = input.template ?? (await templateFor(db, input.regionCode, input.kind, to.locale));
    const rendered = renderTemplate(template, values);
    const body = input.kind === "deadline_reminder" ? rendered.body + reminderFooter[to.locale](preferencesLink()) : rendered.body;
    const [row] = await db
      .insert(outgoingMessages)
      .values({
        dedupeKey: input.dedupeKey,
        kind: input.kind,
        regionCode: input.regionCode,
        editionId: input.editionId ?? null,
        recipientUserId: to.userId,
        recipientKimId: to.kimId,
        toName: to.name,
        toEmail: to.email,
        toPhone: to.phone,
        locale: to.locale,
        subject: rendered.subject,
        body,
        // Without an address nothing can be mailed; the organiser still has the WhatsApp link.
        ...(to.email ? {} : { status: "gagal" as const, lastError: noEmail }),
        createdBy: input.createdBy ?? null,
      })
      .onConflictDoNothing({ target: outgoingMessages.dedupeKey })
      .returning({ id: outgoingMessages.id, status: outgoingMessages.status });
    if (row?.status === "antre") ids.push(row.id);
  }
  return ids;
}

/** Stored in last_error for a recipient without an email address (the pages translate it). */
export const noEmail = "no_email";

/** Stored in last_error while a message is handed to the mail server (lib/messages/deliver.ts). */
export const sendingMark = "sending";

/**
 * Sends the delivery jobs, one per message, its id the message's (a second send of the same
 * message adds nothing). Only where this process runs the job queue (the app and `npm run
 * worker` do); elsewhere, and when sending fails, the workers' sweep queues every message
 * still waiting (resendUnqueuedMessages).
 */
export async function dispatchMessages(ids: string[], boss?: PgBoss): Promise<void> {
  if (ids.length === 0) return;
  try {
    const queue = boss ?? (await runningBoss());
    if (!queue) return;
    for (const messageId of ids) await queue.send(messagesQueue, { messageId } satisfies MessageJobData, { id: messageId });
    const { currentWorkers } = await import("@/lib/jobs/worker");
    currentWorkers()?.wake();
  } catch (error) {
    console.error("[messages] queueing failed (the sweep will queue them):", error);
  }
}

/**
 * The sweep's look at messages still antre: one without a job (queued where no queue ran, a send
 * that failed, a job archived) gets its job now; one whose job ended without settling it (a
 * worker killed on the last attempt) is settled as its delivery would have: sent when the
 * last attempt had begun sending (at most once), gagal otherwise.
 */
export async function resendUnqueuedMessages(db: Db, boss: PgBoss): Promise<number> {
  const rows = rowsOf<{ id: string; last_error: string | null; state: string | null }>(
    await db.execute(sql`
      select m.id, m.last_error, j.state::text as state
      from outgoing_messages m
      left join ${sql.raw(bossSchema)}.job j on j.name = ${messagesQueue} and j.id = m.id
      where m.status = 'antre'`),
  );
  let sent = 0;
  for (const row of rows) {
    if (row.state === null) {
      if ((await boss.send(messagesQueue, { messageId: row.id } satisfies MessageJobData, { id: row.id })) !== null) sent++;
    } else if (["failed", "cancelled", "completed"].includes(row.state)) {
      const wasSending = row.last_error === sendingMark;
      await db
        .update(outgoingMessages)
        .set(wasSending ? { status: "terkirim", sentAt: new Date(), lastError: null } : { status: "gagal" })
        .where(and(eq(outgoingMessages.id, row.id), eq(outgoingMessages.status, "antre")));
    }
  }
  return sent;
}

/** Runs an event's messages after its work is done: a failure is logged, never the event's undoing. */
export async function notifySafely(what: string, send: () => Promise<unknown>): Promise<void> {
  try {
    await send();
  } catch (error) {
    console.error(`[messages] ${what}:`, error);
  }
}
