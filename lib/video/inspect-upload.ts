import fs from "node:fs/promises";
import type { EditionRules, VideoProbe } from "@/lib/db/schema";
import { acceptedContainersText, checkFileSize, checkVideoAgainstRules } from "@/lib/video/check-video-against-rules";
import { notVideoLabel } from "@/lib/video/label-media";
import { probeVideo, type ProbeFailureReason } from "@/lib/video/probe-video";
import { readHead } from "@/lib/video/read-head";
import { sniffContainer } from "@/lib/video/sniff-container";

export type InspectionResult = { ok: boolean; probe?: VideoProbe; problems: string[] };

const uploadAgain = (rules: EditionRules) =>
  rules.containers.length ? `Unggah berkas video ${acceptedContainersText(rules)}.` : "Unggah berkas video.";

const corrupt = "Berkas video rusak atau tidak lengkap (mungkin unggahan terputus). Unggah ulang berkas aslinya.";

function failureMessage(reason: ProbeFailureReason, rules: EditionRules): string {
  switch (reason) {
    case "audio_only":
      return "Berkas ini hanya berisi audio, tidak ada gambar video.";
    case "no_video_stream":
      return `Berkas ini tidak berisi gambar video. ${uploadAgain(rules)}`;
    case "not_video":
      return `Berkas ini bukan video. ${uploadAgain(rules)}`;
    case "corrupt":
    case "truncated":
      return corrupt;
  }
}

/**
 * The whole check of a finished upload, run by a background job rather than the
 * upload request (ffprobe can take seconds on a large film). Every problem is
 * listed at once, so a KIM fixes format, resolution and length in one re-export.
 * Throws only for server-side trouble (see probeVideo), never for a bad file.
 */
export async function inspectUpload(filePath: string, rules: EditionRules): Promise<InspectionResult> {
  const sniffed = sniffContainer(await readHead(filePath));
  if (sniffed.kind === "not_video") {
    const message = `Berkas ini bukan video (terdeteksi: ${notVideoLabel(sniffed.detected)}). ${uploadAgain(rules)}`;
    return { ok: false, problems: [message] };
  }
  // "unknown" is still probed: ffprobe knows far more containers than the sniffer.
  const probed = await probeVideo(filePath);
  if (!probed.ok) return { ok: false, problems: [failureMessage(probed.reason, rules)] };

  const problems = checkVideoAgainstRules(probed.probe, rules);
  const sizeProblem = checkFileSize((await fs.stat(filePath)).size, rules);
  if (sizeProblem) problems.push(sizeProblem);
  return { ok: problems.length === 0, probe: probed.probe, problems };
}
