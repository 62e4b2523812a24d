import crypto from "node:crypto";
import { MemoryLocker } from "@tus/server";
import { ERRORS, type Lock, type Locker, type RequestRelease } from "@tus/utils";
import { Client, type Pool } from "pg";
import type { Db } from "@/lib/db/client";
import { pgPoolOf } from "@/lib/db/setup-lock";

/**
 * One writer per upload, across every app instance.
 *
 * tus keeps one lock per upload so that a PATCH hanging on a dead connection and the client's
 * resume over a new one never write at the same time: the newcomer asks the holder to stop
 * (the holder keeps what it received and answers), then takes the lock and checks the offset.
 * @tus/server's MemoryLocker does that inside one process only; with two instances behind a
 * load balancer the hanging PATCH on A and the resume on B both wrote.
 *
 * On a PostgreSQL server each held lock is also a session-level advisory lock (one-key form,
 * a 64-bit hash of the upload id) on one dedicated connection per process, which also LISTENs
 * on a channel: a request that finds the lock held elsewhere NOTIFYs the upload id there, the
 * holding instance asks its request to stop, releases, and the newcomer takes it. Inside the
 * process the MemoryLocker still orders requests (an advisory lock is re-entrant within a
 * session, so it cannot tell two requests of one process apart). If the dedicated connection
 * is lost, the server has dropped its locks with it, so every holder is asked to stop at once.
 * The connection opens at the first lock and closes after a quiet half minute.
 *
 * On PGlite only one process opens the database (lib/db/data-dir-lock.ts): the MemoryLocker
 * alone is correct there.
 */
export type UploadLocker = Locker & { close(): Promise<void> };

export const releaseChannel = "layar_upload_release";
const DEFAULT_TIMEOUT_MS = 30_000; // as MemoryLocker's
const IDLE_CLOSE_MS = 30_000;

export function uploadLocker(db: () => Db, options: { acquireLockTimeoutMs?: number } = {}): UploadLocker {
  const timeoutMs = options.acquireLockTimeoutMs ?? DEFAULT_TIMEOUT_MS;
  let chosen: Locker | undefined;
  let server: ServerLocks | undefined;
  return {
    newLock(id) {
      if (!chosen) {
        // Decided at the first request: the database is opened lazily, never at import.
        const pool = pgPoolOf(db());
        chosen = pool ? (server = new ServerLocks(pool, timeoutMs)) : new MemoryLocker({ acquireLockTimeout: timeoutMs });
      }
      return chosen.newLock(id);
    },
    async close() {
      await server?.close();
    },
  };
}

/** The advisory lock key of an upload: 64 bits of SHA-256, as the signed bigint PostgreSQL takes. */
export function uploadLockKey(uploadId: string): string {
  return crypto.createHash("sha256").update(`layar-upload:${uploadId}`).digest().readBigInt64BE(0).toString();
}

type Held = { client: Client; release: RequestRelease };

class ServerLocks implements Locker {
  readonly memory: MemoryLocker;
  /** Uploads whose advisory lock this process holds, with the way to ask their request to stop. */
  readonly held = new Map<string, Held>();
  private connection?: Promise<Client>;
  private busy = 0; // locks being taken or held
  private idleTimer?: NodeJS.Timeout;
  private queries: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly pool: Pool,
    readonly timeoutMs: number,
  ) {
    this.memory = new MemoryLocker({ acquireLockTimeout: timeoutMs });
  }

  newLock(id: string): Lock {
    return new ServerLock(id, this);
  }

  private connect(): Promise<Client> {
    if (this.connection) return this.connection;
    const client = new Client(this.pool.options);
    const ready = (async () => {
      await client.connect();
      await client.query(`listen ${releaseChannel}`);
      return client;
    })();
    const lost = (error?: Error) => {
      if (this.connection !== ready) return; // closed on purpose, or already handled
      this.connection = undefined;
      const holders = [...this.held].filter(([, h]) => h.client === client);
      for (const [id] of holders) this.held.delete(id);
      if (holders.length) console.warn(`Koneksi kunci unggahan terputus${error ? ` (${error.message})` : ""}; ${holders.length} unggahan diminta berhenti dan dilanjutkan klien.`);
      for (const [, h] of holders) void Promise.resolve(h.release()).catch(() => {});
      client.end().catch(() => {});
    };
    client.on("error", lost);
    client.on("end", () => lost());
    client.on("notification", (message) => {
      if (message.channel !== releaseChannel || !message.payload) return;
      const holder = this.held.get(message.payload);
      if (holder) void Promise.resolve(holder.release()).catch(() => {});
    });
    this.connection = ready;
    ready.catch(() => {
      if (this.connection === ready) this.connection = undefined;
      client.end().catch(() => {});
    });
    return ready;
  }

  /** Takes the upload's advisory lock, asking its holder elsewhere to release it; the connection it is held on. */
  async acquire(id: string, signal: AbortSignal, release: RequestRelease): Promise<Client> {
    this.busy++;
    clearTimeout(this.idleTimer);
    try {
      const key = uploadLockKey(id);
      const deadline = Date.now() + this.timeoutMs;
      let askedAt = 0;
      for (let wait = 20; ; wait = Math.min(wait * 2, 250)) {
        const client = await this.connect();
        const { rows } = await this.serial(() => client.query<{ ok: boolean }>("select pg_try_advisory_lock($1::bigint) as ok", [key]));
        if (rows[0].ok) {
          this.held.set(id, { client, release });
          return client;
        }
        if (Date.now() - askedAt > 1000) {
          await this.serial(() => client.query("select pg_notify($1, $2)", [releaseChannel, id]));
          askedAt = Date.now();
        }
        if (signal.aborted || Date.now() + wait > deadline) throw ERRORS.ERR_LOCK_TIMEOUT;
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    } catch (error) {
      this.done();
      throw error;
    }
  }

  async release(id: string, client: Client): Promise<void> {
    const holder = this.held.get(id);
    try {
      // A lock lost with its connection is already gone on the server, and no longer listed.
      if (holder?.client === client) {
        this.held.delete(id);
        await this.serial(() => client.query("select pg_advisory_unlock($1::bigint)", [uploadLockKey(id)])).catch(() => {});
      }
    } finally {
      this.done();
    }
  }

  /**
   * One query at a time on the shared connection: uploads locking at the same moment would
   * otherwise queue queries inside pg's client, which pg 8 warns is deprecated (a
   * DeprecationWarning in the server's log) and pg 9 removes.
   */
  private serial<T>(query: () => Promise<T>): Promise<T> {
    const result = this.queries.then(query, query);
    this.queries = result.catch(() => undefined);
    return result;
  }

  private done() {
    this.busy--;
    if (this.busy > 0) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => void this.close(), IDLE_CLOSE_MS);
    this.idleTimer.unref();
  }

  async close(): Promise<void> {
    clearTimeout(this.idleTimer);
    const connection = this.connection;
    if (!connection || this.busy > 0) return;
    this.connection = undefined;
    const client = await connection.catch(() => null);
    await client?.end().catch(() => {});
  }
}

class ServerLock implements Lock {
  private local?: Lock;
  private client?: Client;

  constructor(
    private readonly id: string,
    private readonly locks: ServerLocks,
  ) {}

  async lock(signal: AbortSignal, requestRelease: RequestRelease): Promise<void> {
    // First among this process's requests, then among the instances.
    const local = this.locks.memory.newLock(this.id);
    await local.lock(signal, requestRelease);
    try {
      this.client = await this.locks.acquire(this.id, signal, requestRelease);
    } catch (error) {
      await local.unlock();
      throw error;
    }
    this.local = local;
  }

  async unlock(): Promise<void> {
    const { local, client } = this;
    if (!local || !client) throw new Error("Releasing an unlocked lock!");
    this.local = undefined;
    this.client = undefined;
    try {
      await this.locks.release(this.id, client);
    } finally {
      await local.unlock();
    }
  }
}
