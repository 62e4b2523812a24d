import { and, count, desc, eq, inArray, ne } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/authenticate";
import type { Db } from "@/lib/db/client";
import { editions, films, kimGroups, messageTemplates, outgoingMessages, users } from "@/lib/db/schema";
import { AppError, forbidden, notFound } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/locales";
import { nameText, plainText } from "@/lib/text/sanitise";
import { editableKinds, kindPlaceholders, messageKinds, sampleValues, type MessageKind, type Template } from "./kinds";
import { dispatchMessages, queueMessageRows, templateFor, type QueueInput, type Recipient } from "./queue";
import { parseTemplate, renderTemplate, unknownPlaceholders } from "./render";
import { whatsappLink } from "@/lib/kim/whatsapp";
import { inRegion } from "@/lib/kim/in-region";

// The organiser's messages pages (/admin/pesan, /templat, /siaran) and the account's
// preferences (/akun/pesan). An organiser sees and changes only their region's messages.

function requireOrganiser(actor: SessionUser): string {
  if (actor.role !== "organiser" || actor.status !== "active" || !actor.regionCode) throw forbidden();
  return actor.regionCode;
}

/** Messages of the organiser's region (their code or any inside it). */

export const messageStatuses = ["antre", "terkirim", "gagal"] as const;
export const PAGE_SIZE = 25;

const listFilterSchema = z.object({
  kind: z.enum(messageKinds).optional().catch(undefined),
  status: z.enum(messageStatuses).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

/** What was sent to whom in the organiser's region, newest first, filtered by kind and status, a page at a time. */
export async function listMessages(db: Db, actor: SessionUser, filter: unknown) {
  const region = requireOrganiser(actor);
  const { kind, status, page } = listFilterSchema.parse(filter ?? {});
  const where = and(inRegion(outgoingMessages.regionCode, region), kind ? eq(outgoingMessages.kind, kind) : undefined, status ? eq(outgoingMessages.status, status) : undefined);
  const [{ total }] = await db.select({ total: count() }).from(outgoingMessages).where(where);
  const rows = await db
    .select()
    .from(outgoingMessages)
    .where(where)
    .orderBy(desc(outgoingMessages.createdAt), desc(outgoingMessages.id))
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE);
  return {
    total,
    page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    filter: { kind: kind ?? null, status: status ?? null },
    rows: rows.map((r) => ({
      id: r.id,
      kind: r.kind as MessageKind,
      createdAt: r.createdAt,
      sentAt: r.sentAt,
      toName: r.toName,
      toEmail: r.toEmail,
      status: r.status,
      attempts: r.attempts,
      lastError: r.lastError,
      subject: r.subject,
      whatsapp: whatsappLink(r.toPhone, `${r.subject}\n\n${r.body}`),
    })),
  };
}

// ---------- templates ----------

/** Every editable kind in both languages: the text in use (own, the province's or the default), its placeholders and a preview. */
export async function listTemplates(db: Db, actor: SessionUser) {
  const region = requireOrganiser(actor);
  const out = [];
  for (const kind of editableKinds) {
    const locales = [];
    for (const locale of ["id", "en"] as const) {
      const current = await templateFor(db, region, kind, locale);
      locales.push({ locale, ...current, preview: renderTemplate(current, sampleValues[locale]) });
    }
    out.push({ kind, placeholders: kindPlaceholders[kind], locales });
  }
  return out;
}

/**
 * The preview of a text not saved yet (the template page's Pratinjau), rendered with sample
 * values; unknown placeholders are reported, not thrown, so the organiser sees both.
 */
export function previewTemplate(kind: MessageKind, locale: Locale, text: Template) {
  const unknown = [...new Set([...unknownPlaceholders(kind, text.subject), ...unknownPlaceholders(kind, text.body)])];
  return { ...renderTemplate(text, sampleValues[locale]), unknown };
}

/** Saves the region's own text for a kind and language (validated; audited). */
export async function saveTemplate(db: Db, actor: SessionUser, input: unknown): Promise<void> {
  const region = requireOrganiser(actor);
  const data = parseTemplate(input);
  if (data.kind === "broadcast") throw new AppError("invalid", { userMessage: "Jenis pesan tidak dikenal." });
  const now = new Date();
  await db.transaction(async (tx) => {
    await tx
      .insert(messageTemplates)
      .values({ regionCode: region, key: data.kind, locale: data.locale, subject: data.subject, body: data.body, updatedBy: actor.id, updatedAt: now })
      .onConflictDoUpdate({ target: [messageTemplates.regionCode, messageTemplates.key, messageTemplates.locale], set: { subject: data.subject, body: data.body, updatedBy: actor.id, updatedAt: now } });
    await recordAudit(tx, { actorId: actor.id, action: "message.template.save", entityType: "message_template", data: { regionCode: region, kind: data.kind, locale: data.locale } });
  });
}

const resetSchema = z.object({ kind: z.enum(messageKinds, "Jenis pesan tidak dikenal."), locale: z.enum(["id", "en"], "Pilih bahasa.") });

/** Removes the region's own text: the province's, or the default, applies again. */
export async function resetTemplate(db: Db, actor: SessionUser, input: unknown): Promise<void> {
  const region = requireOrganiser(actor);
  const { kind, locale } = resetSchema.parse(input);
  await db.transaction(async (tx) => {
    await tx.delete(messageTemplates).where(and(eq(messageTemplates.regionCode, region), eq(messageTemplates.key, kind), eq(messageTemplates.locale, locale)));
    await recordAudit(tx, { actorId: actor.id, action: "message.template.reset", entityType: "message_template", data: { regionCode: region, kind, locale } });
  });
}

// ---------- broadcast ----------

export const broadcastSchema = z.object({
  subject: nameText().trim().min(3, "Tulis judul pesan (minimal 3 karakter).").max(200, "Judul email paling panjang 200 karakter."),
  body: plainText().trim().min(10, "Tulis isi pesan (minimal 10 karakter).").max(5000, "Isi pesan paling panjang 5.000 karakter."),
  // "wilayah": every KIM of the region; otherwise an edition's id: every KIM that entered it.
  audience: z.string().trim().min(1, "Pilih penerima."),
  // Made when the form is shown: a double click (or a resent form) sends the broadcast once.
  token: z.uuid("Muat ulang halaman lalu kirim lagi."),
});

/** The editions an organiser may address (their region's and those inside it). */
export async function broadcastEditions(db: Db, actor: SessionUser) {
  const region = requireOrganiser(actor);
  return db
    .select({ id: editions.id, title: editions.title })
    .from(editions)
    .where(inRegion(editions.regionCode, region))
    .orderBy(desc(editions.createdAt));
}

async function broadcastAudience(db: Db, region: string, audience: string): Promise<{ recipients: Recipient[]; editionId: string | null; regionCode: string }> {
  let kimIds: string[];
  let editionId: string | null = null;
  let regionCode = region;
  if (audience === "wilayah") {
    const kims = await db
      .select({ id: kimGroups.id })
      .from(kimGroups)
      .where(and(inRegion(kimGroups.regencyCode, region), eq(kimGroups.status, "aktif")));
    kimIds = kims.map((k) => k.id);
  } else {
    const parsed = z.uuid().safeParse(audience);
    if (!parsed.success) throw new AppError("invalid", { userMessage: "Pilih penerima.", fieldErrors: { audience: ["Pilih penerima."] } });
    const [edition] = await db
      .select({ id: editions.id, regionCode: editions.regionCode })
      .from(editions)
      .where(and(eq(editions.id, parsed.data), inRegion(editions.regionCode, region)));
    if (!edition) throw notFound();
    editionId = edition.id;
    regionCode = edition.regionCode;
    const entered = await db.selectDistinct({ id: films.kimId }).from(films).where(and(eq(films.editionId, edition.id), ne(films.status, "ditarik")));
    kimIds = entered.map((k) => k.id);
  }
  if (kimIds.length === 0) return { recipients: [], editionId, regionCode };
  const members = await db
    .select({ id: users.id, kimId: users.kimId })
    .from(users)
    .where(and(inArray(users.kimId, kimIds), eq(users.role, "kim"), eq(users.status, "active")));
  const withMembers = new Set(members.map((m) => m.kimId));
  const contacts = await db
    .select({ id: kimGroups.id, email: kimGroups.contactEmail })
    .from(kimGroups)
    .where(inArray(kimGroups.id, kimIds.filter((id) => !withMembers.has(id))));
  return {
    recipients: [...members.map((m) => ({ userId: m.id })), ...contacts.filter((c) => c.email).map((c) => ({ kimId: c.id }))],
    editionId,
    regionCode,
  };
}

function broadcastInputs(data: z.infer<typeof broadcastSchema>, actor: SessionUser, audience: Awaited<ReturnType<typeof broadcastAudience>>): QueueInput[] {
  const subjectErrors = unknownPlaceholders("broadcast", data.subject);
  const bodyErrors = unknownPlaceholders("broadcast", data.body);
  if (subjectErrors.length || bodyErrors.length) {
    const allowed = kindPlaceholders.broadcast.map((p) => `{${p}}`).join(", ");
    const fieldErrors: Record<string, string[]> = {};
    if (subjectErrors.length) fieldErrors["subject"] = [`Penanda tidak dikenal: ${subjectErrors.map((p) => `{${p}}`).join(", ")}. Yang bisa dipakai: ${allowed}.`];
    if (bodyErrors.length) fieldErrors["body"] = [`Penanda tidak dikenal: ${bodyErrors.map((p) => `{${p}}`).join(", ")}. Yang bisa dipakai: ${allowed}.`];
    throw new AppError("invalid", { userMessage: "Periksa penanda di pesan.", fieldErrors });
  }
  return audience.recipients.map((recipient) => ({
    kind: "broadcast" as const,
    dedupeKey: `broadcast:${data.token}:${"userId" in recipient ? `u:${recipient.userId}` : `k:${recipient.kimId}`}`,
    recipient,
    regionCode: audience.regionCode,
    editionId: audience.editionId,
    createdBy: actor.id,
    template: { subject: data.subject, body: data.body },
  }));
}

/** How many would receive the broadcast, and the first of them rendered (nothing is stored). */
export async function previewBroadcast(db: Db, actor: SessionUser, input: unknown) {
  const region = requireOrganiser(actor);
  const data = broadcastSchema.parse(input);
  const audience = await broadcastAudience(db, region, data.audience);
  const inputs = broadcastInputs(data, actor, audience);
  let first: Template | null = null;
  if (inputs.length) {
    const [to] = await resolveForPreview(db, inputs[0].recipient);
    first = renderTemplate({ subject: data.subject, body: data.body }, to ?? {});
  }
  return { count: inputs.length, first };
}

async function resolveForPreview(db: Db, recipient: Recipient): Promise<[{ nama: string; kim?: string } | null]> {
  if ("userId" in recipient) {
    const [row] = await db.select({ name: users.name, kim: kimGroups.name }).from(users).leftJoin(kimGroups, eq(kimGroups.id, users.kimId)).where(eq(users.id, recipient.userId));
    return [row ? { nama: row.name, kim: row.kim ?? undefined } : null];
  }
  const [kim] = await db.select({ name: kimGroups.name, contact: kimGroups.contactName }).from(kimGroups).where(eq(kimGroups.id, recipient.kimId));
  return [kim ? { nama: kim.contact ?? kim.name, kim: kim.name } : null];
}

/**
 * Sends a broadcast to every KIM of the region or of an edition: one message per person,
 * keyed by the form's token, so a double click or a resent form adds nothing. Audited.
 */
export async function sendBroadcast(db: Db, actor: SessionUser, input: unknown): Promise<{ queued: number; recipients: number }> {
  const region = requireOrganiser(actor);
  const data = broadcastSchema.parse(input);
  const audience = await broadcastAudience(db, region, data.audience);
  const inputs = broadcastInputs(data, actor, audience);
  if (inputs.length === 0) throw new AppError("invalid", { userMessage: "Tidak ada KIM yang bisa menerima pesan ini.", fieldErrors: { audience: ["Tidak ada KIM yang bisa menerima pesan ini."] } });
  // The broadcast's own values: each person's name and their KIM's.
  const withKim = await Promise.all(
    inputs.map(async (i) => {
      const [who] = await resolveForPreview(db, i.recipient);
      return { ...i, values: who?.kim ? { kim: who.kim } : {} };
    }),
  );
  const ids = await db.transaction(async (tx) => {
    const queued = await queueMessageRows(tx, withKim);
    if (queued.length) {
      await recordAudit(tx, { actorId: actor.id, action: "message.broadcast", entityType: "message", editionId: audience.editionId, data: { audience: data.audience, recipients: queued.length, subject: data.subject } });
    }
    return queued;
  });
  await dispatchMessages(ids);
  return { queued: ids.length, recipients: inputs.length };
}

// ---------- a person's own choices ----------

export const preferencesSchema = z.object({
  locale: z.enum(["id", "en"], "Pilih bahasa email."),
  reminders: z.preprocess((v) => v === "on" || v === true || v === "true", z.boolean()),
});

/** The account's language of mail and whether deadline reminders come. */
export async function getPreferences(db: Db, actor: SessionUser) {
  const [row] = await db.select({ locale: users.locale, remindersOff: users.remindersOff }).from(users).where(eq(users.id, actor.id));
  if (!row) throw notFound();
  return row;
}

export async function savePreferences(db: Db, actor: SessionUser, input: unknown): Promise<void> {
  const data = preferencesSchema.parse(input);
  await db.update(users).set({ locale: data.locale, remindersOff: !data.reminders }).where(eq(users.id, actor.id));
  await recordAudit(db, { actorId: actor.id, action: "account.message_preferences", entityType: "user", entityId: actor.id, data: { locale: data.locale, remindersOff: !data.reminders } });
}
