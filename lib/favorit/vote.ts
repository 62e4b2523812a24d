import crypto from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import { z } from "zod";
import { consumeRequest } from "@/lib/auth/request-limit";
import type { Db } from "@/lib/db/client";
import { favoritCodes, favoritNominees, favoritVotes } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { availableChannels, type VerificationChannel } from "./channel";
import { isDisposableDomain } from "./disposable";
import { codeHash, emailDomain, generateCode, identityHash, readCode, sameHash } from "./identity";
import { ballotLifetimeMinutes, codeLifetimeMinutes, favoritLimits, maxCodeAttempts } from "./limits";
import { categoryKey, editionWithPhase, isOpen } from "./phase";

// The public's vote (docs/decisions/0036): ask for a code → type the code → one film per
// category. Only hashes of the address and the code are stored; one vote per person per
// category is the unique index on favorit_votes, so two submits at once cannot both count.

async function openEdition(db: Db, slug: string, now: Date) {
  const row = await editionWithPhase(db, slug);
  if (!row?.phase) throw new AppError("not_found", { userMessage: "Festival ini tidak mengadakan pemilihan Film Terfavorit." });
  if (!isOpen(row.phase, now)) throw new AppError("conflict", { userMessage: "Pemilihan Film Terfavorit sedang tidak dibuka." });
  return { edition: row.edition, phase: row.phase };
}


export const requestCodeSchema = z.object({
  channel: z.enum(["email", "phone"]).default("email"),
  address: z.string().trim().min(1, "Tulis alamat email Anda.").max(254, "Alamat terlalu panjang."),
});

export type CodeRequest = { slug: string; input: unknown; network: string; now?: Date; channels?: VerificationChannel[] };

/**
 * Sends a new 6-digit code (the old unused ones of that person stop working). Answers the code
 * row's id (the browser keeps it in a cookie for the next step) and the email domain.
 */
export async function requestCode(db: Db, request: CodeRequest): Promise<{ codeId: string; channel: "email" | "phone"; emailDomain: string | null }> {
  const now = request.now ?? new Date();
  const { edition } = await openEdition(db, request.slug, now);
  const { channel: kind, address } = requestCodeSchema.parse(request.input);
  const channel = (request.channels ?? availableChannels()).find((c) => c.kind === kind);
  if (!channel) throw new AppError("invalid", { userMessage: "Verifikasi lewat nomor HP belum tersedia. Pakai alamat email.", fieldErrors: { address: ["Pakai alamat email."] } });
  const identity = channel.normalise(address);
  if (!identity) {
    const error = new AppError("invalid", { userMessage: kind === "email" ? "Masukkan alamat email yang benar." : "Masukkan nomor HP Indonesia yang benar (mis. 0812…)." });
    throw new AppError("invalid", { userMessage: error.userMessage, fieldErrors: { address: [error.userMessage] } });
  }
  const domain = kind === "email" ? emailDomain(identity) : null;
  if (domain && isDisposableDomain(domain)) {
    const error = new AppError("invalid", { userMessage: "Alamat email sementara (sekali pakai) tidak dapat dipakai. Pakai alamat email Anda sendiri." });
    throw new AppError("invalid", { userMessage: error.userMessage, fieldErrors: { address: [error.userMessage] } });
  }
  const hash = identityHash(edition.id, kind, identity);
  const perAddress = await consumeRequest(db, favoritLimits.codesPerAddress, `${edition.id}|${hash}`, now);
  if (perAddress > 0) throw new AppError("rate_limited", { userMessage: `Sudah terlalu banyak kode dikirim ke alamat ini. Periksa kotak masuk (juga folder spam) untuk kode terakhir, atau coba lagi dalam ${perAddress} menit.` });
  const perNetwork = await consumeRequest(db, favoritLimits.codesPerNetwork, `${edition.id}|${request.network}`, now);
  if (perNetwork > 0) throw new AppError("rate_limited", { userMessage: `Terlalu banyak permintaan kode dari jaringan Anda. Coba lagi dalam ${perNetwork} menit.` });
  const code = generateCode();
  const id = crypto.randomUUID();
  await db.transaction(async (tx) => {
    // A new code replaces the old: the earlier unused codes of this person expire now.
    await tx
      .update(favoritCodes)
      .set({ expiresAt: now })
      .where(and(eq(favoritCodes.editionId, edition.id), eq(favoritCodes.identityHash, hash), isNull(favoritCodes.usedAt), gt(favoritCodes.expiresAt, now)));
    await tx.insert(favoritCodes).values({
      id,
      editionId: edition.id,
      channel: kind,
      identityHash: hash,
      codeHash: codeHash(id, code),
      expiresAt: new Date(now.getTime() + codeLifetimeMinutes * 60_000),
      network: request.network,
      createdAt: now,
    });
  });
  await channel.send(address, code, edition.title);
  return { codeId: id, channel: kind, emailDomain: domain };
}

const refuse = (message: string) => new AppError("invalid", { userMessage: message, fieldErrors: { code: [message] } });

/**
 * Checks a typed code against its row: at most 5 tries, 10 minutes. A right code marks the row
 * used; the row's id is then the person's ballot for 30 minutes.
 */
export async function verifyCode(db: Db, request: { slug: string; codeId: string; code: string; now?: Date }): Promise<{ ballotId: string }> {
  const now = request.now ?? new Date();
  const { edition } = await openEdition(db, request.slug, now);
  const typed = readCode(request.code);
  if (!typed) throw refuse("Kode terdiri dari 6 angka.");
  if (!z.uuid().safeParse(request.codeId).success) throw refuse("Minta kode dulu.");
  // A wrong code's try is committed before the refusal (a throw inside would roll it back).
  const outcome = await db.transaction(async (tx): Promise<{ ballotId: string } | { reason: string }> => {
    const [row] = await tx
      .select()
      .from(favoritCodes)
      .where(and(eq(favoritCodes.id, request.codeId), eq(favoritCodes.editionId, edition.id)))
      .for("update");
    if (!row || row.usedAt) return { reason: "Kode ini sudah tidak berlaku. Minta kode baru." };
    if (row.expiresAt <= now) return { reason: "Kode sudah kedaluwarsa (berlaku 10 menit). Minta kode baru." };
    if (row.attempts >= maxCodeAttempts) return { reason: "Terlalu banyak kode salah. Minta kode baru." };
    if (!sameHash(row.codeHash, codeHash(row.id, typed))) {
      const attempts = row.attempts + 1;
      await tx.update(favoritCodes).set({ attempts }).where(eq(favoritCodes.id, row.id));
      const left = maxCodeAttempts - attempts;
      return { reason: left > 0 ? `Kode salah. Sisa ${left} kali percobaan.` : "Terlalu banyak kode salah. Minta kode baru." };
    }
    await tx.update(favoritCodes).set({ usedAt: now }).where(eq(favoritCodes.id, row.id));
    return { ballotId: row.id };
  });
  if ("reason" in outcome) throw refuse(outcome.reason);
  return outcome;
}

export type VoteRequest = {
  slug: string;
  ballotId: string;
  emailDomain: string | null;
  /** category key ("" for an edition without categories) → film id; blank entries are skipped. */
  choices: Record<string, string>;
  network: string;
  now?: Date;
};

/**
 * Records one vote per chosen category for a verified person. Each film must be a nominee of
 * that category. A category already voted in by this person is refused (the unique index
 * decides, also for two submits at once); the others still count.
 */
export async function castVotes(db: Db, request: VoteRequest): Promise<{ recorded: string[]; already: string[] }> {
  const now = request.now ?? new Date();
  const { edition } = await openEdition(db, request.slug, now);
  const chosen = Object.entries(request.choices).filter(([, filmId]) => filmId);
  if (chosen.length === 0) throw new AppError("invalid", { userMessage: "Pilih satu film dulu." });
  if (!z.uuid().safeParse(request.ballotId).success) throw new AppError("invalid", { userMessage: "Verifikasi alamat Anda dulu." });
  const [ballot] = await db.select().from(favoritCodes).where(and(eq(favoritCodes.id, request.ballotId), eq(favoritCodes.editionId, edition.id)));
  if (!ballot?.usedAt || ballot.usedAt.getTime() + ballotLifetimeMinutes * 60_000 <= now.getTime()) {
    throw new AppError("invalid", { userMessage: "Verifikasi Anda sudah habis waktunya. Minta kode baru." });
  }
  const nominees = await db.select({ filmId: favoritNominees.filmId, categoryId: favoritNominees.categoryId }).from(favoritNominees).where(eq(favoritNominees.editionId, edition.id));
  for (const [key, filmId] of chosen) {
    if (!nominees.some((n) => n.filmId === filmId && categoryKey(n.categoryId) === key)) {
      throw new AppError("invalid", { userMessage: "Film itu bukan nominasi di kategori ini." });
    }
  }
  const perNetwork = await consumeRequest(db, favoritLimits.votesPerNetwork, `${edition.id}|${request.network}`, now);
  if (perNetwork > 0) throw new AppError("rate_limited", { userMessage: `Terlalu banyak suara dari jaringan Anda dalam satu jam. Pilihan Anda belum tersimpan; coba lagi dalam ${perNetwork} menit.` });
  const inserted = await db
    .insert(favoritVotes)
    .values(
      chosen.map(([key, filmId]) => ({
        editionId: edition.id,
        categoryKey: key,
        filmId,
        voterHash: ballot.identityHash,
        channel: ballot.channel,
        emailDomain: ballot.channel === "email" ? request.emailDomain : null,
        network: request.network,
        votedAt: now,
      })),
    )
    .onConflictDoNothing()
    .returning({ key: favoritVotes.categoryKey });
  const recorded = inserted.map((r) => r.key);
  const already = chosen.map(([key]) => key).filter((key) => !recorded.includes(key));
  if (recorded.length === 0) throw new AppError("conflict", { userMessage: "Anda sudah memilih di kategori ini." });
  return { recorded, already };
}

/** The categories this verified person has voted in (the page marks them). */
export async function votedCategories(db: Db, editionId: string, ballotId: string): Promise<string[]> {
  if (!z.uuid().safeParse(ballotId).success) return [];
  const rows = await db
    .select({ key: favoritVotes.categoryKey })
    .from(favoritVotes)
    .innerJoin(favoritCodes, and(eq(favoritCodes.identityHash, favoritVotes.voterHash), eq(favoritCodes.editionId, favoritVotes.editionId)))
    .where(and(eq(favoritCodes.id, ballotId), eq(favoritVotes.editionId, editionId)));
  return rows.map((r) => r.key);
}
