import type { EditionRules, VideoProbe } from "@/lib/db/schema";
import { formatBytes } from "@/lib/format/bytes";
import { formatDuration } from "@/lib/format/duration";
import { codecLabel, containerLabel, listChoices, normaliseName } from "@/lib/video/label-media";

/**
 * Containers round durations (MP4 keeps them in timescale ticks; editors export a
 * 5:00 film as 300.02 s or 300.4 s once the audio's last frame is counted). Half a
 * second of slack keeps a film cut to exactly the limit from being refused, and
 * since a refused duration is > limit + 0.5 s, its rounded display is always at
 * least one second over: the message never says "5 menit, melebihi batas 5 menit".
 */
export const DURATION_TOLERANCE_SECONDS = 0.5;

// "720p" is read as the SHORT side, so a portrait phone film (720×1280) meets a
// 720p minimum just as a landscape 1280×720 one does: vertical films are common
// from KIM groups and are not lower quality for being upright.
const shortSide = (probe: VideoProbe) => Math.min(probe.width, probe.height);

// The smallest 16:9 frame with that short side, in the film's own orientation.
function suggestedFrame(probe: VideoProbe, minShortSide: number): string {
  const longSide = Math.ceil((minShortSide * 16) / 9 / 2) * 2; // encoders want even sizes
  return probe.width >= probe.height ? `${longSide}×${minShortSide}` : `${minShortSide}×${longSide}`;
}

// An empty list in an edition's rules means "no restriction", not "refuse everything".
const accepts = (allowed: string[], value: string) =>
  allowed.length === 0 || allowed.map(normaliseName).includes(normaliseName(value));

export const acceptedContainersText = (rules: EditionRules): string =>
  listChoices(rules.containers.map((c) => containerLabel(normaliseName(c))));

/** Problems with a probed film under an edition's rules, in Indonesian; empty when it passes. */
export function checkVideoAgainstRules(probe: VideoProbe, rules: EditionRules): string[] {
  const problems: string[] = [];
  if (!accepts(rules.containers, probe.container)) {
    problems.push(`Format ${containerLabel(probe.container)} tidak diterima. Gunakan ${acceptedContainersText(rules)}.`);
  }
  if (!accepts(rules.videoCodecs, probe.videoCodec)) {
    const allowed = listChoices(rules.videoCodecs.map((c) => codecLabel(normaliseName(c))));
    problems.push(`Kodek video ${codecLabel(probe.videoCodec)} tidak diterima. Gunakan ${allowed}.`);
  }
  if (shortSide(probe) < rules.minHeight) {
    problems.push(
      `Resolusi film ${probe.width}×${probe.height} (${shortSide(probe)}p), kurang dari minimal ${rules.minHeight}p. ` +
        `Ekspor ulang minimal ${suggestedFrame(probe, rules.minHeight)}.`,
    );
  }
  if (probe.durationSeconds > rules.maxDurationSeconds + DURATION_TOLERANCE_SECONDS) {
    problems.push(
      `Durasi film ${formatDuration(probe.durationSeconds)}, melebihi batas ${formatDuration(rules.maxDurationSeconds)}.`,
    );
  }
  return problems;
}

/** The file-size rule, checked from the stored file rather than the probe. */
export function checkFileSize(sizeBytes: number, rules: EditionRules): string | undefined {
  if (sizeBytes <= rules.maxFileBytes) return undefined;
  return (
    `Ukuran berkas ${formatBytes(sizeBytes, Math.ceil)}, melebihi batas ${formatBytes(rules.maxFileBytes)}. ` +
    `Ekspor ulang dengan bitrate lebih rendah.`
  );
}
