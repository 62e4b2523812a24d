import crypto from "node:crypto";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/authenticate";
import type { Db } from "@/lib/db/client";
import { editions, type EditionDocuments } from "@/lib/db/schema";
import { AppError, zodFieldErrors } from "@/lib/errors";
import { texts } from "@/lib/editions/edition-schemas";
import { organiserEdition } from "@/lib/judging/assignment-plan";
import type { StorageDriver } from "@/lib/storage";

/**
 * What the printed documents say about who signs them (editions.documents): the signatory's
 * name, position and NIP, the Berita Acara number and the letterhead logo. Every field is
 * optional: a document prints dotted lines where one is missing, to be filled in by hand.
 */

export const MAX_LOGO_BYTES = 2 * 1024 * 1024;

/** Spaces collapsed; empty means "not set". */
const printed = (value: string) => value.replace(/\s+/g, " ") || undefined;

// The limits are the edition file's (lib/editions/edition-schemas.ts), so whatever is saved here
// exports and imports again; this form adds that a NIP is exactly 18 digits.
export const documentSettingsSchema = z
  .object({
    signatoryName: texts.signatoryName.transform(printed),
    signatoryPosition: texts.signatoryPosition.transform(printed),
    // A NIP is 18 digits; offices print it grouped (19700101 199003 1 002), so spaces may stay.
    signatoryNip: texts.signatoryNip
      .refine((v) => v === "" || /^\d{18}$/.test(v.replace(/ /g, "")), { message: "NIP terdiri dari 18 angka (boleh dipisah spasi)." })
      .transform(printed),
    beritaAcaraNumber: texts.beritaAcaraNumber.transform(printed),
  })
  .refine((v) => !v.signatoryNip || v.signatoryName, { path: ["signatoryName"], message: "Isi nama penandatangan pemilik NIP ini." });

export type DocumentSettingsInput = {
  values: Record<string, string | undefined>;
  logo?: File | null;
  removeLogo?: boolean;
};

const invalid = (message: string) => new AppError("invalid", { userMessage: message, fieldErrors: { logo: [message] } });

/**
 * A letterhead logo: decoded (not judged by its name, so a renamed program is refused),
 * PNG or JPEG only, turned upright, fitted within 600×600 and re-encoded in its own format
 * (PNG keeps its transparency), which also drops any metadata the file carried.
 */
export async function prepareLogo(bytes: Buffer): Promise<{ content: Buffer; mimeType: "image/png" | "image/jpeg"; extension: "png" | "jpg" }> {
  if (bytes.length > MAX_LOGO_BYTES) throw invalid("Logo paling besar 2 MB.");
  let meta: Awaited<ReturnType<ReturnType<typeof sharp>["metadata"]>>;
  try {
    meta = await sharp(bytes).metadata();
  } catch {
    throw invalid("Berkas logo bukan gambar yang bisa dibaca. Gunakan PNG atau JPEG.");
  }
  if (meta.format !== "png" && meta.format !== "jpeg") throw invalid(`Format gambar ${meta.format?.toUpperCase() ?? "ini"} tidak diterima untuk logo. Gunakan PNG atau JPEG.`);
  if (Math.min(meta.width ?? 0, meta.height ?? 0) < 48) throw invalid("Logo terlalu kecil: sisi terpendek minimal 48 piksel.");
  try {
    const image = sharp(bytes).rotate().resize({ width: 600, height: 600, fit: "inside", withoutEnlargement: true });
    return meta.format === "png"
      ? { content: await image.png({ compressionLevel: 9 }).toBuffer(), mimeType: "image/png", extension: "png" }
      : { content: await image.jpeg({ quality: 90 }).toBuffer(), mimeType: "image/jpeg", extension: "jpg" };
  } catch {
    // A header that reads but a body that does not decode (a truncated file).
    throw invalid("Berkas logo bukan gambar yang bisa dibaca. Gunakan PNG atau JPEG.");
  }
}

/** Saves the edition's document settings; on any refusal nothing changes (not the data, not the stored logo). */
export async function saveDocumentSettings(db: Db, storage: StorageDriver, actor: SessionUser, slug: string, input: DocumentSettingsInput): Promise<EditionDocuments> {
  const edition = await organiserEdition(db, actor, slug);
  const parsed = documentSettingsSchema.safeParse({
    signatoryName: input.values.signatoryName ?? "",
    signatoryPosition: input.values.signatoryPosition ?? "",
    signatoryNip: input.values.signatoryNip ?? "",
    beritaAcaraNumber: input.values.beritaAcaraNumber ?? "",
  });
  const fieldErrors: Record<string, string[]> = parsed.success ? {} : zodFieldErrors(parsed.error);
  const file = input.logo && input.logo.size > 0 ? input.logo : null;
  let logo: Awaited<ReturnType<typeof prepareLogo>> | null = null;
  if (file && !input.removeLogo) {
    try {
      logo = await prepareLogo(Buffer.from(await file.arrayBuffer()));
    } catch (error) {
      if (!(error instanceof AppError) || !error.fieldErrors) throw error;
      Object.assign(fieldErrors, error.fieldErrors);
    }
  }
  if (!parsed.success || Object.keys(fieldErrors).length) throw new AppError("invalid", { userMessage: "Periksa isian yang ditandai.", fieldErrors });

  const before: EditionDocuments = edition.documents ?? {};
  const after: EditionDocuments = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined));
  if (logo) {
    after.logoKey = `editions/${edition.id}/logo-${crypto.randomUUID()}.${logo.extension}`;
    after.logoMimeType = logo.mimeType;
    await putBytes(storage, after.logoKey, logo.content, logo.mimeType);
  } else if (!input.removeLogo && before.logoKey) {
    after.logoKey = before.logoKey;
    after.logoMimeType = before.logoMimeType;
  }
  try {
    await db.transaction(async (tx) => {
      await tx.update(editions).set({ documents: after }).where(eq(editions.id, edition.id));
      const logoChange = logo ? (before.logoKey ? "diganti" : "ditambahkan") : before.logoKey && !after.logoKey ? "dihapus" : "tetap";
      await recordAudit(tx, { actorId: actor.id, action: "documents.settings", entityType: "edition", entityId: edition.id, editionId: edition.id, data: { before: printedText(before), after: printedText(after), logo: logoChange } });
    });
  } catch (error) {
    if (logo && after.logoKey) await storage.remove(after.logoKey).catch(() => undefined);
    throw error;
  }
  // The old file goes once nothing points at it; a failure here leaves an orphan, never a broken letterhead.
  if (before.logoKey && before.logoKey !== after.logoKey) await storage.remove(before.logoKey).catch(() => undefined);
  return after;
}

/** The settings without the logo's storage fields, for the audit log. */
function printedText({ signatoryName, signatoryPosition, signatoryNip, beritaAcaraNumber }: EditionDocuments) {
  return { signatoryName, signatoryPosition, signatoryNip, beritaAcaraNumber };
}

async function putBytes(storage: StorageDriver, key: string, content: Buffer, mimeType: string) {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), "layar-logo-"));
  try {
    const file = path.join(dir, "logo");
    await fsp.writeFile(file, content);
    await storage.putFile(key, file, mimeType);
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
}

/** The stored logo's bytes for a PDF, or null when there is none or it cannot be read (the letterhead then goes without). */
export async function readLogo(storage: StorageDriver, documents: EditionDocuments | null | undefined): Promise<{ bytes: Uint8Array; mimeType: string } | null> {
  if (!documents?.logoKey) return null;
  try {
    const stream = await storage.read(documents.logoKey);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
    return { bytes: new Uint8Array(Buffer.concat(chunks)), mimeType: documents.logoMimeType ?? "image/png" };
  } catch {
    return null;
  }
}

/** A small PNG of the stored logo as a data: URL, for the settings page (no route serves the file itself). */
export async function logoPreview(storage: StorageDriver, documents: EditionDocuments | null | undefined): Promise<string | null> {
  const logo = await readLogo(storage, documents);
  if (!logo) return null;
  try {
    const png = await sharp(logo.bytes).resize({ height: 96, width: 192, fit: "inside", withoutEnlargement: true }).png().toBuffer();
    return `data:image/png;base64,${png.toString("base64")}`;
  } catch {
    return null;
  }
}
