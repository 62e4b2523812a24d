import { inArray } from "drizzle-orm";
import type { Tx } from "@/lib/db/client";
import { kimActivities, kimStatusHistory, monevCriteria, monevRounds, monevSheets } from "@/lib/db/schema";
import { recordKimStatus, syncCurrentStatus } from "@/lib/kim/kim-status";
import { monevTotal, proposeDecision } from "@/lib/monev/monev-score";
import facts from "./karanganyar-facts.json";

/**
 * Activities, status history and one closed Monev for the demo's Karanganyar KIMs
 * (docs/decisions/0032). What the article says is kept as it says it: its day (the visit of
 * "Selasa (10/11)" after the October 2024 award, i.e. 10 November 2024) anchors the 33 KIMs'
 * status with its reason for the 9 inactive ones, and KIM Tunas Harapan's Juara III 2024 is an
 * activity of October 2024. The article lists Diskominfo's development activities without
 * dates or KIMs: they appear with days invented for the demo, titled "(contoh)", as is the
 * 2025 Monev, whose sheets give each KIM the status it has today.
 */

export const ARTICLE_DAY = "2024-11-10";
export const MONEV_2025_CLOSED = "2025-12-15";
const SAMPLE = "(contoh)";

type Kim = { id: string; name: string; status: "aktif" | "tidak_aktif"; inactiveReason: string | null };

const developmentTypes: Record<string, (typeof kimActivities.$inferInsert)["type"]> = {
  workshop: "pelatihan",
  "festival film pendek": "festival",
  "sosialisasi informasi masyarakat": "pelayanan_informasi",
  "latihan pengelolaan media sosial": "pelatihan",
  "monitoring dan evaluasi (Monev) KIM": "monev",
  "studi banding KIM": "studi_banding",
  "Rakor KIM se-Kabupaten": "rakor",
  "pemanfaatan platform digital": "konten_digital",
};
// Invented days, spread over 2024 and 2025, one per activity the article lists (in its order).
const inventedDays = ["2024-03-12", "2024-08-17", "2024-05-21", "2025-02-18", "2025-11-20", "2025-06-10", "2025-03-04", "2025-09-23"];
const articleNote = "Kegiatan pengembangan KIM yang disebut berita Diskominfo Kabupaten Karanganyar; tanggal dan rincian di sini contoh.";

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export async function seedMonevDemo(tx: Tx, input: { kims: Kim[]; demoKimId: string; named: Map<string, { id: string }>; organiserId: string; memberId: string }) {
  const { kims, organiserId } = input;
  const ids = kims.map((k) => k.id);

  // The status each KIM was recorded with is the one the article gives on its day.
  await tx.update(kimStatusHistory).set({ fromDate: ARTICLE_DAY, source: "impor" }).where(inArray(kimStatusHistory.kimId, ids));

  // ----- activities -----
  const development = facts.kimDevelopmentActivities.map((name, i) => ({ title: `${capitalised(name)} ${SAMPLE}`, type: developmentTypes[name] ?? "lainnya", heldOn: inventedDays[i % inventedDays.length] }));
  const rows: (typeof kimActivities.$inferInsert)[] = development.map((a) => ({ ...a, kimId: input.demoKimId, report: articleNote, createdBy: input.memberId }));
  // Each KIM the article names takes part in three of them.
  for (const [i, kimId] of [...input.named.values()].map((k) => k.id).entries()) {
    for (const a of [development[i % development.length], development[(i + 3) % development.length], development[(i + 5) % development.length]]) rows.push({ ...a, kimId, report: articleNote, createdBy: organiserId });
  }
  const award = facts.provincialAwards.films.find((f) => f.film === null && f.year === 2024);
  const tunas = award && input.named.get(award.kim);
  if (tunas) {
    rows.push({
      kimId: tunas.id,
      heldOn: "2024-10-01",
      type: "festival",
      title: `${award.placement} Lomba KIM Tingkat Jawa Tengah 2024`,
      report: "Menurut berita Diskominfo Kabupaten Karanganyar (kunjungan Diskominfo Wonogiri, November 2024): juara III tingkat Jawa Tengah 2024, diumumkan Oktober 2024. Hari persisnya tidak disebut; judul film tidak disebut.",
      createdBy: organiserId,
    });
  }
  await tx.insert(kimActivities).values(rows);

  // ----- the 2025 Monev, closed: criteria, a sheet per KIM, decisions in the history -----
  const [round] = await tx
    .insert(monevRounds)
    .values({ regionCode: "33.13", year: 2025, title: `Monev KIM Kabupaten Karanganyar 2025 ${SAMPLE}`, status: "selesai", activeThreshold: "60", createdBy: organiserId, createdAt: new Date("2025-10-01T02:00:00Z"), closedAt: new Date(`${MONEV_2025_CLOSED}T03:00:00Z`) })
    .returning();
  const criteria = await tx
    .insert(monevCriteria)
    .values([
      { monevId: round.id, position: 0, name: "Kelembagaan dan regenerasi pengurus", description: "SK, kepengurusan, pergantian pengurus.", maxScore: 100, weight: "3" },
      { monevId: round.id, position: 1, name: "Kegiatan dan laporan", description: "Kegiatan tercatat dengan laporan singkat.", maxScore: 100, weight: "2" },
      { monevId: round.id, position: 2, name: "Konten dan media sosial", description: null, maxScore: 100, weight: "2" },
      { monevId: round.id, position: 3, name: "Pelayanan informasi kepada warga", description: null, maxScore: 10, weight: "1" },
    ])
    .returning();
  const facts4 = criteria.map((c) => ({ id: c.id, maxScore: c.maxScore, weight: Number(c.weight) }));
  for (const [i, kim] of kims.entries()) {
    // Active KIMs score 62-95, inactive ones 25-50: the proposal matches the status they have today.
    const base = kim.status === "aktif" ? 62 + ((i * 7) % 30) : 25 + ((i * 5) % 25);
    const scores = Object.fromEntries(facts4.map((c, k) => [c.id, c.maxScore === 10 ? Math.round((base + k * 2) / 10) : Math.min(100, base + ((k * 3 + i) % 4))]));
    const total = monevTotal(facts4, scores)!;
    const decision = proposeDecision(total, 60)!;
    const reason = decision === "tidak_aktif" ? kim.inactiveReason : null;
    await tx.insert(monevSheets).values({ monevId: round.id, kimId: kim.id, scores, total: total.toFixed(2), decision, decisionReason: reason, notes: "Catatan contoh.", assessedBy: organiserId, updatedAt: new Date(`${MONEV_2025_CLOSED}T02:00:00Z`), decidedAt: new Date(`${MONEV_2025_CLOSED}T03:00:00Z`) });
    await recordKimStatus(tx, kim.id, { status: decision, fromDate: MONEV_2025_CLOSED, reason, source: "monev", monevId: round.id, decidedBy: organiserId });
  }
  for (const id of ids) await syncCurrentStatus(tx, id);
  return round;
}
