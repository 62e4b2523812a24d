import type { PDFDocument, PDFImage } from "pdf-lib";
import type { EditionDocuments } from "@/lib/db/schema";
import type { DocumentLogo } from "./load-results";
import { regionTitle } from "./labels";

/** What the Berita Acara and the piagam share: the letterhead logo and the signatory (document-settings.ts). */

export const DOTTED_NAME = "(.......................................................)";
export const DOTTED_NIP = "NIP. ..................................................";

/** The logo as a PDF image, or null without one (or when the stored file no longer decodes: the letterhead goes without). */
export async function embedLogo(doc: PDFDocument, logo: DocumentLogo | null): Promise<PDFImage | null> {
  if (!logo) return null;
  try {
    return logo.mimeType === "image/jpeg" ? await doc.embedJpg(logo.bytes) : await doc.embedPng(logo.bytes);
  } catch {
    return null;
  }
}

/** The image scaled to `height` points, no wider than `maxWidth`. */
export function logoSize(image: PDFImage, height: number, maxWidth = height * 1.6): { width: number; height: number } {
  const scale = Math.min(height / image.height, maxWidth / image.width);
  return { width: image.width * scale, height: image.height * scale };
}

type Place = Parameters<typeof regionTitle>[0];

/** The signatory's position, or the head of the office when none is set ("Kepala Dinas ..." then the region on its own line). */
export function signatoryPosition(documents: EditionDocuments, place: Place): string[] {
  return documents.signatoryPosition ? [documents.signatoryPosition] : ["Kepala Dinas Komunikasi dan Informatika", regionTitle(place)];
}

/** The name line: the signatory's name, or dots to sign and write it by hand. */
export function signatoryName(documents: EditionDocuments): { text: string; given: boolean } {
  return documents.signatoryName ? { text: documents.signatoryName, given: true } : { text: DOTTED_NAME, given: false };
}

/** "NIP. 19700101 199003 1 002", or dots. */
export function signatoryNip(documents: EditionDocuments): string {
  return documents.signatoryNip ? `NIP. ${documents.signatoryNip}` : DOTTED_NIP;
}
