import { execFile } from "node:child_process";

/** ffprobe/ffmpeg ended badly; `exitCode` is null when it never ran or was killed. */
export class ToolFailure extends Error {
  readonly exitCode: number | null;
  readonly stderr: string;
  readonly timedOut: boolean;

  constructor(message: string, details: { exitCode: number | null; stderr: string; timedOut: boolean }) {
    super(message);
    this.name = "ToolFailure";
    this.exitCode = details.exitCode;
    this.stderr = details.stderr;
    this.timedOut = details.timedOut;
  }
}

/**
 * Runs a binary with an argument array and no shell, so a file name can never
 * become a command. The timeout and SIGKILL stop a pathological file from
 * holding a worker forever; maxBuffer bounds memory if a tool prints too much.
 */
export function runTool(
  command: string,
  args: string[],
  options: { timeoutMs: number; maxBufferBytes?: number },
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { timeout: options.timeoutMs, killSignal: "SIGKILL", maxBuffer: options.maxBufferBytes ?? 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (!error) return resolve({ stdout, stderr });
        const exitCode = typeof error.code === "number" ? error.code : null;
        const timedOut = Boolean(error.killed) && error.signal === "SIGKILL";
        const why = timedOut ? `timed out after ${options.timeoutMs} ms` : error.message;
        reject(new ToolFailure(`${command} failed: ${why}`, { exitCode, stderr: String(stderr), timedOut }));
      },
    );
  });
}

/** Where an input path goes on an ffmpeg/ffprobe command line. */
export function fileArgument(filePath: string): string {
  // `file:` pins the file protocol: a stored name like "concat:a|b", "http://..."
  // or "-y" must never be read as a protocol or an option.
  return `file:${filePath}`;
}
