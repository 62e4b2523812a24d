"use client";

import { useEffect, useState } from "react";
import type { SheetState } from "@/lib/actions/judge-actions";
import { clearLocal, storeLocal, type InputValues } from "./sheet-values";

export type SaveStatus =
  | { kind: "idle" }
  | { kind: "pending" }
  | { kind: "saving" }
  | { kind: "saved"; at: string }
  | { kind: "refused"; message: string }
  | { kind: "offline" };

type Save = (values: InputValues) => Promise<SheetState>;

/**
 * Autosave for one score sheet: every change goes to the device at once and to
 * the server after a pause in typing. One save at a time; a change made while a
 * save is on its way is sent right after it. A save lost to the network is sent
 * again when the browser comes back online. Plain object, not hook state: the
 * timer and the in-flight flag must not wait for a render.
 */
export class Autosaver {
  private latest: InputValues | null = null;
  private dirty = false;
  private inFlight = false;
  private again = false;
  private stopped = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly assignmentId: string,
    private save: Save,
    private readonly onStatus: (status: SaveStatus) => void,
    private readonly onFieldErrors: (errors: Record<string, string[]>) => void,
    private readonly delayMs = 800,
  ) {}

  /** The page may hand over a new save function (same sheet) after a refresh. */
  setSave(save: Save): void {
    this.save = save;
  }

  /** Records a change: to the device now, to the server after the pause. */
  change(values: InputValues): void {
    if (this.stopped) return;
    this.latest = values;
    this.dirty = true;
    storeLocal(this.assignmentId, values);
    this.onStatus({ kind: "pending" });
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
  }

  /** Values restored from the device: saved straight away. */
  restore(values: InputValues): void {
    this.latest = values;
    this.dirty = true;
    void this.flush();
  }

  /** Sends the device's unsaved values after a lost connection. */
  retry = (): void => {
    if (this.dirty) void this.flush();
  };

  /** Before submitting: no draft may follow the submission. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  resume(): void {
    this.stopped = false;
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
    try {
      const result = await this.save(this.latest);
      if (this.stopped) return;
      if (result.ok && result.savedAt) {
        this.onFieldErrors({});
        clearLocal(this.assignmentId, startedAt);
        // "Saved" only when nothing newer is waiting; otherwise the next save is still to come.
        this.onStatus(this.dirty ? { kind: "pending" } : { kind: "saved", at: result.savedAt });
      } else {
        // Refused (out of range, closed, locked): sending the same values again would fail again.
        this.onFieldErrors(result.fieldErrors ?? {});
        this.onStatus({ kind: "refused", message: result.message ?? "" });
      }
    } catch {
      // No answer: the values stay on the device; the `online` event sends them.
      this.dirty = true;
      if (!this.stopped) this.onStatus({ kind: "offline" });
    } finally {
      this.inFlight = false;
      if (this.again && !this.stopped) {
        this.again = false;
        if (this.dirty && navigator.onLine) void this.flush();
      }
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
