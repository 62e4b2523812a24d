import { and, asc, eq, inArray, like } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/authenticate";
import type { Db, DbLike } from "@/lib/db/client";
import { deadlineExtensions, editions, kimGroups, users } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { formatWib } from "@/lib/format/dates";
import { organiserEdition } from "@/lib/judging/assignment-plan";
import { sendMail } from "@/lib/mail/send-mail";
import { editionRules } from "./defaults";
import { fromWibInput, invalid } from "./edition-schemas";
import type { Edition } from "./update-edition";
import { plainText } from "@/lib/text/sanitise";

/**
 * Moving the entry deadline while entries are open: for the whole edition (its close moves) or
 * for one KIM (a row in deadline_extensions; lib/editions/submission-window.ts honours it through
 * kimDeadline). Either is audited and mailed to every active member of the KIMs it concerns,
 * with the new deadline in WIB. A deadline only ever moves later, and stays before the judging close.
 */

/** The KIM's own extended close in this edition, or null when it has none. */
export async function kimDeadline(db: DbLike, editionId: string, kimId: string): Promise<Date | null> {
  const [row] = await db
    .select({ closesAt: deadlineExtensions.closesAt })
    .from(deadlineExtensions)
    .where(and(eq(deadlineExtensions.editionId, editionId), eq(deadlineExtensions.kimId, kimId)));
  return row?.closesAt ?? null;
}

/** KIMs that may enter: registered in the edition's regency (or its province's regencies), active ones only if the rules say so. */
export async function eligibleKims(db: DbLike, edition: Pick<Edition, "regionCode" | "level" | "rules">) {
  const where = [edition.level === "provinsi" ? like(kimGroups.regencyCode, `${edition.regionCode}.%`) : eq(kimGroups.regencyCode, edition.regionCode)];
  if (editionRules(edition.rules).eligibleKims === "aktif") where.push(eq(kimGroups.status, "aktif"));
  return db
    .select({ id: kimGroups.id, name: kimGroups.name, status: kimGroups.status })
    .from(kimGroups)
    .where(and(...where))
    .orderBy(asc(kimGroups.name));
}

export async function listDeadlineExtensions(db: DbLike, editionId: string) {
  const creator = alias(users, "creator");
  return db
    .select({ kimId: deadlineExtensions.kimId, kimName: kimGroups.name, closesAt: deadlineExtensions.closesAt, reason: deadlineExtensions.reason, createdAt: deadlineExtensions.createdAt, createdBy: creator.name })
    .from(deadlineExtensions)
    .innerJoin(kimGroups, eq(kimGroups.id, deadlineExtensions.kimId))
    .innerJoin(creator, eq(creator.id, deadlineExtensions.createdBy))
    .where(eq(deadlineExtensions.editionId, editionId))
    .orderBy(asc(kimGroups.name));
}

const closesAtSchema = z
  .string({ message: "Isi tanggal dan jam batas baru." })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, { message: "Isi tanggal dan jam batas baru." })
  .transform(fromWibInput);

export const extendEditionSchema = z.object({
  closesAt: closesAtSchema,
  reason: plainText().trim().max(300, { message: "Alasan paling panjang 300 karakter." }).optional(),
});

export const extendKimSchema = z.object({
  kimId: z.uuid({ message: "Pilih KIM." }),
  closesAt: closesAtSchema,
  reason: plainText({ message: "Tulis alasan perpanjangan (minimal 5 karakter)." }).trim().min(5, { message: "Tulis alasan perpanjangan (minimal 5 karakter)." }).max(300, { message: "Alasan paling panjang 300 karakter." }),
});

async function openEdition(db: Db, actor: SessionUser, slug: string) {
  const edition = await organiserEdition(db, actor, slug);
  if (edition.status !== "pendaftaran") throw new AppError("conflict", { userMessage: "Batas pendaftaran hanya bisa diperpanjang selama pendaftaran dibuka." });
  return edition;
}

/** The new close must be in the future, after `after`, and before the judging close. */
function checkNewClose(edition: Edition, closesAt: Date, after: Date | null, now: Date) {
  const fail = (message: string) => invalid("closesAt", message);
  if (closesAt <= now) throw fail("Pilih waktu setelah sekarang.");
  if (after && closesAt <= after) throw fail(`Batas baru harus setelah batas sekarang (${formatWib(after)}).`);
  if (edition.judgingClosesAt && closesAt >= edition.judgingClosesAt) throw fail(`Batas baru harus sebelum penutupan penilaian (${formatWib(edition.judgingClosesAt)}).`);
}

export async function extendEditionDeadline(db: Db, actor: SessionUser, slug: string, input: unknown, now = new Date()): Promise<{ mailed: number }> {
  const edition = await openEdition(db, actor, slug);
  const { closesAt, reason } = extendEditionSchema.parse(input);
  checkNewClose(edition, closesAt, edition.submissionClosesAt, now);
  await db.update(editions).set({ submissionClosesAt: closesAt }).where(eq(editions.id, edition.id));
  const kims = await eligibleKims(db, edition);
  const mailed = await mailKimMembers(db, edition, kims.map((k) => k.id), closesAt, reason || null, null);
  await recordAudit(db, {
    actorId: actor.id,
    action: "edition.extend_deadline",
    entityType: "edition",
    entityId: edition.id,
    data: { scope: "edition", before: edition.submissionClosesAt?.toISOString() ?? null, after: closesAt.toISOString(), reason: reason || null, mailed },
  });
  return { mailed };
}

export async function extendKimDeadline(db: Db, actor: SessionUser, slug: string, input: unknown, now = new Date()): Promise<{ kimName: string; mailed: number }> {
  const edition = await openEdition(db, actor, slug);
  const { kimId, closesAt, reason } = extendKimSchema.parse(input);
  const kim = (await eligibleKims(db, edition)).find((k) => k.id === kimId);
  if (!kim) throw invalid("kimId", "Pilih KIM dari daftar.");
  checkNewClose(edition, closesAt, edition.submissionClosesAt, now);
  const previous = await kimDeadline(db, edition.id, kimId);
  await db
    .insert(deadlineExtensions)
    .values({ editionId: edition.id, kimId, closesAt, reason, createdBy: actor.id })
    .onConflictDoUpdate({ target: [deadlineExtensions.editionId, deadlineExtensions.kimId], set: { closesAt, reason, createdBy: actor.id, createdAt: now } });
  const mailed = await mailKimMembers(db, edition, [kimId], closesAt, reason, kim.name);
  await recordAudit(db, {
    actorId: actor.id,
    action: "edition.extend_deadline",
    entityType: "edition",
    entityId: edition.id,
    data: { scope: "kim", kimId, kimName: kim.name, before: previous?.toISOString() ?? null, after: closesAt.toISOString(), reason, mailed },
  });
  return { kimName: kim.name, mailed };
}

/** Tells every active member of these KIMs the new deadline (mails are Indonesian, like the others). */
async function mailKimMembers(db: Db, edition: Edition, kimIds: string[], closesAt: Date, reason: string | null, kimName: string | null): Promise<number> {
  if (kimIds.length === 0) return 0;
  const members = await db
    .select({ email: users.email, name: users.name })
    .from(users)
    .where(and(eq(users.role, "kim"), eq(users.status, "active"), inArray(users.kimId, kimIds)));
  const grace = editionRules(edition.rules).uploadGraceMinutes;
  for (const member of members) {
    await sendMail({
      to: member.email,
      subject: `Batas pendaftaran diperpanjang: ${edition.title}`,
      text: [
        `Halo ${member.name},`,
        "",
        kimName
          ? `Batas pendaftaran film ${edition.title} untuk ${kimName} diperpanjang sampai ${formatWib(closesAt)}.`
          : `Batas pendaftaran film ${edition.title} diperpanjang sampai ${formatWib(closesAt)}.`,
        reason ? `Alasan: ${reason}` : "",
        grace > 0 ? `Unggahan yang sudah dimulai sebelum batas itu masih boleh diselesaikan sampai ${grace} menit sesudahnya.` : "",
        "",
        `Kirim atau lengkapi film Anda di dasbor KIM: ${env().publicUrl}/kim`,
      ]
        .filter((line, i, lines) => line !== "" || lines[i - 1] !== "")
        .join("\n"),
    });
  }
  return members.length;
}
