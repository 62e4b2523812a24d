/**
 * What the uploader tells a KIM when an upload fails, for every HTTP status and for no
 * response at all. The server's own refusals (deadline, size, ownership: written by Layar in
 * the reader's language, lib/uploads/upload-access.ts) are shown as they are; anything else —
 * tus's protocol errors (sent without text), a proxy's error page, a dropped connection — gets
 * the uploader's own words, never the English of tus or of tus-js-client.
 */
export type UploadProblem = "offline" | "network" | "session" | "refused" | "gone" | "conflict" | "tooLarge" | "notVideo" | "busy" | "server" | "rejected";

/** The kind of failure, from the response's status (undefined: no response arrived). */
export function uploadProblem(status: number | undefined, online: boolean): UploadProblem {
  if (!status) return online ? "network" : "offline";
  if (status === 401) return "session";
  if (status === 403) return "refused";
  if (status === 404 || status === 410) return "gone";
  if (status === 409 || status === 412 || status === 460) return "conflict";
  if (status === 413) return "tooLarge";
  if (status === 415) return "notVideo";
  if (status === 408 || status === 423 || status === 429) return "busy";
  if (status >= 500) return "server";
  return "rejected";
}

type Response = { getStatus(): number; getBody(): string | undefined | null; getHeader(name: string): string | undefined | null };

/**
 * The server's own sentence, when the response is one: from the tus endpoint (it always sends
 * Tus-Resumable), plain text rather than an HTML error page, and not empty.
 */
export function serverRefusal(response: Response | null | undefined): string | null {
  if (!response || !response.getHeader("Tus-Resumable")) return null;
  const body = (response.getBody() ?? "").trim();
  if (!body || body.startsWith("<") || body.length > 500) return null;
  return body;
}
