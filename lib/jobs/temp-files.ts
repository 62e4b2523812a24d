import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";

// A check copies and remuxes whole films into temporary folders. A killed process never runs
// its clean-up, so every such folder carries the process id: `layar-<kind>-<pid>-XXXXXX`.
const workFolder = /^layar-(check|s3|ut|hls)-(\d+)-/;

/** The mkdtemp prefix for a check's temporary folder (kinds: check, s3, ut, hls: renditions). */
export function workPrefix(kind: "check" | "s3" | "ut" | "hls"): string {
  return path.join(os.tmpdir(), `layar-${kind}-${process.pid}-`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Removes the temporary folders of checks whose process is gone (killed, crashed, restarted).
 * At start (`includeOwn`) this process's own id counts as gone too: a container restarted after
 * a kill often gets the same process id, and nothing of ours runs yet. Returns what it removed.
 */
export async function removeOrphanedWorkFiles({ includeOwn = false, dir = os.tmpdir() }: { includeOwn?: boolean; dir?: string } = {}): Promise<string[]> {
  const removed: string[] = [];
  // The temporary directory, never a project path: turbopackIgnore keeps Next from tracing the whole project.
  for (const name of await fsp.readdir(/*turbopackIgnore: true*/ dir).catch(() => [] as string[])) {
    const match = workFolder.exec(name);
    if (!match) continue;
    const pid = Number(match[2]);
    if (pid === process.pid ? !includeOwn : alive(pid)) continue;
    await fsp.rm(path.join(/*turbopackIgnore: true*/ dir, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}
