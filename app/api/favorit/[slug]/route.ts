import { ZodError } from "zod";
import { requestLocale } from "@/lib/api/handler";
import { clientAddressFromHeaders } from "@/lib/auth/client-address";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { ballotCookie, decodeBallot, encodeBallot, encodeFlash, flashCookie } from "@/lib/favorit/ballot-cookie";
import { networkOf } from "@/lib/favorit/identity";
import { voteNotices } from "@/lib/favorit/notices";
import { castVotes, requestCode, verifyCode } from "@/lib/favorit/vote";
import { translateMessage } from "@/lib/i18n/translate-message";
import { hasNulByte } from "@/lib/text/sanitise";

export const dynamic = "force-dynamic";

// The public vote's three plain HTML forms post here (docs/decisions/0036): `langkah` = kode
// (send a code), verifikasi (check it), pilih (vote), ulang (start again). Every answer is a 303
// back to the vote page with a short-lived message cookie, so it works without JavaScript.

const cookieBase = () => `Path=/; HttpOnly; SameSite=Lax${env().publicUrl?.startsWith("https:") ? "; Secure" : ""}`;

function back(slug: string, cookies: string[]): Response {
  const headers = new Headers({ Location: `/festival/${encodeURIComponent(slug)}/favorit`, "Cache-Control": "no-store" });
  for (const cookie of cookies) headers.append("Set-Cookie", cookie);
  return new Response(null, { status: 303, headers });
}

export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const locale = requestLocale(request);
  const flash = (kind: "ok" | "galat", text: string) => `${flashCookie}=${encodeFlash(kind, translateMessage(text, locale))}; Max-Age=20; ${cookieBase()}`;
  const setBallot = (value: string) => `${ballotCookie}=${value}; Max-Age=1800; ${cookieBase()}`;
  const clearBallot = `${ballotCookie}=; Max-Age=0; ${cookieBase()}`;
  if (hasNulByte(request.url) || !/^[a-z0-9-]{1,80}$/.test(slug)) return new Response(null, { status: 404 });
  const form = await request.formData().catch(() => null);
  if (!form) return back(slug, [flash("galat", "Masukan tidak valid.")]);
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" && !hasNulByte(value) ? value : "";
  };
  const cookie = request.headers.get("cookie") ?? "";
  const current = decodeBallot(
    cookie
      .split(";")
      .map((p) => p.trim())
      .find((p) => p.startsWith(`${ballotCookie}=`))
      ?.slice(ballotCookie.length + 1),
    slug,
  );
  const network = networkOf(clientAddressFromHeaders(request.headers, env().TRUSTED_PROXY_HOPS));
  const db = getDb();
  try {
    switch (field("langkah")) {
      case "kode": {
        const sent = await requestCode(db, { slug, input: { channel: field("saluran") || "email", address: field("alamat") }, network });
        return back(slug, [setBallot(encodeBallot({ slug, codeId: sent.codeId, step: "kode", domain: sent.emailDomain ?? "" })), flash("ok", voteNotices.codeSent.message)]);
      }
      case "verifikasi": {
        if (!current) return back(slug, [flash("galat", voteNotices.askCode.message)]);
        const { ballotId } = await verifyCode(db, { slug, codeId: current.codeId, code: field("kode") });
        return back(slug, [setBallot(encodeBallot({ ...current, codeId: ballotId, step: "pilih" })), flash("ok", voteNotices.verified.message)]);
      }
      case "pilih": {
        if (!current || current.step !== "pilih") return back(slug, [flash("galat", voteNotices.verifyFirst.message)]);
        const choices: Record<string, string> = {};
        for (const [name, value] of form.entries()) {
          if (name.startsWith("kategori:") && typeof value === "string") choices[name.slice(9)] = value;
        }
        const { already } = await castVotes(db, { slug, ballotId: current.codeId, emailDomain: current.domain || null, choices, network });
        const text = already.length > 0 ? voteNotices.votedSome.message : voteNotices.voted.message;
        return back(slug, [flash("ok", text)]);
      }
      case "ulang":
        return back(slug, [clearBallot]);
      default:
        return back(slug, [flash("galat", "Masukan tidak valid.")]);
    }
  } catch (error) {
    if (error instanceof AppError) return back(slug, [flash("galat", error.userMessage)]);
    if (error instanceof ZodError) return back(slug, [flash("galat", error.issues[0]?.message ?? "Periksa isian yang ditandai.")]);
    console.error(error);
    return back(slug, [flash("galat", "Terjadi kesalahan di server. Silakan coba lagi.")]);
  }
}
