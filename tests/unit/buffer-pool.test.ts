import { afterEach, describe, expect, it, vi } from "vitest";
import { BufferPool } from "@/lib/http/buffer-pool";

afterEach(() => {
  vi.useRealTimers();
});

describe("BufferPool (the media route's read buffers)", () => {
  it("hands back a buffer that was given back instead of allocating another", () => {
    const pool = new BufferPool(1024, 4);
    const first = pool.take();
    expect(first.length).toBe(1024);
    pool.give(first);
    expect(pool.take()).toBe(first);
    expect(pool.take()).not.toBe(first);
  });

  it("keeps at most `keep` spare buffers, and none of another size", () => {
    const pool = new BufferPool(1024, 2);
    const taken = [pool.take(), pool.take(), pool.take()];
    for (const buffer of taken) pool.give(buffer);
    expect(pool.available).toBe(2);
    pool.give(Buffer.alloc(512));
    pool.give(taken[0].subarray(0, 100));
    expect(pool.available).toBe(2);
  });

  it("lets go of its spare buffers once it has not been used for a while", () => {
    vi.useFakeTimers();
    const pool = new BufferPool(1024, 4, 30_000);
    pool.give(pool.take());
    vi.advanceTimersByTime(20_000);
    pool.give(pool.take()); // used again: the idle time starts over
    vi.advanceTimersByTime(20_000);
    expect(pool.available).toBe(1);
    vi.advanceTimersByTime(10_001);
    expect(pool.available).toBe(0);
  });
});
