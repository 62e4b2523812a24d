"use client";

import { useEffect, useState } from "react";
import { newWriterId, type SaveOrder, type SaveResult } from "./send-draft";
import { clearLocal, storeLocal, type InputValues } from "./sheet-values";

export type SaveStatus =
  | { kind: "idle" }
  | { kind: "pending" }
  | { kind: "saving" }
  | { kind: "saved"; at: string }
  | { kind: "refused"; message: string }
  /** The server failed or did not answer: kept on the device, tried again after `seconds`. */
  | { kind: "retrying"; seconds: number }
  | { kind: "offline" };

type Save = (values: InputValues, order: SaveOrder) => Promise<SaveResult>;

/**
 * The wait before the n-th attempt after a failure: 2, 4, 8, 16, 30, 30 ... seconds, each
 * stretched or shortened by up to a quarter at random so that judges whose saves failed
 * together (a restarting server) do not all come back in the same second.
 */
export function retryDelayMs(failures: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 2000 * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (0.75 + 0.5 * random()));
}

const browserOffline = () => typeof navigator !== "undefined" && navigator.onLine === false;

/**
 * Autosave for one score sheet: every change goes to the device at once and to
 * the server after a pause in typing. One save at a time; a change made while a
 * save is on its way is sent right after it. A save the server failed, or that got
 * no answer, is tried again with growing pauses (retryDelayMs) with the latest
 * values, and at once when the browser comes back online; meanwhile the values stay on
 * the device. A refusal (out of range, locked, closed) waits for the next change.
 * Every save carries this tab's id and a rising count, so a late one never replaces a
 * newer one on the server. Plain object, not hook state: the timer and the in-flight
 * flag must not wait for a render.
 */
export class Autosaver {
  private latest: InputValues | null = null;
  private dirty = false;
  private inFlight = false;
  private again = false;
  private stopped = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Failed attempts in a row; a retry is waiting while this is above zero. */
  private failures = 0;
  private seq = 0;
  private readonly writer = newWriterId();

  constructor(
    private readonly assignmentId: string,
    private save: Save,
    private readonly onStatus: (status: SaveStatus) => void,
    private readonly onFieldErrors: (errors: Record<string, string[]>) => void,
    private readonly delayMs = 800,
    private readonly random: () => number = Math.random,
  ) {}

  /** The page may hand over a new save function (same sheet) after a refresh. */
  setSave(save: Save): void {
    this.save = save;
  }

  /** Records a change: to the device now, to the server after the pause (or with the retry already waiting). */
  change(values: InputValues): void {
    if (this.stopped) return;
    this.latest = values;
    this.dirty = true;
    storeLocal(this.assignmentId, values);
    // A retry is waiting: it sends these values; typing does not hurry a failing server.
    if (this.failures > 0) return;
    this.onStatus({ kind: "pending" });
    this.schedule(this.delayMs);
  }

  /** Values restored from the device: saved straight away. */
  restore(values: InputValues): void {
    this.latest = values;
    this.dirty = true;
    void this.flush();
  }

  /** The browser is back online: send the unsaved values now rather than after the back-off. */
  retry = (): void => {
    if (this.dirty) void this.flush();
  };

  /** Before submitting: no draft may follow the submission. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** After a submission that did not go through: unsaved values go again, from a fresh back-off. */
  resume(): void {
    this.stopped = false;
    this.failures = 0;
    if (this.dirty) this.schedule(this.delayMs);
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), ms);
  }

  async flush(): Promise<void> {
    clearTimeout(this.timer);
    if (this.stopped || !this.dirty || !this.latest) return;
    if (this.inFlight) {
      this.again = true;
      return;
    }
    this.inFlight = true;
    this.dirty = false;
    const startedAt = Date.now();
    this.onStatus({ kind: "saving" });
    let result: SaveResult;
    try {
      result = await this.save(this.latest, { writer: this.writer, seq: ++this.seq });
    } catch {
      result = { kind: "failed" };
    }
    this.inFlight = false;
    if (this.stopped) return;
    if (result.kind === "saved") {
      this.failures = 0;
      this.onFieldErrors({});
      clearLocal(this.assignmentId, startedAt);
      // "Saved" only when nothing newer is waiting; otherwise the next save is still to come.
      this.onStatus(this.dirty ? { kind: "pending" } : { kind: "saved", at: result.at });
    } else if (result.kind === "refused") {
      // Sending the same values again would fail again: the next change is sent as usual.
      this.failures = 0;
      this.onFieldErrors(result.fieldErrors);
      this.onStatus({ kind: "refused", message: result.message });
    } else {
      // Nothing is known to be stored: the values stay on the device and go again later.
      this.dirty = true;
      this.failures += 1;
      const wait = retryDelayMs(this.failures, this.random);
      this.onStatus(browserOffline() ? { kind: "offline" } : { kind: "retrying", seconds: Math.round(wait / 1000) });
      this.schedule(wait);
      this.again = false;
      return;
    }
    if (this.again) {
      this.again = false;
      if (this.dirty) void this.flush();
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}

export function useAutosave(assignmentId: string, save: Save, initialSavedAt: string | null, onFieldErrors: (errors: Record<string, string[]>) => void) {
  const [status, setStatus] = useState<SaveStatus>(initialSavedAt ? { kind: "saved", at: initialSavedAt } : { kind: "idle" });
  const [saver] = useState(() => new Autosaver(assignmentId, save, setStatus, onFieldErrors));
  useEffect(() => {
    saver.setSave(save);
  }, [saver, save]);
  useEffect(() => {
    window.addEventListener("online", saver.retry);
    return () => {
      window.removeEventListener("online", saver.retry);
      saver.dispose();
    };
  }, [saver]);
  return { status, saver };
}
