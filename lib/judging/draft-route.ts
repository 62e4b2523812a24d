import type { IncomingMessage, ServerResponse } from "node:http";
import { ZodError } from "zod";
import { localeFromCookieHeader } from "@/lib/api/handler";
import { actorFromCookies, checkActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { AppError, forbidden, zodFieldErrors } from "@/lib/errors";
import { translateFieldErrors, translateMessage } from "@/lib/i18n/translate-message";
import { saveDraft } from "./score-sheet";

// PUT /api/juri/lembar/{assignmentId}: the score sheet's autosave. A JSON route of its own
// rather than a server action: server.mjs answers it before Next (lib/server/direct-routes.ts),
// so a save costs the session check and two short statements, not a pass through Next's
// router, the proxy and the action machinery (docs/decisions/0023-autosave-under-load.md).
// app/api/juri/lembar/[assignmentId]/route.ts answers the same under `next dev`.
//
// Body: { values: { <criterionId>: { score, comment } }, writer, seq } (lib/judging/score-sheet.ts).
// 200 { ok, savedAt, stale? }; 4xx { error, fieldErrors? } (refused: sending it again would fail
// again); 5xx { error } (the client tries again later).

export const draftPath = /^\/api\/juri\/lembar\/([0-9a-f-]{36})$/i;

/** Far above any sheet (a comment is at most 2,000 characters), far below anything harmful. */
export const maxDraftBytes = 256 * 1024;

export type DraftRequest = {
  assignmentId: string;
  cookie: string | null;
  /** The Origin header, and the hosts the request was addressed to (Host, X-Forwarded-Host). */
  origin: string | null;
  hosts: (string | null | undefined)[];
  contentType: string | null;
  body: string;
};

export type DraftReply = { ok: true; savedAt: string; stale?: true } | { error: string; fieldErrors?: Record<string, string[]> };

const serverError = "Terjadi kesalahan di server. Silakan coba lagi.";

/**
 * A browser sends Origin with every PUT; one from another site is refused (with the
 * session cookie's SameSite=Lax and the JSON content type, which needs a CORS preflight
 * that is never granted, a third fence against cross-site requests).
 */
function sameOrigin(origin: string | null, hosts: DraftRequest["hosts"]): boolean {
  if (!origin) return true;
  let host: string;
  try {
    host = new URL(origin).host.toLowerCase();
  } catch {
    return false;
  }
  return hosts.some((h) => typeof h === "string" && h.split(",")[0].trim().toLowerCase() === host);
}

/** Schema errors name a path ("values.<criterionId>.score"); the sheet shows them by criterion. */
export function byCriterion(errors: Record<string, string[]>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(errors)) (out[key.match(/^values\.([^.]+)/)?.[1] ?? key] ??= []).push(...messages);
  return out;
}

export async function answerDraftSave(request: DraftRequest): Promise<{ status: number; body: DraftReply }> {
  const locale = localeFromCookieHeader(request.cookie ?? "");
  const refusal = (status: number, message: string, fieldErrors?: Record<string, string[]>) => ({
    status,
    body: { error: translateMessage(message, locale), ...(fieldErrors ? { fieldErrors: translateFieldErrors(fieldErrors, locale) } : {}) },
  });
  try {
    if (!sameOrigin(request.origin, request.hosts)) throw forbidden();
    if (!/^application\/json\s*(;|$)/i.test(request.contentType ?? "")) throw new AppError("bad_request", { userMessage: "Masukan tidak valid." });
    let input: unknown;
    try {
      input = JSON.parse(request.body);
    } catch {
      throw new AppError("bad_request", { userMessage: "Masukan tidak valid." });
    }
    if (typeof input !== "object" || input === null || Array.isArray(input)) throw new AppError("bad_request", { userMessage: "Masukan tidak valid." });
    const actor = checkActor(await actorFromCookies(request.cookie), ["judge"]);
    const saved = await saveDraft(getDb(), actor, { ...input, assignmentId: request.assignmentId });
    return { status: 200, body: { ok: true, savedAt: saved.savedAt.toISOString(), ...(saved.stale ? { stale: true as const } : {}) } };
  } catch (error) {
    if (error instanceof ZodError) return refusal(422, "Periksa isian yang ditandai.", byCriterion(zodFieldErrors(error)));
    if (error instanceof AppError) return refusal(error.status, error.userMessage, error.fieldErrors);
    console.error(error);
    return refusal(500, serverError);
  }
}

const headers = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" };

/** The route on Node's own request and response (server.mjs, before Next). */
export async function handleDraftSaveNode(req: IncomingMessage, res: ServerResponse, assignmentId: string): Promise<void> {
  const tooLarge = JSON.stringify({ error: translateMessage("Masukan tidak valid.", localeFromCookieHeader(req.headers.cookie ?? "")) });
  if (Number(req.headers["content-length"] ?? 0) > maxDraftBytes) {
    res.writeHead(413, { ...headers, Connection: "close" }).end(tooLarge);
    req.resume();
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxDraftBytes) {
      res.writeHead(413, { ...headers, Connection: "close" }).end(tooLarge);
      req.destroy();
      return;
    }
    chunks.push(chunk);
  }
  const answer = await answerDraftSave({
    assignmentId,
    cookie: req.headers.cookie ?? null,
    origin: typeof req.headers.origin === "string" ? req.headers.origin : null,
    hosts: [req.headers.host, firstHeader(req.headers["x-forwarded-host"])],
    contentType: req.headers["content-type"] ?? null,
    body: Buffer.concat(chunks).toString("utf8"),
  });
  res.writeHead(answer.status, headers).end(JSON.stringify(answer.body));
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The same route as a web handler (app/api/juri/lembar/[assignmentId]/route.ts, for `next dev`). */
export async function handleDraftSave(request: Request, assignmentId: string): Promise<Response> {
  const tooLarge = () => Response.json({ error: translateMessage("Masukan tidak valid.", localeFromCookieHeader(request.headers.get("cookie") ?? "")) }, { status: 413, headers });
  if (Number(request.headers.get("content-length") ?? 0) > maxDraftBytes) return tooLarge();
  const body = await request.text();
  if (Buffer.byteLength(body) > maxDraftBytes) return tooLarge();
  const answer = await answerDraftSave({
    assignmentId,
    cookie: request.headers.get("cookie"),
    origin: request.headers.get("origin"),
    hosts: [request.headers.get("host"), request.headers.get("x-forwarded-host")],
    contentType: request.headers.get("content-type"),
    body,
  });
  return Response.json(answer.body, { status: answer.status, headers });
}
