// sendFileRange (server.mjs's media route writes a video's bytes with it) on a real
// socket: pooled read buffers are reused across responses, so these tests check that no
// response ever carries another's bytes, that a dropped or slow client neither leaks the
// file nor piles up buffers, and that a file shorter than promised is not sent as if whole.
// Also the route handler's web stream (next dev): it holds no file until its body is read.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { ServerResponse } from "node:http";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BufferPool } from "@/lib/http/buffer-pool";
import { sendFileRange } from "@/lib/http/send-file-range";
import { serveMedia } from "@/lib/http/serve-media";
import { LocalStorage } from "@/lib/storage/local";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "layar-send-range-"));
const file = path.join(work, "film.bin");
const bytes = crypto.randomBytes(5 * 1024 * 1024 + 123);

/** Counts buffers that are out of the pool (taken, not yet given back). */
class CountingPool extends BufferPool {
  out = 0;
  mostOut = 0;
  take(): Buffer {
    this.mostOut = Math.max(this.mostOut, ++this.out);
    return super.take();
  }
  give(buffer: Buffer): void {
    this.out--;
    super.give(buffer);
  }
}

const pool = new CountingPool(64 * 1024, 4);
let target = file;
let server: http.Server;
let origin: string;
const finished: Promise<void>[] = [];

beforeAll(async () => {
  fs.writeFileSync(file, bytes);
  server = http.createServer((req, res) => {
    const [start, end] = (req.headers.range ?? "").replace("bytes=", "").split("-").map(Number);
    res.writeHead(206, { "Content-Length": String(end - start + 1) });
    finished.push(sendFileRange(res, target, { start, end }, pool));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(work, { recursive: true, force: true });
});

const get = async (start: number, end: number) => Buffer.from(await (await fetch(origin, { headers: { Range: `bytes=${start}-${end}` } })).arrayBuffer());

/** File descriptors this process holds open on `file`. */
function openOnFile(): number {
  return fs.readdirSync("/proc/self/fd").filter((fd) => {
    try {
      return fs.readlinkSync(`/proc/self/fd/${fd}`) === file;
    } catch {
      return false;
    }
  }).length;
}

async function settle(): Promise<void> {
  await Promise.all(finished.splice(0));
  await new Promise((resolve) => setTimeout(resolve, 50));
}

describe("sendFileRange", () => {
  it("sends exactly the bytes asked for: one byte, within one buffer, across many, the last byte, the whole file", async () => {
    const last = bytes.length - 1;
    for (const [start, end] of [[0, 0], [10, 1000], [65_000, 3 * 65_536 + 7], [last, last], [0, last]]) {
      expect((await get(start, end)).equals(bytes.subarray(start, end + 1))).toBe(true);
    }
  });

  it("never mixes one response's bytes into another when many run at once on reused buffers", async () => {
    const whole = [0, bytes.length - 1];
    /** Reads a range; `stallMs` > 0 stops reading after the first chunk, so the server's writes wait in the socket. */
    const read = async ([start, end]: number[], stallMs = 0) => {
      const response = await fetch(origin, { headers: { Range: `bytes=${start}-${end}` } });
      const reader = response.body!.getReader();
      const chunks: Uint8Array[] = [];
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        chunks.push(chunk.value);
        if (stallMs && chunks.length === 1) await new Promise((resolve) => setTimeout(resolve, stallMs));
      }
      expect(Buffer.concat(chunks).equals(bytes.subarray(start, end + 1)), `bytes ${start}-${end}`).toBe(true);
    };
    // Four phones stall mid-film while four others keep reading other parts of it,
    // refilling the pool's buffers all the while.
    const stalled = Array.from({ length: 4 }, () => read(whole, 400));
    const busy = Array.from({ length: 4 }, async (_, worker) => {
      for (let i = 0; i < 25; i++) {
        const start = ((worker * 25 + i) * 48_611) % (bytes.length - 400_000);
        await read([start, start + 300_000 + i]);
      }
    });
    await Promise.all([...stalled, ...busy]);
    await settle();
    expect(pool.out).toBe(0);
    expect(pool.available).toBeGreaterThan(0);
  });

  it("closes the file and gets its buffers back when the client goes away mid-film", async () => {
    const before = openOnFile();
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        const controller = new AbortController();
        const response = await fetch(origin, { headers: { Range: `bytes=0-${bytes.length - 1}` }, signal: controller.signal });
        const reader = response.body!.getReader();
        await reader.read();
        controller.abort();
        await reader.read().catch(() => {});
      }),
    );
    await settle();
    expect(openOnFile()).toBe(before);
    expect(pool.out).toBe(0);
  });

  it("closes the file however the moment the client leaves falls: before it opens, mid-read, mid-write", async () => {
    const before = openOnFile();
    const runs = Array.from({ length: 120 }, async (_, i) => {
      // A response that takes its time with each write, closed after i % 12 turns of the event loop.
      const response = new Writable({ write: (_chunk, _encoding, done) => void setImmediate(done) });
      const sent = sendFileRange(response as unknown as ServerResponse, file, { start: 0, end: bytes.length - 1 }, pool);
      for (let turn = 0; turn < i % 12; turn++) await new Promise((resolve) => setImmediate(resolve));
      response.destroy();
      await sent;
    });
    await Promise.all(runs);
    await settle();
    expect(openOnFile()).toBe(before);
    expect(pool.out).toBe(0);
  });

  it("reads ahead of a slow client by a buffer or two, not the whole range", async () => {
    pool.mostOut = 0;
    const response = await fetch(origin, { headers: { Range: `bytes=0-${bytes.length - 1}` } });
    const reader = response.body!.getReader();
    await reader.read();
    await new Promise((resolve) => setTimeout(resolve, 300)); // the phone stops reading for a moment
    let received = 0;
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) received += chunk.value.length;
    await settle();
    expect(received).toBeGreaterThan(0);
    expect(pool.mostOut).toBeLessThanOrEqual(3);
  });

  it("breaks the response off rather than send a short body when the file is shorter than promised", async () => {
    const short = path.join(work, "short.bin");
    fs.writeFileSync(short, bytes.subarray(0, 100_000));
    target = short;
    try {
      await expect(get(0, 199_999)).rejects.toThrow();
    } finally {
      target = file;
    }
    await settle();
    expect(pool.out).toBe(0);
  });
});

describe("serveMedia's web stream (the route handler, as next dev answers)", () => {
  it("opens the file only when the body is read, and closes it at the end", async () => {
    const storage = new LocalStorage(work, 3_600_000);
    const before = openOnFile();
    const response = await serveMedia(new Request("http://layar.test/", { headers: { Range: "bytes=1000-2999999" } }), storage, { storageKey: "film.bin", sizeBytes: bytes.length, mimeType: "video/mp4" }, { cacheControl: "private, max-age=300" });
    expect(response.status).toBe(206);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(openOnFile()).toBe(before);
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes.subarray(1000, 3_000_000))).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(openOnFile()).toBe(before);
  });
});
