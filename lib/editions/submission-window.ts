import { formatWib } from "@/lib/format/dates";

type Window = {
  status: string;
  submissionOpensAt: Date | null;
  submissionClosesAt: Date | null;
  rules: { uploadGraceMinutes: number } | null;
};

/**
 * Whether entries may be created or edited, and uploads started, at `now`. All
 * deadlines are enforced here, on the server, whatever the phone's clock says.
 */
export function entriesOpen(edition: Window, now: Date): { open: true } | { open: false; reason: string } {
  if (edition.status !== "pendaftaran" || !edition.submissionOpensAt || !edition.submissionClosesAt) {
    return { open: false, reason: "Festival ini tidak sedang membuka pendaftaran film." };
  }
  if (now < edition.submissionOpensAt) return { open: false, reason: `Pendaftaran film baru dibuka ${formatWib(edition.submissionOpensAt)}.` };
  if (now >= edition.submissionClosesAt) return { open: false, reason: `Pendaftaran film sudah ditutup ${formatWib(edition.submissionClosesAt)}.` };
  return { open: true };
}

/**
 * An upload that started before the close may go on for the edition's grace
 * period after it (a phone that lost its signal at 23.50 WIB still finishes).
 */
export function uploadMayContinue(edition: Window, uploadStartedAt: Date, now: Date): { ok: true } | { ok: false; reason: string } {
  const closes = edition.submissionClosesAt;
  if (!closes) return { ok: false, reason: "Festival ini tidak sedang membuka pendaftaran film." };
  if (uploadStartedAt >= closes) return { ok: false, reason: `Unggahan dimulai setelah pendaftaran ditutup ${formatWib(closes)}.` };
  const graceEnds = new Date(closes.getTime() + (edition.rules?.uploadGraceMinutes ?? 0) * 60_000);
  if (now > graceEnds) return { ok: false, reason: `Batas waktu menyelesaikan unggahan sudah lewat (${formatWib(graceEnds)}).` };
  return { ok: true };
}
