type Entry = {
  film: { title: string; synopsis: string | null; language: string | null; declaredDurationSeconds: number | null; originalityDeclared: boolean; publicationConsent: boolean; status: string };
  poster: unknown;
  subtitle: unknown;
  video: unknown;
  lastVideoAttempt: { status: string } | null;
};

export type ChecklistItem = "details" | "poster" | "video" | "checking" | "fix" | "subtitle" | "done";

/** What the KIM still has to do for an entry, in the order it should do it. */
export function entryChecklist(entry: Entry): ChecklistItem[] {
  const { film } = entry;
  const todo: ChecklistItem[] = [];
  const detailsDone = Boolean(film.synopsis && film.language && film.declaredDurationSeconds && film.originalityDeclared && film.publicationConsent);
  if (!detailsDone) todo.push("details");
  if (!entry.poster) todo.push("poster");
  const attempt = entry.lastVideoAttempt?.status;
  if (attempt === "received" || attempt === "checking") todo.push("checking");
  else if (!entry.video) todo.push(attempt === "rejected" ? "fix" : "video");
  if (todo.length === 0 && !entry.subtitle && film.language && !/indonesia/i.test(film.language)) todo.push("subtitle");
  return todo.length ? todo : ["done"];
}
