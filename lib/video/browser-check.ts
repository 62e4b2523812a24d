import type { EditionRules } from "@/lib/db/schema";
import { formatBytes } from "@/lib/format/bytes";
import { formatDuration } from "@/lib/format/duration";

/**
 * The rules a film's size, length and frame are held to, as messages, shared by the server
 * (the upload's start check, the check after the last byte: lib/video/check-video-against-rules.ts,
 * lib/uploads/upload-access.ts) and the uploader in the browser, which refuses a file it can
 * read before sending a byte. One builder per message, so the browser says exactly what the
 * server would. Pure: no Node imports (the browser bundles this file).
 */

/** The absolute ceiling whatever an edition says; each edition's own maximum is checked per upload. */
export const HARD_MAX_BYTES = 8 * 1024 ** 3;

/**
 * Containers round durations (MP4 keeps them in timescale ticks; editors export a
 * 5:00 film as 300.02 s or 300.4 s once the audio's last frame is counted). Half a
 * second of slack keeps a film cut to exactly the limit from being refused, and
 * since a refused duration is > limit + 0.5 s, its rounded display is always at
 * least one second over: the message never says "5 menit, melebihi batas 5 menit".
 */
export const DURATION_TOLERANCE_SECONDS = 0.5;

/**
 * The browser reads the duration from the container as the player sees it, which may differ
 * from ffprobe's by a frame or the audio's tail; it refuses only a film clearly over the limit
 * and leaves the borderline ones to the server, which decides.
 */
export const BROWSER_DURATION_MARGIN_SECONDS = 1;

/** The largest file an edition takes: its own maximum, never above the hard ceiling. */
export const maxUploadBytes = (rules: Pick<EditionRules, "maxFileBytes">): number => Math.min(rules.maxFileBytes, HARD_MAX_BYTES);

/** The refusal at the start of an upload (and in the browser before it) of a file over the edition's maximum. */
export function uploadSizeProblem(sizeBytes: number, maxBytes: number): string | undefined {
  if (sizeBytes <= maxBytes) return undefined;
  return `Ukuran berkas ${formatBytes(sizeBytes, Math.ceil)} melebihi batas ${formatBytes(maxBytes)}. Kompres atau ekspor ulang filmnya.`;
}

// "720p" is read as the SHORT side, so a portrait phone film (720×1280) meets a
// 720p minimum just as a landscape 1280×720 one does: vertical films are common
// from KIM groups and are not lower quality for being upright.
const shortSide = (frame: { width: number; height: number }) => Math.min(frame.width, frame.height);

// The smallest 16:9 frame with that short side, in the film's own orientation.
function suggestedFrame(frame: { width: number; height: number }, minShortSide: number): string {
  const longSide = Math.ceil((minShortSide * 16) / 9 / 2) * 2; // encoders want even sizes
  return frame.width >= frame.height ? `${longSide}×${minShortSide}` : `${minShortSide}×${longSide}`;
}

/** A frame below the edition's minimum resolution (read as the short side). */
export function resolutionProblem(frame: { width: number; height: number }, minHeight: number): string | undefined {
  if (shortSide(frame) >= minHeight) return undefined;
  return (
    `Resolusi film ${frame.width}×${frame.height} (${shortSide(frame)}p), kurang dari minimal ${minHeight}p. ` +
    `Ekspor ulang minimal ${suggestedFrame(frame, minHeight)}.`
  );
}

/** A film longer than the edition allows (beyond the rounding slack). */
export function durationProblem(durationSeconds: number, maxDurationSeconds: number, slack = DURATION_TOLERANCE_SECONDS): string | undefined {
  if (!(durationSeconds > maxDurationSeconds + slack)) return undefined;
  return `Durasi film ${formatDuration(durationSeconds)}, melebihi batas ${formatDuration(maxDurationSeconds)}.`;
}

/** What the browser could read of a chosen file: its size always, the rest when it can play the file's format. */
export type FileFacts = { sizeBytes: number; durationSeconds?: number | null; width?: number | null; height?: number | null };

/**
 * The problems the browser can tell before uploading, each worded as the server words it;
 * an empty list means "send it" (the server still checks everything).
 */
export function precheckVideoFile(facts: FileFacts, rules: Pick<EditionRules, "maxFileBytes" | "minHeight" | "maxDurationSeconds">): string[] {
  const problems: string[] = [];
  const size = uploadSizeProblem(facts.sizeBytes, maxUploadBytes(rules));
  if (size) problems.push(size);
  if (facts.width && facts.height) {
    const frame = resolutionProblem({ width: facts.width, height: facts.height }, rules.minHeight);
    if (frame) problems.push(frame);
  }
  if (facts.durationSeconds && Number.isFinite(facts.durationSeconds)) {
    const length = durationProblem(facts.durationSeconds, rules.maxDurationSeconds, DURATION_TOLERANCE_SECONDS + BROWSER_DURATION_MARGIN_SECONDS);
    if (length) problems.push(length);
  }
  return problems;
}
