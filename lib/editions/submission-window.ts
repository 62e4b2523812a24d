import { formatWib } from "@/lib/format/dates";

type Window = {
  status: string;
  submissionOpensAt: Date | null;
  submissionClosesAt: Date | null;
  rules: { uploadGraceMinutes: number } | null;
};

/**
 * When entries close for one KIM: the edition's close, or the KIM's own later deadline
 * (deadline_extensions) while the edition still takes entries. An extension never brings a
 * close forward and counts for nothing once the organiser has moved the edition on.
 */
export function effectiveClose(edition: Pick<Window, "status" | "submissionClosesAt">, extendedUntil?: Date | null): Date | null {
  const closes = edition.submissionClosesAt;
  if (!extendedUntil || edition.status !== "pendaftaran") return closes;
  return closes && closes >= extendedUntil ? closes : extendedUntil;
}

/**
 * Whether entries may be created or edited, and uploads started, at `now`, for a KIM whose
 * own deadline is `extendedUntil` (null: the edition's). All deadlines are enforced here, on
 * the server, whatever the phone's clock says.
 */
export function entriesOpen(edition: Window, now: Date, extendedUntil?: Date | null): { open: true } | { open: false; reason: string } {
  const closes = effectiveClose(edition, extendedUntil);
  if (edition.status !== "pendaftaran" || !edition.submissionOpensAt || !closes) {
    return { open: false, reason: "Festival ini tidak sedang membuka pendaftaran film." };
  }
  if (now < edition.submissionOpensAt) return { open: false, reason: `Pendaftaran film baru dibuka ${formatWib(edition.submissionOpensAt)}.` };
  if (now >= closes) return { open: false, reason: `Pendaftaran film sudah ditutup ${formatWib(closes)}.` };
  return { open: true };
}

/**
 * An upload that started before the (KIM's) close may go on for the edition's grace
 * period after it (a phone that lost its signal at 23.50 WIB still finishes).
 */
export function uploadMayContinue(edition: Window, uploadStartedAt: Date, now: Date, extendedUntil?: Date | null): { ok: true } | { ok: false; reason: string } {
  const closes = effectiveClose(edition, extendedUntil);
  if (!closes) return { ok: false, reason: "Festival ini tidak sedang membuka pendaftaran film." };
  if (uploadStartedAt >= closes) return { ok: false, reason: `Unggahan dimulai setelah pendaftaran ditutup ${formatWib(closes)}.` };
  const graceEnds = new Date(closes.getTime() + (edition.rules?.uploadGraceMinutes ?? 0) * 60_000);
  if (now > graceEnds) return { ok: false, reason: `Batas waktu menyelesaikan unggahan sudah lewat (${formatWib(graceEnds)}).` };
  return { ok: true };
}

/**
 * An organiser entering a film for a KIM (delivered on a flash disk before the close) may do
 * so while the edition takes entries, also after the close date, never once judging began.
 */
export function organiserMayEnter(edition: Pick<Window, "status">): { open: true } | { open: false; reason: string } {
  if (edition.status === "pendaftaran") return { open: true };
  return { open: false, reason: "Panitia hanya bisa menambah atau mengubah film KIM selama festival berstatus pendaftaran." };
}
