// Linux /proc helpers for the benchmarks: which process serves a port, its peak
// resident memory (VmHWM, reset through clear_refs), and its CPU use.
import fs from "node:fs";

const MB = 1024 * 1024;

function readStatusKb(pid: number, field: "VmHWM" | "VmRSS"): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** Resident set size now, in bytes (null when the process is gone). */
export function rssBytes(pid: number): number | null {
  const kb = readStatusKb(pid, "VmRSS");
  return kb === null ? null : kb * 1024;
}

/** The kernel's high-water mark of the resident set, in bytes. */
export function hwmBytes(pid: number): number | null {
  const kb = readStatusKb(pid, "VmHWM");
  return kb === null ? null : kb * 1024;
}

/** Writing "5" to clear_refs resets VmHWM to the current RSS (Linux >= 4.0). */
export function resetPeak(pid: number): boolean {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, "5");
    // The reset worked when the mark now equals (about) the current RSS.
    const hwm = hwmBytes(pid);
    const rss = rssBytes(pid);
    return hwm !== null && rss !== null && hwm - rss < 4 * MB;
  } catch {
    return false;
  }
}

/** Direct children of a process, from every thread's children list. */
export function childrenOf(pid: number): number[] {
  const found = new Set<number>();
  try {
    for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
      try {
        const text = fs.readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
        for (const id of text.split(/\s+/).filter(Boolean)) found.add(Number(id));
      } catch {
        // thread ended
      }
    }
  } catch {
    // process ended
  }
  return [...found];
}

/** The process and all its descendants, parents first. */
export function processTree(pid: number): number[] {
  const out: number[] = [];
  const queue = [pid];
  while (queue.length) {
    const next = queue.shift()!;
    out.push(next);
    queue.push(...childrenOf(next));
  }
  return out;
}

function listeningInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text: string;
    try {
      text = fs.readFileSync(table, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10) continue;
      const localPort = parseInt(cols[1].split(":").pop()!, 16);
      if (localPort === port && cols[3] === "0A") inodes.add(cols[9]);
    }
  }
  return inodes;
}

/**
 * The process, among `rootPid` and its descendants, that holds the socket listening
 * on `port`: the one that actually serves (`next start` may hand off to a child).
 */
export function findListeningPid(rootPid: number, port: number): number | null {
  const inodes = listeningInodes(port);
  if (inodes.size === 0) return null;
  for (const pid of processTree(rootPid)) {
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const link = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
        const m = /^socket:\[(\d+)\]$/.exec(link);
        if (m && inodes.has(m[1])) return pid;
      } catch {
        // fd closed meanwhile
      }
    }
  }
  return null;
}

export function processName(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ").slice(0, 120) || fs.readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return "?";
  }
}

/**
 * utime + stime (fields 14 and 15, in clock ticks) from the text of /proc/<pid>/stat.
 * The command name (field 2) is in parentheses and may itself hold spaces or ")",
 * so the fields are counted from the last ")".
 */
export function parseStatCpuTicks(stat: string): { utime: number; stime: number } {
  const close = stat.lastIndexOf(")");
  if (close < 0) throw new Error("not a /proc/<pid>/stat line (no command name in parentheses)");
  const fields = stat.slice(close + 2).trim().split(/\s+/); // fields[0] is field 3 (state)
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error("a /proc/<pid>/stat line too short for utime and stime");
  return { utime, stime };
}

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ: 100 on every Linux build we run on). */
export const USER_HZ = 100;

/** CPU seconds (user + system, all threads) used so far by one process. */
export function processCpuSeconds(pid: number): number {
  try {
    const { utime, stime } = parseStatCpuTicks(fs.readFileSync(`/proc/${pid}/stat`, "utf8"));
    return (utime + stime) / USER_HZ;
  } catch {
    return NaN;
  }
}

/** CPU seconds (user + system) used so far by a process and its live descendants. */
export function treeCpuSeconds(pid: number): number {
  return processTree(pid)
    .map(processCpuSeconds)
    .filter((s) => !Number.isNaN(s))
    .reduce((a, b) => a + b, 0);
}

/**
 * Waits until the process tree is nearly idle (e.g. the server's background video
 * check after an upload): under `maxShare` of one core for two windows in a row.
 */
export async function waitForQuiet(pid: number, { maxShare = 0.05, windowMs = 500, timeoutMs = 120_000 } = {}): Promise<number> {
  const start = Date.now();
  let calm = 0;
  let last = treeCpuSeconds(pid);
  while (Date.now() - start < timeoutMs) {
    await sleep(windowMs);
    const now = treeCpuSeconds(pid);
    calm = (now - last) / (windowMs / 1000) < maxShare ? calm + 1 : 0;
    last = now;
    if (calm >= 2) break;
  }
  return Date.now() - start;
}

export type PeakReading = { peakBytes: number; method: "VmHWM" | "sampled VmRSS"; sampledMaxBytes: number; startRssBytes: number };

/**
 * Peak RSS of one process over a measured run: VmHWM after resetting it through
 * clear_refs, cross-checked by sampling VmRSS every 50 ms (the fallback when the
 * reset is refused).
 */
export class PeakRss {
  private timer?: NodeJS.Timeout;
  private sampledMax = 0;
  private resetOk = false;
  private startRss = 0;

  constructor(readonly pid: number) {}

  start(): this {
    this.resetOk = resetPeak(this.pid);
    this.startRss = rssBytes(this.pid) ?? 0;
    this.sampledMax = this.startRss;
    this.timer = setInterval(() => {
      const rss = rssBytes(this.pid);
      if (rss !== null && rss > this.sampledMax) this.sampledMax = rss;
    }, 50);
    this.timer.unref();
    return this;
  }

  stop(): PeakReading {
    if (this.timer) clearInterval(this.timer);
    const rss = rssBytes(this.pid);
    if (rss !== null && rss > this.sampledMax) this.sampledMax = rss;
    const hwm = this.resetOk ? hwmBytes(this.pid) : null;
    return hwm !== null
      ? { peakBytes: Math.max(hwm, this.sampledMax), method: "VmHWM", sampledMaxBytes: this.sampledMax, startRssBytes: this.startRss }
      : { peakBytes: this.sampledMax, method: "sampled VmRSS", sampledMaxBytes: this.sampledMax, startRssBytes: this.startRss };
  }
}

/** Other `next build` processes on the machine (another engineer's build writing .next). */
export function runningNextBuilds(root?: string): number[] {
  const found: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8");
      // With `root`, only builds in that directory (builds of other checkouts write their own .next).
      if (root && fs.readlinkSync(`/proc/${entry}/cwd`) !== root) continue;
      if (/next-build|next\/dist\/bin\/next\0build|\bnext\0build\b/.test(cmd)) found.push(Number(entry));
    } catch {
      // gone
    }
  }
  return found;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
