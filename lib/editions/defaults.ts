import type { EditionRules, EditionSettings } from "@/lib/db/schema";

/**
 * An edition's rules and settings: what a new edition starts with, and how a stored row
 * is read. Stored rows may predate a field (rules and settings are JSON), so every
 * reader goes through editionRules() and editionSettings() instead of `edition.rules ?? ...`.
 */

export const defaultRules: EditionRules = {
  maxDurationSeconds: 5 * 60,
  minHeight: 720,
  containers: ["mp4", "mov"],
  videoCodecs: ["h264", "hevc"],
  maxFileBytes: 2 * 1024 ** 3,
  filmsPerKim: 2,
  uploadGraceMinutes: 60,
  subtitles: "bahasa_daerah",
  eligibleKims: "semua",
};

export const defaultSettings: EditionSettings = {
  rankingMethod: "mean",
  judgesPerFilm: 2,
  assignmentMode: "k",
  screeningRound: false,
  showJuryCommentsToKim: true,
  showOtherJudgesScores: false,
  placements: { juara: 3, harapan: 3 },
  tieBreak: [],
};

/** The stored rules with every field present (rows written before a field existed get its default). */
export function editionRules(stored: Partial<EditionRules> | null | undefined): EditionRules {
  const rules = { ...defaultRules, ...stored };
  if (stored && stored.subtitles === undefined && stored.requireIndonesianSubtitles !== undefined) {
    rules.subtitles = stored.requireIndonesianSubtitles ? "bahasa_daerah" : "opsional";
  }
  delete rules.requireIndonesianSubtitles;
  return rules;
}

/** The stored settings with every field present. */
export function editionSettings(stored: Partial<EditionSettings> | null | undefined): EditionSettings {
  return { ...defaultSettings, ...stored, placements: { ...defaultSettings.placements, ...stored?.placements }, tieBreak: stored?.tieBreak ?? [] };
}

/** Whether a film in `language` needs a subtitle file under the edition's rules. */
export function subtitleRequired(rules: Pick<EditionRules, "subtitles">, language: string | null | undefined): boolean {
  if (rules.subtitles === "semua") return true;
  if (rules.subtitles === "opsional") return false;
  // Without a stated language we cannot know it is Indonesian: ask for subtitles.
  return !language || !/indonesia/i.test(language);
}
