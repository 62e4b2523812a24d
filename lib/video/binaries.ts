import { execFile } from "node:child_process";

export type Tool = "ffmpeg" | "ffprobe";
export type Binaries = { ffmpeg: string; ffprobe: string };

// The npm packages ship static builds, so a fresh server needs no apt-get; a
// system ffmpeg on PATH (Debian's, or one an operator prefers) is the fallback,
// e.g. on a CPU architecture the packages do not cover (their index throws there).
async function npmBinary(tool: Tool): Promise<string | undefined> {
  try {
    const installer =
      tool === "ffprobe" ? await import("@ffprobe-installer/ffprobe") : await import("@ffmpeg-installer/ffmpeg");
    return installer.default.path;
  } catch {
    return undefined;
  }
}

// Running `-version` proves more than a file existing: the binary must also start
// on this machine (right architecture, executable bit kept by the installer).
function runs(command: string): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(command, ["-version"], { timeout: 10_000 }, (error) => resolve(!error));
  });
}

/** The first candidate that runs, or an error that says how to install one. */
export async function findBinary(tool: Tool, candidates: string[]): Promise<string> {
  for (const candidate of candidates) {
    if (await runs(candidate)) return candidate;
  }
  throw new Error(
    `${tool} tidak ditemukan (dicoba: ${candidates.join(", ") || "tidak ada"}). ` +
      `Jalankan \`npm install\` (paket @ffprobe-installer/ffprobe dan @ffmpeg-installer/ffmpeg) ` +
      `atau pasang ffmpeg sistem: \`apt-get install -y ffmpeg\`.`,
  );
}

async function resolveTool(tool: Tool): Promise<string> {
  const fromNpm = await npmBinary(tool);
  // A bare name makes execFile search PATH, so no one here has to read PATH.
  return findBinary(tool, fromNpm ? [fromNpm, tool] : [tool]);
}

let cached: Promise<Binaries> | undefined;

/** Paths of ffprobe and ffmpeg, looked up once per process. */
export function resolveBinaries(): Promise<Binaries> {
  cached ??= Promise.all([resolveTool("ffprobe"), resolveTool("ffmpeg")]).then(([ffprobe, ffmpeg]) => ({
    ffprobe,
    ffmpeg,
  }));
  // A failed lookup is not kept: after an operator installs ffmpeg, the next job finds it.
  cached.catch(() => {
    cached = undefined;
  });
  return cached;
}

let encoder: Promise<string> | undefined;

/**
 * The ffmpeg that encodes renditions (lib/video/renditions.ts): the system's (Debian's 5.1)
 * when present, else the npm package's 2018 build, which encodes one rendition per run well
 * but is older (STACK.md: it crashes on multi-variant HLS, which is not used here).
 */
export function resolveEncoder(): Promise<string> {
  encoder ??= (async () => {
    const fromNpm = await npmBinary("ffmpeg");
    return findBinary("ffmpeg", ["/usr/bin/ffmpeg", ...(fromNpm ? [fromNpm] : []), "ffmpeg"]);
  })();
  encoder.catch(() => {
    encoder = undefined;
  });
  return encoder;
}
