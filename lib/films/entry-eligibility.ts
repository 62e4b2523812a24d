import { and, eq, like, or, type SQL } from "drizzle-orm";
import { kimGroups, type EditionIntake, type EditionRules } from "@/lib/db/schema";
import { editionRules } from "@/lib/editions/defaults";
import { directEntryRefusal, takesDirectEntries } from "@/lib/nominations/rules";

/**
 * Which KIMs may enter an edition, in one place: the edition's region covers the KIM (a
 * regency's edition takes that regency's KIMs, a province's every KIM of the province), and
 * an edition for active KIMs only (rules.eligibleKims = "aktif") refuses an inactive one.
 * Used wherever an entry is created or a file stored (lib/films/entry-actions.ts), by the
 * dashboard's list of open editions and by the organiser's choice of KIM.
 */

// `intake` (issue 15): a provincial edition that takes nominations only refuses direct entries.
type EditionFacts = { regionCode: string; rules: Partial<EditionRules> | null; intake?: Partial<EditionIntake> | null };
type KimFacts = { regencyCode: string; status: string };

export type Eligibility = { ok: true } | { ok: false; why: "region" | "inactive" | "intake"; reason: string };

/** A KIM's regency lies in the edition's region (33 covers 33.13; 33.13 covers only itself). */
export const regionCoversKim = (regionCode: string, kimRegency: string): boolean => kimRegency === regionCode || kimRegency.startsWith(`${regionCode}.`);

export function kimMayEnter(edition: EditionFacts, kim: KimFacts): Eligibility {
  if (!regionCoversKim(edition.regionCode, kim.regencyCode)) return { ok: false, why: "region", reason: "Festival tidak ditemukan atau tidak terbuka untuk KIM Anda." };
  if (!takesDirectEntries(edition.intake)) return { ok: false, why: "intake", reason: directEntryRefusal };
  if (editionRules(edition.rules).eligibleKims === "aktif" && kim.status !== "aktif") {
    return { ok: false, why: "inactive", reason: "Festival ini hanya untuk KIM yang berstatus aktif. Hubungi Diskominfo bila status KIM Anda perlu diperbarui." };
  }
  return { ok: true };
}

/** The same rule as a condition on kim_groups, for listing the KIMs an organiser may enter a film for. */
export function eligibleKimsWhere(edition: EditionFacts): SQL {
  const region = or(eq(kimGroups.regencyCode, edition.regionCode), like(kimGroups.regencyCode, `${edition.regionCode}.%`))!;
  return editionRules(edition.rules).eligibleKims === "aktif" ? and(region, eq(kimGroups.status, "aktif"))! : region;
}
