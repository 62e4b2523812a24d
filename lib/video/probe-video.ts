import { resolveBinaries } from "@/lib/video/binaries";
import { isIsoFileTruncated } from "@/lib/video/detect-truncation";
import { readHead } from "@/lib/video/read-head";
import { readProbeOutput, type FfprobeOutput, type ProbeResult } from "@/lib/video/read-probe-output";
import { fileArgument, runTool, ToolFailure } from "@/lib/video/run-tool";
import { sniffContainer } from "@/lib/video/sniff-container";

export type { ProbeFailureReason, ProbeResult } from "@/lib/video/read-probe-output";

const PROBE_TIMEOUT_MS = 60_000;

// These say the server cannot read the file, not that the file is bad: a KIM must
// never be told to re-upload a good film because of our disk or permissions.
const serverSide = /No such file or directory|Permission denied|Too many open files|Cannot allocate memory/i;

function firstLines(stderr: string): string {
  return stderr.trim().split("\n").slice(0, 3).join(" | ") || "no error output";
}

/**
 * Runs ffprobe on a finished upload. A bad file (corrupt, truncated, audio only,
 * not a video) comes back as `{ ok: false, reason }`; a problem on our side (no
 * ffprobe, unreadable path, timeout) is thrown, so the job can be retried.
 */
export async function probeVideo(filePath: string): Promise<ProbeResult> {
  const { ffprobe } = await resolveBinaries();
  const args = ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", "-i", fileArgument(filePath)];
  let stdout: string;
  try {
    ({ stdout } = await runTool(ffprobe, args, { timeoutMs: PROBE_TIMEOUT_MS }));
  } catch (error) {
    // ffprobe ran and refused the file ("moov atom not found", "Invalid data found ...").
    if (error instanceof ToolFailure && error.exitCode !== null && !serverSide.test(error.stderr)) {
      return { ok: false, reason: "corrupt", detail: firstLines(error.stderr) };
    }
    throw error;
  }

  const result = readProbeOutput(JSON.parse(stdout) as FfprobeOutput, sniffContainer(await readHead(filePath)));
  if (result.ok && ["mp4", "mov"].includes(result.probe.container) && (await isIsoFileTruncated(filePath))) {
    return { ok: false, reason: "truncated", detail: "top-level boxes run past the end of the file" };
  }
  return result;
}
