import type { EditionRules } from "@/lib/db/schema";
import { subtitleRequired } from "@/lib/editions/defaults";

type Entry = {
  film: { title: string; synopsis: string | null; language: string | null; declaredDurationSeconds: number | null; originalityDeclared: boolean; publicationConsent: boolean; status: string };
  poster: unknown;
  subtitle: unknown;
  video: unknown;
  lastVideoAttempt: { status: string } | null;
};

export type ChecklistItem = "details" | "poster" | "video" | "checking" | "fix" | "subtitle" | "done";

/**
 * What the KIM still has to do for an entry, in the order it should do it. The subtitle
 * step follows the edition's rule (subtitleRequired); without rules, a film whose language
 * is not Bahasa Indonesia is asked for one.
 */
export function entryChecklist(entry: Entry, rules: Pick<EditionRules, "subtitles"> = { subtitles: "bahasa_daerah" }): ChecklistItem[] {
  const { film } = entry;
  const todo: ChecklistItem[] = [];
  const detailsDone = Boolean(film.synopsis && film.language && film.declaredDurationSeconds && film.originalityDeclared && film.publicationConsent);
  if (!detailsDone) todo.push("details");
  if (!entry.poster) todo.push("poster");
  const attempt = entry.lastVideoAttempt?.status;
  if (attempt === "received" || attempt === "checking") todo.push("checking");
  else if (!entry.video) todo.push(attempt === "rejected" ? "fix" : "video");
  if (!entry.subtitle && subtitleRequired(rules, film.language)) todo.push("subtitle");
  return todo.length ? todo : ["done"];
}

/**
 * The status of an entry whose current video passed the check: complete (`diunggah`, on its
 * way to the judges) only with the subtitle file the edition's rules ask for; otherwise it
 * stays a draft with a reason telling the KIM what is missing.
 */
export function statusWithAcceptedVideo(rules: Pick<EditionRules, "subtitles">, language: string | null, hasSubtitle: boolean): { status: "diunggah" | "draf"; statusReason: string | null } {
  // The KIM reads the reason as the film's status.
  if (!hasSubtitle && subtitleRequired(rules, language)) return { status: "draf", statusReason: "Video diterima. Unggah subtitle Bahasa Indonesia (.srt atau .vtt) agar film lengkap dan bisa dinilai." };
  return { status: "diunggah", statusReason: null };
}
