"use server";

import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { byCriterion } from "@/lib/judging/draft-route";
import { declareConflict, submitSheet } from "@/lib/judging/score-sheet";
import { formValues, runFormAction, type FormState } from "./form-state";

// Judge actions: thin wrappers. Each checks the session itself (an action is a
// public endpoint); score-sheet.ts checks ownership, ranges, completeness, the
// lock and the judging close. Field errors come back keyed by criterion id.
// The autosave is a route of its own (lib/judging/draft-route.ts), not an action.

export type SheetValues = Record<string, { score: number | null; comment: string }>;

/** What the score sheet gets back: FormState plus the server's time of the write. */
export type SheetState = FormState & { savedAt?: string };

/** Submit: every criterion scored and commented; the sheet then locks. */
export async function submitSheetAction(assignmentId: string, values: SheetValues): Promise<SheetState> {
  let savedAt: Date | undefined;
  const state = await runFormAction({}, async () => {
    const actor = await requireActor(["judge"]);
    savedAt = (await submitSheet(getDb(), actor, { assignmentId, values })).savedAt;
    return { ok: true, message: "Nilai terkirim dan lembar nilai terkunci." };
  });
  // The submitted values live in the browser; echoing them back would only double the payload.
  delete state.values;
  if (state.fieldErrors) state.fieldErrors = byCriterion(state.fieldErrors);
  return savedAt ? { ...state, savedAt: savedAt.toISOString() } : state;
}

/** Form action: the film leaves the judge's queue; back to that queue afterwards. */
export async function declareConflictAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const values = formValues(formData);
  const state = await runFormAction(values, async () => {
    const actor = await requireActor(["judge"]);
    await declareConflict(getDb(), actor, { assignmentId: values.assignmentId, reason: values.reason });
  });
  if (state.ok) {
    // The slug only chooses where to go next; anything unexpected goes to the dashboard.
    const slug = values.editionSlug ?? "";
    redirect(/^[a-z0-9-]{1,200}$/.test(slug) ? `/juri/${slug}` : "/juri");
  }
  return state;
}
