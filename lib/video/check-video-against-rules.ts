import type { EditionRules, VideoProbe } from "@/lib/db/schema";
import { formatBytes } from "@/lib/format/bytes";
import { durationProblem, resolutionProblem } from "@/lib/video/browser-check";
import { codecLabel, containerLabel, listChoices, normaliseName } from "@/lib/video/label-media";

// The size, resolution and duration messages are shared with the uploader in the browser,
// which refuses a file it can read before sending a byte (lib/video/browser-check.ts).
export { DURATION_TOLERANCE_SECONDS } from "@/lib/video/browser-check";

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
  const frame = resolutionProblem(probe, rules.minHeight);
  if (frame) problems.push(frame);
  const length = durationProblem(probe.durationSeconds, rules.maxDurationSeconds);
  if (length) problems.push(length);
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
