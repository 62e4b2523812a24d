import crypto from "node:crypto";
import { authSecret } from "@/lib/auth/secret";

// Where a voter is in the flow, kept in one HttpOnly cookie between the plain HTML forms (no
// JavaScript needed): the edition, the code row's id (after verification: the ballot), the
// step, and the email domain for the fraud report, signed so none of it can be made up.

export const ballotCookie = "layar_favorit";
export const flashCookie = "layar_favorit_pesan";

export type BallotState = { slug: string; codeId: string; step: "kode" | "pilih"; domain: string };

const sign = (payload: string) => crypto.createHmac("sha256", authSecret()).update(`favorit-ballot|${payload}`).digest("base64url");

export function encodeBallot(state: BallotState): string {
  const payload = [state.slug, state.codeId, state.step, state.domain].map(encodeURIComponent).join("~");
  return `${payload}~${sign(payload)}`;
}

export function decodeBallot(value: string | undefined, slug: string): BallotState | null {
  if (!value) return null;
  const at = value.lastIndexOf("~");
  if (at < 0) return null;
  const payload = value.slice(0, at);
  const mac = Buffer.from(value.slice(at + 1));
  const expected = Buffer.from(sign(payload));
  if (mac.length !== expected.length || !crypto.timingSafeEqual(mac, expected)) return null;
  const [s, codeId, step, domain] = payload.split("~").map((p) => decodeURIComponent(p));
  if (s !== slug || (step !== "kode" && step !== "pilih")) return null;
  return { slug: s, codeId, step, domain };
}

/** The flash message after a form post: kind and text (already in the reader's language). */
export function encodeFlash(kind: "ok" | "galat", text: string): string {
  return encodeURIComponent(`${kind}|${text}`);
}

export function decodeFlash(value: string | undefined): { kind: "ok" | "galat"; text: string } | null {
  if (!value) return null;
  try {
    const decoded = decodeURIComponent(value);
    const at = decoded.indexOf("|");
    const kind = decoded.slice(0, at);
    if (kind !== "ok" && kind !== "galat") return null;
    return { kind, text: decoded.slice(at + 1).slice(0, 400) };
  } catch {
    return null;
  }
}
