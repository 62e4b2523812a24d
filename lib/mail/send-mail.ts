import fs from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import { env } from "@/lib/env";

export type Mail = { to: string; subject: string; text: string };

export type MailResult = { delivered: "smtp"; messageId: string } | { delivered: "outbox"; file: string };

/**
 * Sends over SMTP when SMTP_URL is set. Without it the message is written to
 * `<dataDir>/outbox/` as an .eml file, so an admin can still pass the link on.
 */
export async function sendMail(mail: Mail): Promise<MailResult> {
  const { SMTP_URL, MAIL_FROM, dataDir } = env();
  if (SMTP_URL) {
    const transport = nodemailer.createTransport(SMTP_URL);
    const info = await transport.sendMail({ from: MAIL_FROM, ...mail });
    return { delivered: "smtp", messageId: info.messageId };
  }
  const outbox = path.join(dataDir, "outbox");
  await fs.mkdir(outbox, { recursive: true });
  const stream = nodemailer.createTransport({ streamTransport: true, buffer: true });
  const info = await stream.sendMail({ from: MAIL_FROM, ...mail });
  const safeTo = mail.to.replace(/[^a-z0-9@._-]/gi, "_");
  const file = path.join(outbox, `${new Date().toISOString().replace(/[:.]/g, "-")}-${safeTo}.eml`);
  await fs.writeFile(file, info.message as Buffer);
  return { delivered: "outbox", file };
}
