import { eq } from "drizzle-orm";
import { openDatabase } from "@/lib/db/client";
import { editions, users } from "@/lib/db/schema";
import { computeEditionResults } from "@/lib/results/edition-results";
import { sealChecklist } from "@/lib/results/seal-checklist";
import { listJuryDecisions } from "@/lib/results/jury-decisions";
import { listExcludedFilms } from "@/lib/results/exclusions";
import { listSpecialAwards, awardableFilms } from "@/lib/results/special-awards";

const args = process.argv.slice(2);
const handle = openDatabase(args[0] === "--url" ? args[1] : undefined, args[0] === "--dir" ? args[1] : "/nonexistent");
const { db } = handle;
const [edition] = await db.select().from(editions).where(eq(editions.slug, "festival-film-kim-provinsi-jawa-tengah-2026"));
async function t<T>(name: string, f: () => Promise<T>): Promise<T> {
  const s = performance.now(); const r = await f(); console.log(name, Math.round(performance.now() - s), "ms"); return r;
}
for (let i = 0; i < 3; i++) {
  const results = await t("computeEditionResults", () => computeEditionResults(db, edition));
  await t("sealChecklist", () => sealChecklist(db, edition, results));
  await t("decisions", () => listJuryDecisions(db, edition.id));
  await t("excluded", () => listExcludedFilms(db, edition.id));
  await t("awards", () => listSpecialAwards(db, edition.id));
  await t("awardable", () => awardableFilms(db, edition.id));
}
process.exit(0);
