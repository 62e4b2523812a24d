import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import type { SessionUser } from "@/lib/auth/authenticate";
import type { Db } from "@/lib/db/client";
import { kimGroups, monevSheets } from "@/lib/db/schema";
import { AppError, notFound } from "@/lib/errors";
import { fieldProblems } from "@/lib/editions/edition-schemas";
import { plainText } from "@/lib/text/sanitise";
import { inRegion, monevClosed, organiserMonev } from "./monev-access";
import { listMonevCriteria } from "./monev-criteria";
import { monevKims } from "./monev-rounds";
import { finalDecision, isOverride, monevTotal, proposeDecision, resultsByDistrict, scoreProblems, type KimDecision } from "./monev-score";

/**
 * A sheet per KIM of the Monev's region: a score per criterion, notes, the total (weighted share
 * of the maximum, lib/monev/monev-score.ts), and the organiser's decision: empty follows the
 * proposal from the threshold, "aktif"/"tidak_aktif" confirms or overrides it (an override needs
 * a reason). Only organisers whose region covers the Monev read or write sheets.
 */

/** The Monev's page: its criteria, every KIM of the region with its sheet, results per kecamatan. */
export async function getMonevOverview(db: Db, actor: SessionUser, monevId: string) {
  const round = await organiserMonev(db, actor, monevId);
  const threshold = Number(round.activeThreshold);
  const [criteria, kims, sheets] = await Promise.all([listMonevCriteria(db, round.id), monevKims(db, round.regionCode), db.select().from(monevSheets).where(eq(monevSheets.monevId, round.id))]);
  const sheetOf = new Map(sheets.map((s) => [s.kimId, s]));
  const rows = kims.map((kim) => {
    const sheet = sheetOf.get(kim.id);
    const total = sheet?.total === null || sheet?.total === undefined ? null : Number(sheet.total);
    const decision = sheet?.decision ?? null;
    return { kim, total, scoredCriteria: Object.keys(sheet?.scores ?? {}).length, proposal: proposeDecision(total, threshold), decision, decisionReason: sheet?.decisionReason ?? null, final: finalDecision({ total, decision }, threshold) };
  });
  const byDistrict = resultsByDistrict(rows.map((r) => ({ districtCode: r.kim.districtCode, districtName: r.kim.districtName, total: r.total, decision: r.final })));
  return { round: { ...round, threshold }, criteria, rows, byDistrict };
}

/** One KIM's sheet in a Monev (the KIM must be in the Monev's region). */
export async function getMonevSheet(db: Db, actor: SessionUser, monevId: string, kimId: string) {
  const round = await organiserMonev(db, actor, monevId);
  if (!/^[0-9a-f-]{36}$/i.test(kimId)) throw notFound();
  const [kim] = await db
    .select({ id: kimGroups.id, name: kimGroups.name, status: kimGroups.status, districtCode: kimGroups.districtCode })
    .from(kimGroups)
    .where(and(eq(kimGroups.id, kimId), inRegion(kimGroups.regencyCode, round.regionCode)));
  if (!kim) throw notFound();
  const [criteria, [sheet]] = await Promise.all([listMonevCriteria(db, round.id), db.select().from(monevSheets).where(and(eq(monevSheets.monevId, round.id), eq(monevSheets.kimId, kim.id)))]);
  const threshold = Number(round.activeThreshold);
  const total = sheet?.total === null || sheet?.total === undefined ? null : Number(sheet.total);
  return { round: { ...round, threshold }, kim, criteria, sheet: sheet ?? null, total, proposal: proposeDecision(total, threshold) };
}

const sheetSchema = z.object({
  notes: plainText().trim().max(2000, { message: "Catatan paling panjang 2.000 karakter." }).optional(),
  decision: z.enum(["", "aktif", "tidak_aktif"], { message: "Pilih keputusan dari daftar." }).optional(),
  reason: plainText().trim().max(500, { message: "Alasan paling panjang 500 karakter." }).optional(),
});

/** Saves a sheet (scores `score.<criterionId>`, notes, decision, reason) while the Monev is berjalan. */
export async function saveMonevSheet(db: Db, actor: SessionUser, monevId: string, kimId: string, input: Record<string, string>) {
  const { round, kim, criteria, sheet } = await getMonevSheet(db, actor, monevId, kimId);
  if (round.status === "selesai") throw monevClosed();
  if (round.status !== "berjalan") throw new AppError("conflict", { userMessage: "Mulai Monev dulu sebelum mengisi nilai." });
  const values = sheetSchema.parse(input);
  const errors: Record<string, string[]> = {};
  const scores: Record<string, number> = {};
  for (const c of criteria) {
    const raw = input[`score.${c.id}`]?.trim().replace(",", ".") ?? "";
    if (raw === "") continue;
    const n = Number(raw);
    if (!Number.isFinite(n)) errors[`score.${c.id}`] = ["Tulis nilai dengan angka."];
    else scores[c.id] = n;
  }
  for (const [id, problems] of Object.entries(scoreProblems(criteria, scores))) errors[`score.${id}`] = problems;
  const total = monevTotal(criteria, scores);
  const decision = (values.decision || null) as KimDecision | null;
  const reason = values.reason || null;
  if (decision && total === null) errors["decision"] = ["Isi semua nilai sebelum memutuskan status."];
  else if (isOverride(total, round.threshold, decision) && !reason) errors["reason"] = ["Tuliskan alasan bila keputusan berbeda dari usulan."];
  if (Object.keys(errors).length) throw fieldProblems(errors);
  const row = { scores, notes: values.notes || null, total: total === null ? null : total.toFixed(2), decision, decisionReason: decision ? reason : null, assessedBy: actor.id, updatedAt: new Date() };
  await db.transaction(async (tx) => {
    if (sheet) await tx.update(monevSheets).set(row).where(eq(monevSheets.id, sheet.id));
    else await tx.insert(monevSheets).values({ ...row, monevId: round.id, kimId: kim.id });
    await recordAudit(tx, { actorId: actor.id, action: "monev.score", entityType: "monev", entityId: round.id, data: { kimId: kim.id, kimName: kim.name, total, decision, reason } });
  });
  return { total, proposal: proposeDecision(total, round.threshold) };
}
