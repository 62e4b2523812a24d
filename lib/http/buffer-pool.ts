/**
 * Read buffers that go back into a pool once their bytes are on the socket. A fresh
 * 1 MiB buffer per read is external memory to V8, and in a process holding Next's heap
 * V8 answers a few dozen of those with a full mark-compact collection: several
 * per second of playback, most of the server CPU a ranged read cost (bench/playback.ts;
 * docs/decisions/0010-direct-byte-routes.md). Reused buffers allocate nothing.
 *
 * At most `keep` spare buffers are held, and none once the pool has been idle for
 * `idleMs`: a server that played one video an hour ago keeps no megabytes for it.
 */
export class BufferPool {
  private readonly spare: Buffer[] = [];
  private idle: NodeJS.Timeout | undefined;

  constructor(
    readonly bufferBytes: number,
    readonly keep: number,
    private readonly idleMs = 30_000,
  ) {}

  take(): Buffer {
    return this.spare.pop() ?? Buffer.allocUnsafeSlow(this.bufferBytes);
  }

  /** Only once nothing will read the buffer again (a socket write's callback has run). */
  give(buffer: Buffer): void {
    if (buffer.length !== this.bufferBytes || this.spare.length >= this.keep) return;
    this.spare.push(buffer);
    if (this.idle) this.idle.refresh();
    else this.idle = setTimeout(() => this.drain(), this.idleMs).unref();
  }

  /** Spare buffers held now. */
  get available(): number {
    return this.spare.length;
  }

  drain(): void {
    this.spare.length = 0;
    clearTimeout(this.idle);
    this.idle = undefined;
  }
}
