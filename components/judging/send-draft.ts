// The score sheet's autosave request (PUT /api/juri/lembar/{assignmentId},
// lib/judging/draft-route.ts) and what its answer means for the next step.

import type { ServerValues } from "./sheet-values";

export type SaveResult =
  /** Stored (or a newer save from this tab already was). */
  | { kind: "saved"; at: string }
  /** The server said no (out of range, locked, closed, signed out): the same values would be refused again. */
  | { kind: "refused"; message: string; fieldErrors: Record<string, string[]> }
  /** No answer, or the server failed: nothing is known to be stored, so the save is tried again. */
  | { kind: "failed" };

/** Which tab sent a save, and its place in that tab's order (a late, older save is not stored). */
export type SaveOrder = { writer: string; seq: number };

/** Statuses worth trying again: the server failed or was busy, or a proxy timed out. */
const retryable = (status: number) => status >= 500 || status === 408 || status === 429;

export async function sendDraft(assignmentId: string, values: ServerValues, order: SaveOrder, send: typeof fetch = fetch): Promise<SaveResult> {
  let response: Response;
  try {
    response = await send(`/api/juri/lembar/${encodeURIComponent(assignmentId)}`, {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      credentials: "same-origin",
      body: JSON.stringify({ values, writer: order.writer, seq: order.seq }),
    });
  } catch {
    return { kind: "failed" };
  }
  const body = (await response.json().catch(() => null)) as { ok?: boolean; savedAt?: string; error?: string; fieldErrors?: Record<string, string[]> } | null;
  if (response.ok && body?.ok && typeof body.savedAt === "string") return { kind: "saved", at: body.savedAt };
  if (response.ok || retryable(response.status)) return { kind: "failed" };
  return { kind: "refused", message: body?.error ?? `HTTP ${response.status}`, fieldErrors: body?.fieldErrors ?? {} };
}

/** A random id for this tab's sheet: crypto.getRandomValues works on plain http too (randomUUID does not). */
export function newWriterId(): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
