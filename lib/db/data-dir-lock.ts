import fs from "node:fs";
import path from "node:path";

/**
 * PGlite is PostgreSQL inside one process: two processes opening the same data directory
 * both "work" and then corrupt it (PGlite writes postmaster.pid but never checks it). So
 * every process that opens the embedded database first takes this lock file, and a second
 * one (`npm run admin` while the server runs) is refused with a sentence that says why.
 * A lock left by a process that no longer exists is taken over.
 */

export class DatabaseInUseError extends Error {
  readonly pid: number;
  constructor(dir: string, pid: number) {
    super(
      `Basis data tertanam di ${dir} sedang dipakai proses lain (PID ${pid}, biasanya server Layar). ` +
        "Hentikan server dulu, lalu ulangi perintah ini; atau jalankan dengan DATABASE_URL ke server PostgreSQL.",
    );
    this.name = "DatabaseInUseError";
    this.pid = pid;
  }
}

const held = new Map<string, number>(); // lock file -> how many handles of this process hold it

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else; still alive.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function ownerOf(file: string): number | null {
  try {
    const pid = Number(JSON.parse(fs.readFileSync(file, "utf8")).pid);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null; // unreadable or half-written: treat as stale
  }
}

/** Takes the lock of PGlite's directory `dir` for this process; returns its release. */
export function lockDataDir(dir: string): () => void {
  const file = path.join(path.dirname(dir), `${path.basename(dir)}.lock`);
  const count = held.get(file) ?? 0;
  if (count === 0) {
    for (let attempt = 0; ; attempt++) {
      try {
        fs.writeFileSync(file, JSON.stringify({ pid: process.pid, since: new Date().toISOString(), argv: process.argv.slice(1, 3) }), { flag: "wx" });
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 2) throw error;
        const owner = ownerOf(file);
        if (owner !== null && owner !== process.pid && alive(owner)) throw new DatabaseInUseError(dir, owner);
        fs.rmSync(file, { force: true }); // stale: its process is gone
      }
    }
  }
  held.set(file, count + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (held.get(file) ?? 1) - 1;
    if (left > 0) return void held.set(file, left);
    held.delete(file);
    if (ownerOf(file) === process.pid) fs.rmSync(file, { force: true });
  };
}

// A process that ends without closing its database (Ctrl+C on the server) leaves no lock behind.
process.once("exit", () => {
  for (const file of held.keys()) if (ownerOf(file) === process.pid) fs.rmSync(file, { force: true });
});
