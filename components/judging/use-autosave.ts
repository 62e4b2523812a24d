"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { SheetState } from "@/lib/actions/judge-actions";
import { clearLocal, storeLocal, type InputValues } from "./sheet-values";

export type SaveStatus =
  | { kind: "idle" }
  | { kind: "pending" }
  | { kind: "saving" }
  | { kind: "saved"; at: string }
  | { kind: "refused"; message: string }
  | { kind: "offline" };

const DEBOUNCE_MS = 800;

type Options = {
  assignmentId: string;
  /** Sends one draft; resolves with the server's answer, rejects when the network fails. */
  save: (values: InputValues) => Promise<SheetState>;
  initialSavedAt: string | null;
  onFieldErrors: (errors: Record<string, string[]>) => void;
};

/**
 * Autosave for the score sheet: every change goes to the device at once and to
 * the server after a pause in typing. One save at a time; a change made while a
 * save is on its way is sent right after it. A save lost to the network is sent
 * again when the browser comes back online.
 */
export function useAutosave({ assignmentId, save, initialSavedAt, onFieldErrors }: Options) {
  const [status, setStatus] = useState<SaveStatus>(initialSavedAt ? { kind: "saved", at: initialSavedAt } : { kind: "idle" });
  const latest = useRef<InputValues | null>(null);
  const dirty = useRef(false);
  const inFlight = useRef(false);
  const again = useRef(false);
  const stopped = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const flush = useCallback(async () => {
    clearTimeout(timer.current);
    if (stopped.current || !dirty.current || !latest.current) return;
    if (inFlight.current) {
      again.current = true;
      return;
    }
    inFlight.current = true;
    dirty.current = false;
    const startedAt = Date.now();
    setStatus({ kind: "saving" });
    try {
      const result = await save(latest.current);
      if (stopped.current) return;
      if (result.ok && result.savedAt) {
        onFieldErrors({});
        clearLocal(assignmentId, startedAt);
        setStatus({ kind: "saved", at: result.savedAt });
      } else {
        // Refused (out of range, closed, locked): retrying the same values would fail again.
        onFieldErrors(result.fieldErrors ?? {});
        setStatus({ kind: "refused", message: result.message ?? "" });
      }
    } catch {
      // No answer: keep the values on the device and try again once the network is back.
      dirty.current = true;
      if (!stopped.current) setStatus({ kind: "offline" });
    } finally {
      inFlight.current = false;
      if (again.current && !stopped.current) {
        again.current = false;
        if (dirty.current && navigator.onLine) void flush();
      }
    }
  }, [assignmentId, save, onFieldErrors]);

  /** Records a change: to the device now, to the server after the pause. */
  const change = useCallback(
    (values: InputValues) => {
      if (stopped.current) return;
      latest.current = values;
      dirty.current = true;
      storeLocal(assignmentId, values);
      setStatus({ kind: "pending" });
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), DEBOUNCE_MS);
    },
    [assignmentId, flush],
  );

  /** Values restored from the device: saved straight away. */
  const restore = useCallback(
    (values: InputValues) => {
      latest.current = values;
      dirty.current = true;
      void flush();
    },
    [flush],
  );

  /** Before submitting: no draft may follow the submission. */
  const stop = useCallback(() => {
    stopped.current = true;
    clearTimeout(timer.current);
  }, []);

  const resume = useCallback(() => {
    stopped.current = false;
  }, []);

  useEffect(() => {
    const retry = () => {
      if (dirty.current) void flush();
    };
    window.addEventListener("online", retry);
    return () => {
      window.removeEventListener("online", retry);
      clearTimeout(timer.current);
    };
  }, [flush]);

  return { status, change, restore, stop, resume, isSaving: () => inFlight.current };
}
