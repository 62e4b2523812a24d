import { eq } from "drizzle-orm";
import type PgBoss from "pg-boss";
import type { Db } from "@/lib/db/client";
import { outgoingMessages } from "@/lib/db/schema";
import { sendMail } from "@/lib/mail/send-mail";
import { noEmail, sendingMark, type MessageJobData } from "./queue";

/**
 * `sendingMark` is written into last_error while a message is being handed to the mail server.
 * A retry that finds it knows an earlier attempt got as far as sending without recording a
 * failure (it sent and could not record it, or died mid-way), and marks the message sent
 * instead of mailing it a second time: at most once, never twice (docs/decisions/0034-messages.md).
 */
export { sendingMark };

export type DeliveryOutcome = "sent" | "already" | "failed" | "missing";

/**
 * Delivers one queued message: claims it under a row lock (only a waiting message, marked as
 * being sent, attempts counted), mails it outside any transaction, then marks it terkirim
 * with sent_at. A mail server that refuses or is unreachable records the error and fails the
 * job back to pg-boss, which retries with back-off; after the last attempt the message is gagal.
 */
export async function runMessageJob(boss: PgBoss, db: Db, job: PgBoss.JobWithMetadata<MessageJobData>): Promise<DeliveryOutcome> {
  const id = job.data.messageId;
  const claim = await db.transaction(async (tx) => {
    const [row] = await tx.select().from(outgoingMessages).where(eq(outgoingMessages.id, id)).for("update");
    if (!row) return { outcome: "missing" as const };
    if (row.status !== "antre") return { outcome: "already" as const };
    if (row.lastError === sendingMark) {
      await tx.update(outgoingMessages).set({ status: "terkirim", sentAt: new Date(), lastError: null }).where(eq(outgoingMessages.id, id));
      return { outcome: "already" as const };
    }
    if (!row.toEmail) {
      await tx.update(outgoingMessages).set({ status: "gagal", lastError: noEmail }).where(eq(outgoingMessages.id, id));
      return { outcome: "already" as const };
    }
    await tx.update(outgoingMessages).set({ lastError: sendingMark, attempts: row.attempts + 1 }).where(eq(outgoingMessages.id, id));
    return { outcome: "send" as const, row };
  });
  if (claim.outcome !== "send") {
    await boss.complete(job.name, job.id, { outcome: claim.outcome });
    return claim.outcome;
  }
  const { row } = claim;
  try {
    await sendMail({ to: row.toEmail!, subject: row.subject, text: row.body });
  } catch (error) {
    const text = (error instanceof Error ? error.message : String(error)).slice(0, 500) || "error";
    const last = job.retryCount >= job.retryLimit;
    console.warn(`[messages] message ${id}, attempt ${job.retryCount + 1} of ${job.retryLimit + 1}, failed: ${text}`);
    await db.update(outgoingMessages).set({ status: last ? "gagal" : "antre", lastError: text }).where(eq(outgoingMessages.id, id));
    await boss.fail(job.name, job.id, { message: text });
    return "failed";
  }
  try {
    await db.update(outgoingMessages).set({ status: "terkirim", sentAt: new Date(), lastError: null }).where(eq(outgoingMessages.id, id));
  } catch (error) {
    // Sent, not recorded: the retry finds the mark and records it without sending again.
    await boss.fail(job.name, job.id, { note: "sent; recording failed" }).catch(() => undefined);
    throw error;
  }
  await boss.complete(job.name, job.id, { outcome: "sent" });
  return "sent";
}
